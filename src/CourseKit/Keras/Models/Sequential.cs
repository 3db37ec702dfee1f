namespace CourseKit;

/// <summary>
/// A stack of layers where each layer's output is the next one's input (Keras's <c>Sequential</c>):
/// <code>
/// var model = new Sequential();
/// model.Add(new Dense(8, inputShape: [2], activation: "sigmoid"));
/// model.Add(new Dense(2, activation: "softmax"));
/// </code>
/// The model is built (its weights made) as soon as the input shape is known: from the first layer's
/// <c>inputShape</c>, an added <see cref="Input"/>, or the first data it sees.
/// </summary>
public sealed class Sequential : Model
{
    private readonly List<Layer> _layers = [];
    private int[]? _inputShape;

    public Sequential(IEnumerable<Layer>? layers = null, string? name = null) : base(name)
    {
        foreach (var layer in layers ?? []) Add(layer);
    }

    /// <summary>The layers in order (without an input layer, as in Keras).</summary>
    public override IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Adds a layer on top of the stack.</summary>
    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is InputLayer input) { Add(input.DeclaredInputShape!); return; }
        if (_layers.Contains(layer)) throw new ArgumentException($"Layer \"{layer.Name}\" is already in the model; create a new layer to add another one.");
        if (_layers.Count == 0 && _inputShape is null && layer.DeclaredInputShape is not null) _inputShape = layer.DeclaredInputShape;
        _layers.Add(layer);
        if (TargetDevice is { } device) layer.To(device);
        if (_inputShape is not null) BuildStack(_inputShape);
    }

    /// <summary>Fixes the input shape, like adding <c>keras.Input(shape=…)</c> first.</summary>
    public void Add(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Add(input.Shape);
    }

    private void Add(int[] inputShape)
    {
        if (_layers.Count > 0) throw new InvalidOperationException("Add the Input before any layer.");
        _inputShape = inputShape;
    }

    public override Tensor Call(Tensor inputs, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (_layers.Count == 0) throw new InvalidOperationException($"Sequential model \"{Name}\" has no layers yet; Add some first.");
        var x = inputs;
        foreach (var layer in _layers) x = layer.Call(x, training);
        return x;
    }

    protected override void Build(int[] inputShape) => BuildStack(inputShape);

    public override int[] ComputeOutputShape(int[] inputShape) =>
        _layers.Aggregate(inputShape, (shape, layer) => layer.ComputeOutputShape(shape));

    /// <summary>Builds every layer in turn from the shape flowing through the stack, so that Summary works before Fit.</summary>
    private void BuildStack(int[] inputShape)
    {
        var shape = inputShape;
        foreach (var layer in _layers)
        {
            layer.EnsureBuilt([shape]);
            shape = layer.OutputShape!;
        }
    }

    protected override string? Incompatibility(IReadOnlyList<int[]> inputShapes) => null; // the first layer checks its input

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["layers"] = _layers.Select(LayerConfig.Of).ToList();
        if (_inputShape is not null) config["input_shape"] = _inputShape;
        return config;
    }
}
