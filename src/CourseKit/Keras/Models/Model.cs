using System.Reflection;

namespace CourseKit;

/// <summary>
/// A network of layers that can be trained (Keras's <c>Model</c>), made in one of three ways, as in Keras:
/// <list type="bullet">
/// <item><see cref="Sequential"/>: a stack of layers, one after the other;</item>
/// <item>the functional API: <c>new Model(inputs, outputs)</c> from <see cref="Input"/>s and layer calls, for networks
/// with several inputs, outputs or branches (the lecture's wide-and-deep model);</item>
/// <item>subclassing: a class deriving from <see cref="Model"/> that creates its layers as fields and overrides
/// <see cref="Call(Tensor, bool)"/> (and, to train in its own way, <see cref="TrainStep"/>).</item>
/// </list>
/// Then <c>Compile</c>, <c>Fit</c>, <c>Evaluate</c>, <c>Predict</c>, <c>Summary</c>, <c>Save</c>.
/// </summary>
public partial class Model : Layer
{
    private readonly FunctionalGraph? _graph;
    private int[]? _subclassOutputShape;

    /// <summary>A functional model from one input to one output.</summary>
    public Model(KerasTensor inputs, KerasTensor outputs, string? name = null) : this([inputs], [outputs], name) { }

    /// <summary>A functional model with several inputs and/or outputs (e.g. wide and deep).</summary>
    public Model(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null)
        : base(name ?? UniqueFunctionalName())
    {
        _graph = new FunctionalGraph(inputs, outputs);
        EnsureBuilt(inputs.Select(i => i.Shape).ToList());
    }

    /// <summary>For <see cref="Sequential"/> and for subclassed models.</summary>
    protected Model(string? name = null) : base(name) { }

    /// <summary>Set by a callback (e.g. EarlyStopping) to end training after the current epoch.</summary>
    public bool StopTraining { get; set; }

    /// <summary>The layers, in order (for a functional model including its input layers, as in Keras).</summary>
    public virtual IReadOnlyList<Layer> Layers => _graph?.Layers ?? DiscoveredLayers();

    /// <summary>Every weight of every layer, in layer order (Keras's <c>model.weights</c>).</summary>
    public override IReadOnlyList<Variable> Weights => Layers.SelectMany(l => l.Weights).Distinct().ToList();

    private protected override IEnumerable<Layer> InnerLayers() => Layers.Where(l => l != this);

    /// <summary>The graph of a functional model (null for Sequential and subclassed models).</summary>
    internal FunctionalGraph? Graph => _graph;

    /// <summary>How many inputs the model takes.</summary>
    public int InputCount => _graph?.Inputs.Count ?? 1;

    /// <summary>How many outputs the model gives.</summary>
    public int OutputCount => _graph?.Outputs.Count ?? 1;

    /// <summary>The names of the outputs (the layers producing them), used to label per-output losses and metrics.</summary>
    public IReadOnlyList<string> OutputNames => _graph?.Outputs.Select(o => o.Producer.Name).ToList() ?? [Name];

    /// <summary>Replaces all weights at once, in <see cref="Layer.Weights"/> order: <c>model.SetWeights([W1, b1, W2, b2])</c>.</summary>
    public new void SetWeights(IReadOnlyList<Tensor> weights) => base.SetWeights(weights);

    /// <summary>Runs the model on a batch. Subclassed models override this to describe their forward pass.</summary>
    public override Tensor Call(Tensor inputs, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Single(Outputs([inputs], training), "Call");
    }

    /// <summary>Runs a model with several inputs on a batch (one tensor per input, in order).</summary>
    public override Tensor Call(IReadOnlyList<Tensor> inputs, bool training = false) => Single(Outputs(inputs, training), "Call");

    /// <summary>Every output of the model for these inputs.</summary>
    internal virtual IReadOnlyList<Tensor> Outputs(IReadOnlyList<Tensor> inputs, bool training)
    {
        if (_graph is null)
        {
            if (inputs.Count != 1) throw new ArgumentException($"Model \"{Name}\" takes one input, but {inputs.Count} were given.");
            if (!Built) EnsureBuilt([inputs[0].ShapeView[1..]]);
            return [Call(inputs[0], training)];
        }
        return _graph.Run(inputs, training, Name);
    }

    private Tensor Single(IReadOnlyList<Tensor> outputs, string what) => outputs.Count == 1 ? outputs[0]
        : throw new InvalidOperationException($"Model \"{Name}\" has {outputs.Count} outputs ({string.Join(", ", OutputNames)}); {what} returns one tensor. " +
                                              "Use PredictOutputs to get them all.");

    protected override void Build(int[] inputShape)
    {
        if (_graph is not null || this is Sequential) return;
        // A subclassed model's layers make their weights when first called: run it once on a batch of zeros.
        using (Autograd.NoGrad())
            _subclassOutputShape = Call(Tensor.Zeros([1, .. inputShape]), training: false).ShapeView[1..];
    }

    protected override void Build(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count == 1) Build(inputShapes[0]);
    }

    public override int[] ComputeOutputShape(int[] inputShape) =>
        _graph?.Outputs[0].Shape ?? _subclassOutputShape ?? inputShape;

    public override int[] ComputeOutputShape(IReadOnlyList<int[]> inputShapes) => _graph?.Outputs[0].Shape ?? inputShapes[0];

    protected override string? Incompatibility(IReadOnlyList<int[]> inputShapes) =>
        _graph?.Incompatibility(inputShapes);

    /// <summary>The layers a subclassed model keeps in its fields (and in fields holding lists of layers), in declaration order.</summary>
    private List<Layer> DiscoveredLayers()
    {
        var layers = new List<Layer>();
        for (var type = GetType(); type is not null && type != typeof(Model); type = type.BaseType)
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                switch (field.GetValue(this))
                {
                    case Layer layer: layers.Add(layer); break;
                    case IEnumerable<Layer> many: layers.AddRange(many); break;
                }
        return layers.Distinct().ToList();
    }

    private static int _functionalCount;

    private static string UniqueFunctionalName()
    {
        int n = Interlocked.Increment(ref _functionalCount) - 1;
        return n == 0 ? "functional" : $"functional_{n}";
    }

    /// <summary>Forgets the numbering of layer and model names (Keras's <c>keras.backend.clear_session()</c>).</summary>
    public static void ClearSession()
    {
        ResetNames();
        Interlocked.Exchange(ref _functionalCount, 0);
    }
}
