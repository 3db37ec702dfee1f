namespace CourseKit;

/// <summary>
/// The graph behind a functional model: which layer is applied to which placeholders, in an order where every layer
/// comes after the layers it depends on. Running it maps each placeholder to the real tensor computed for it.
/// </summary>
internal sealed class FunctionalGraph
{
    private readonly List<KerasTensor> _order = [];

    public FunctionalGraph(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs)
    {
        if (inputs.Count == 0 || outputs.Count == 0) throw new ArgumentException("A functional model needs at least one input and one output.");
        foreach (var input in inputs)
            if (input is not Input)
                throw new ArgumentException($"Model inputs must be Input placeholders (new Input(shape: …)); {input} is the output of a layer.");
        Inputs = inputs;
        Outputs = outputs;
        var visited = new HashSet<KerasTensor>(ReferenceEqualityComparer.Instance);
        foreach (var output in outputs) Visit(output, visited);
        foreach (var used in _order.Where(t => t.Parents.Count == 0))
            if (!inputs.Contains(used))
                throw new ArgumentException($"The outputs depend on {used.Producer.Name}, which is not among the model's inputs; pass it in Model(inputs: […], …).");
        Layers = _order.Select(t => t.Producer).Distinct().ToList();
    }

    public IReadOnlyList<KerasTensor> Inputs { get; }

    public IReadOnlyList<KerasTensor> Outputs { get; }

    /// <summary>Every layer once, inputs first, each after the layers it reads from.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Every placeholder in computation order.</summary>
    public IReadOnlyList<KerasTensor> Nodes => _order;

    private void Visit(KerasTensor node, HashSet<KerasTensor> visited)
    {
        if (!visited.Add(node)) return;
        foreach (var parent in node.Parents) Visit(parent, visited);
        _order.Add(node);
    }

    public IReadOnlyList<Tensor> Run(IReadOnlyList<Tensor> inputs, bool training, string modelName)
    {
        if (inputs.Count != Inputs.Count)
            throw new ArgumentException($"Model \"{modelName}\" has {Inputs.Count} inputs ({string.Join(", ", Inputs.Select(i => i.Producer.Name))}), but {inputs.Count} tensors were given.");
        var values = new Dictionary<KerasTensor, Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < inputs.Count; i++)
        {
            var expected = Inputs[i].Shape;
            if (!ShapeMath.SameShape(inputs[i].ShapeView.Length > 0 ? inputs[i].ShapeView[1..] : [], expected))
                throw new ShapeException($"Input {i} of model \"{modelName}\" ({Inputs[i].Producer.Name}) expects shape {KerasTensor.Format(expected)}, " +
                                         $"but received input with shape {ShapeMath.Format(inputs[i].ShapeView)}.");
            values[Inputs[i]] = inputs[i];
        }
        foreach (var node in _order)
        {
            if (values.ContainsKey(node)) continue;
            var args = node.Parents.Select(p => values[p]).ToList();
            values[node] = args.Count == 1 ? node.Producer.Call(args[0], training) : node.Producer.Call(args, training);
        }
        return Outputs.Select(o => values[o]).ToList();
    }

    public string? Incompatibility(IReadOnlyList<int[]> shapes)
    {
        if (shapes.Count != Inputs.Count) return $"expected {Inputs.Count} inputs, got {shapes.Count}.";
        for (int i = 0; i < shapes.Count; i++)
            if (!ShapeMath.SameShape(shapes[i], Inputs[i].Shape))
                return $"input {i} ({Inputs[i].Producer.Name}) should have shape {KerasTensor.Format(Inputs[i].Shape)}, but has {KerasTensor.Format(shapes[i])}.";
        return null;
    }
}
