using System.Text;

namespace CourseKit;

/// <summary>
/// A building block of a network, with Keras's life cycle: created with its settings, <b>built</b> on first use from the
/// shape of its input (that is when its weights are made), then <b>called</b> on tensors. Shapes here are per example:
/// the batch axis is left out (Keras's <c>None</c>).
/// </summary>
/// <remarks>
/// To write a layer, override <see cref="Build(int[])"/> to create weights with <see cref="AddWeight"/>,
/// <see cref="ComputeOutputShape(int[])"/> if the shape changes, and <see cref="Forward(Tensor, bool)"/> for the
/// computation. Layers with several inputs (Concatenate, Add) override the list versions instead.
/// </remarks>
public abstract class Layer
{
    private static readonly Dictionary<string, int> NameCounts = [];
    private readonly List<Variable> _variables = [];
    private bool _trainable = true;

    protected Layer(string? name = null, int[]? inputShape = null)
    {
        Name = name ?? UniqueName(SnakeCase(GetType().Name));
        DeclaredInputShape = inputShape is null ? null : (int[])inputShape.Clone();
    }

    /// <summary>Unique name, numbered like Keras's: dense, dense_1, dense_2, …</summary>
    public string Name { get; }

    /// <summary>Whether training updates this layer's weights (set false to freeze it).</summary>
    public bool Trainable
    {
        get => _trainable;
        set
        {
            _trainable = value;
            foreach (var v in Weights) v.Refresh();
        }
    }

    /// <summary>Whether the weights exist yet (they are made on first use, from the input's shape).</summary>
    public bool Built { get; private set; }

    /// <summary>The per-example input shape given to the constructor (<c>inputShape: [2]</c>), if any.</summary>
    public int[]? DeclaredInputShape { get; }

    /// <summary>The per-example shape of the input(s) the layer was built for (null before it is built).</summary>
    public IReadOnlyList<int[]>? InputShapes { get; private set; }

    /// <summary>The per-example output shape (null before the layer is built).</summary>
    public int[]? OutputShape { get; private set; }

    /// <summary>All weights, in Keras's order (e.g. kernel then bias).</summary>
    public virtual IReadOnlyList<Variable> Weights => _variables;

    /// <summary>The weights training changes.</summary>
    public IReadOnlyList<Variable> TrainableWeights => Weights.Where(v => v.Trainable).ToList();

    /// <summary>The weights training does not change by gradient (frozen ones, moving statistics).</summary>
    public IReadOnlyList<Variable> NonTrainableWeights => Weights.Where(v => !v.Trainable).ToList();

    /// <summary>Copies of the weights' values, in <see cref="Weights"/> order (Keras's <c>get_weights()</c>).</summary>
    public Tensor[] GetWeights() => Weights.Select(v => v.Value.Clone()).ToArray();

    /// <summary>Replaces the weights' values, in <see cref="Weights"/> order (Keras's <c>set_weights()</c>): e.g.
    /// <c>layer.SetWeights([W, b])</c>. Counts and shapes must match.</summary>
    public void SetWeights(IReadOnlyList<Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var own = Weights;
        if (!Built && own.Count == 0)
            throw new InvalidOperationException($"Layer '{Name}' has no weights yet: it is built on first use. Call it on data (or give inputShape) before SetWeights.");
        if (weights.Count != own.Count)
            throw new ArgumentException($"Layer '{Name}' has {own.Count} weights ({Describe(own)}), but {weights.Count} were given.", nameof(weights));
        for (int i = 0; i < own.Count; i++)
            if (!ShapeMath.SameShape(weights[i].ShapeView, own[i].Value.ShapeView))
                throw new ShapeException($"Layer '{Name}': weight {i} ({own[i].Name}) has shape {ShapeMath.Format(own[i].Value.ShapeView)}, " +
                                         $"but the value given has shape {ShapeMath.Format(weights[i].ShapeView)}. Expected: {Describe(own)}.");
        for (int i = 0; i < own.Count; i++) own[i].Value = weights[i].Device == own[i].Value.Device ? weights[i].Clone() : weights[i].To(own[i].Value.Device);
    }

    /// <summary>Moves every weight to <paramref name="device"/> (e.g. <c>model.To(Device.Cuda())</c>) and returns the layer.
    /// Weights created later (a layer is built on first use) are created there too. <c>Fit</c>, <c>Evaluate</c> and
    /// <c>Predict</c> bring the data over one batch at a time; a layer called directly needs its input on that device.</summary>
    public Layer To(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        TargetDevice = device;
        foreach (var inner in InnerLayers()) inner.To(device);
        foreach (var v in Weights) v.Value = v.Value.To(device);
        return this;
    }

    /// <summary>The device given to <see cref="To"/>, where weights created later go (null: <see cref="Device.Default"/>).</summary>
    internal Device? TargetDevice { get; private set; }

    /// <summary>The layers inside this one (a model's layers), which <see cref="To"/> moves too.</summary>
    private protected virtual IEnumerable<Layer> InnerLayers() => [];

    /// <summary>How many numbers the weights hold in all.</summary>
    public int CountParams() => Weights.Sum(v => v.Size);

    /// <summary>Creates a weight (called from <see cref="Build(int[])"/>). The initializer defaults to Glorot uniform.</summary>
    protected Variable AddWeight(string name, int[] shape, Initializer? initializer = null, bool trainable = true, Regularizer? regularizer = null)
    {
        var value = (initializer ?? new GlorotUniform()).Create(shape);
        if (TargetDevice is { } device && value.Device != device) value = value.To(device);
        var variable = new Variable(name, value, trainable, regularizer) { Layer = this };
        variable.Refresh();
        _variables.Add(variable);
        return variable;
    }

    /// <summary>Creates the weights for inputs of <paramref name="inputShape"/> (per example). Default: no weights.</summary>
    protected virtual void Build(int[] inputShape) { }

    /// <summary>Creates the weights for several inputs (layers such as Concatenate override this).</summary>
    protected virtual void Build(IReadOnlyList<int[]> inputShapes) => Build(Single(inputShapes));

    /// <summary>The per-example output shape for a per-example input shape. Default: unchanged.</summary>
    public virtual int[] ComputeOutputShape(int[] inputShape) => inputShape;

    /// <summary>The per-example output shape for several inputs.</summary>
    public virtual int[] ComputeOutputShape(IReadOnlyList<int[]> inputShapes) => ComputeOutputShape(Single(inputShapes));

    /// <summary>Why an input of this per-example shape cannot go into the built layer, or null if it can.</summary>
    protected virtual string? Incompatibility(IReadOnlyList<int[]> inputShapes) => null;

    /// <summary>The computation, on a batch. <paramref name="training"/> is true during Fit (Dropout and BatchNormalization
    /// behave differently then).</summary>
    protected virtual Tensor Forward(Tensor inputs, bool training) =>
        throw new NotImplementedException($"Layer {GetType().Name} must override Forward (or Call).");

    /// <summary>The computation for layers with several inputs.</summary>
    protected virtual Tensor Forward(IReadOnlyList<Tensor> inputs, bool training) => Forward(Single(inputs), training);

    /// <summary>Runs the layer on a batch (building it first if needed). Subclassed models override this, as in Keras.</summary>
    public virtual Tensor Call(Tensor inputs, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        EnsureBuilt([PerExample(inputs)]);
        return Forward(inputs, training);
    }

    /// <summary>Runs a layer with several inputs on a batch.</summary>
    public virtual Tensor Call(IReadOnlyList<Tensor> inputs, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        EnsureBuilt(inputs.Select(PerExample).ToList());
        return Forward(inputs, training);
    }

    /// <summary>The functional API: connects this layer to a symbolic input and returns its symbolic output,
    /// <c>var h = new Dense(30, activation: "relu").Call(inputs);</c>.</summary>
    public KerasTensor Call(KerasTensor inputs) => Call([inputs]);

    /// <summary>The functional API for layers with several inputs.</summary>
    public KerasTensor Call(params KerasTensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var shapes = inputs.Select(i => i.Shape).ToList();
        EnsureBuilt(shapes);
        return new KerasTensor(shapes.Count == 1 ? ComputeOutputShape(shapes[0]) : ComputeOutputShape(shapes), this, inputs);
    }

    /// <summary>Builds the layer for these per-example shapes the first time; afterwards checks that they still fit.</summary>
    internal void EnsureBuilt(IReadOnlyList<int[]> shapes)
    {
        if (Built)
        {
            if (Incompatibility(shapes) is string reason)
                throw new ShapeException($"Input 0 of layer \"{Name}\" is incompatible with the layer: {reason}");
            return;
        }
        if (DeclaredInputShape is not null && shapes.Count == 1 && !ShapeMath.SameShape(DeclaredInputShape, shapes[0]))
            throw new ShapeException($"Input 0 of layer \"{Name}\" is incompatible with the layer: it was declared with inputShape " +
                                     $"{KerasTensor.Format(DeclaredInputShape)} but received input with shape {KerasTensor.Format(shapes[0])}.");
        if (shapes.Count == 1) Build(shapes[0]);
        else Build(shapes);
        InputShapes = shapes.Select(s => (int[])s.Clone()).ToList();
        OutputShape = shapes.Count == 1 ? ComputeOutputShape(shapes[0]) : ComputeOutputShape(shapes);
        Built = true;
    }

    /// <summary>The penalties of this layer's regularised weights (added to the loss during training).</summary>
    internal IEnumerable<Tensor> RegularizationLosses() =>
        Weights.Where(v => v.Regularizer is not null && v.Trainable).Select(v => v.Regularizer!.Penalty(v.Value));

    /// <summary>The settings that recreate this layer (Keras's <c>get_config()</c>), for saving. Keys use Keras's names.</summary>
    public virtual Dictionary<string, object?> GetConfig()
    {
        var config = new Dictionary<string, object?> { ["name"] = Name, ["trainable"] = Trainable };
        if (DeclaredInputShape is not null) config["input_shape"] = DeclaredInputShape;
        return config;
    }

    public override string ToString() => $"{GetType().Name} \"{Name}\"" + (OutputShape is null ? " (not built)" : $" → {KerasTensor.Format(OutputShape)}");

    /// <summary>Forgets the numbering of layer names (Keras's <c>clear_session()</c>): the next Dense is "dense" again.</summary>
    internal static void ResetNames()
    {
        lock (NameCounts) NameCounts.Clear();
    }

    private static string UniqueName(string baseName)
    {
        lock (NameCounts)
        {
            int n = NameCounts.GetValueOrDefault(baseName);
            NameCounts[baseName] = n + 1;
            return n == 0 ? baseName : $"{baseName}_{n}";
        }
    }

    /// <summary>Keras's names: Dense → dense, MaxPooling2D → max_pooling2d, BatchNormalization → batch_normalization.</summary>
    internal static string SnakeCase(string typeName)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < typeName.Length; i++)
        {
            char c = typeName[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(typeName[i - 1]) || i + 1 < typeName.Length && char.IsLower(typeName[i + 1]) && char.IsUpper(typeName[i - 1])))
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static int[] PerExample(Tensor batch)
    {
        if (batch.Rank == 0)
            throw new ShapeException("A layer's input needs a batch axis first; got a single number. Use x.Reshape(1, 1) for one example of one feature.");
        return batch.ShapeView[1..];
    }

    private T Single<T>(IReadOnlyList<T> items) => items.Count == 1 ? items[0]
        : throw new ArgumentException($"Layer \"{Name}\" ({GetType().Name}) takes one input, but {items.Count} were given.");

    private static string Describe(IReadOnlyList<Variable> variables) =>
        string.Join(", ", variables.Select(v => $"{v.Name} {ShapeMath.Format(v.Value.ShapeView)}"));
}
