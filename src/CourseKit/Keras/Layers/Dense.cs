namespace CourseKit;

/// <summary>
/// A fully connected layer (Keras's <c>Dense</c>): <c>output = activation(inputs · kernel + bias)</c>. Every output unit
/// sees every input feature through its own weight.
/// </summary>
/// <remarks>
/// The kernel has shape (inputFeatures, units) and is made on first use, when the number of input features is known:
/// <c>new Dense(300, activation: "relu")</c> on 784 features has 784·300 + 300 = 235,500 weights. Inputs with more axes
/// per example, such as (28, 28) images, are multiplied along their last axis only (as in Keras, with a warning, since
/// in this course that is almost always a forgotten <see cref="Flatten"/>); put a Flatten layer first to treat each
/// example as one vector.
/// </remarks>
public sealed class Dense : Layer
{
    private Variable? _kernel, _bias;

    /// <param name="units">How many outputs (neurons) the layer has.</param>
    /// <param name="activation">Applied to the result: a name ("relu", "softmax", …) or an <see cref="Activations"/> member;
    /// none (linear) by default.</param>
    /// <param name="useBias">Whether to add a bias vector.</param>
    /// <param name="kernelInitializer">How the kernel starts: Glorot uniform by default; a name ("he_normal") or an object.</param>
    /// <param name="biasInitializer">How the bias starts: zeros by default.</param>
    /// <param name="kernelRegularizer">A penalty on the kernel added to the loss, e.g. <c>new L2(0.01f)</c> or "l2".</param>
    /// <param name="biasRegularizer">A penalty on the bias.</param>
    /// <param name="inputShape">The shape of one example, for the first layer of a model (e.g. <c>[784]</c>); the layer is
    /// then built right away.</param>
    /// <param name="name">The layer's name; "dense", "dense_1", … by default.</param>
    public Dense(int units, ActivationFunction? activation = null, bool useBias = true,
                 Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
                 Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null,
                 int[]? inputShape = null, string? name = null)
        : base(name, inputShape)
    {
        if (units < 1)
            throw new ArgumentException($"Dense: units must be a positive integer (the number of outputs), got {units}.", nameof(units));
        Units = units;
        Activation = activation ?? Activations.Linear;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        if (inputShape is not null) EnsureBuilt([inputShape]);
    }

    /// <summary>The number of outputs.</summary>
    public int Units { get; }

    public ActivationFunction Activation { get; }

    public bool UseBias { get; }

    public Initializer KernelInitializer { get; }

    public Initializer BiasInitializer { get; }

    public Regularizer? KernelRegularizer { get; }

    public Regularizer? BiasRegularizer { get; }

    /// <summary>The weights W, shape (inputFeatures, units) (null before the layer is built).</summary>
    public Variable? Kernel => _kernel;

    /// <summary>The bias b, shape (units,) (null before the layer is built or without a bias).</summary>
    public Variable? Bias => _bias;

    protected override void Build(int[] inputShape)
    {
        if (inputShape.Length == 0)
            throw new ShapeException($"Input 0 of layer \"{Name}\" is incompatible with the layer: expected min_ndim=2, found ndim=1. " +
                                     $"Full shape received: {KerasTensor.Format(inputShape)}. Each example needs at least one feature axis; " +
                                     "for one feature per example reshape the data with x.Reshape(-1, 1).");
        if (inputShape.Length > 1)
            Warnings.Write($"Dense layer \"{Name}\" gets inputs of shape {KerasTensor.Format(inputShape)} and acts on their last axis only, " +
                           $"so its output has shape {KerasTensor.Format(ComputeOutputShape(inputShape))}: many values per example instead of {Units}. " +
                           "A Flatten layer before it is probably missing (e.g. model.Add(new Flatten()) after the last convolution or pooling layer).");
        _kernel = AddWeight("kernel", [inputShape[^1], Units], KernelInitializer, regularizer: KernelRegularizer);
        if (UseBias) _bias = AddWeight("bias", [Units], BiasInitializer, regularizer: BiasRegularizer);
    }

    public override int[] ComputeOutputShape(int[] inputShape) =>
        inputShape.Length == 0 ? [Units] : [.. inputShape[..^1], Units];

    protected override string? Incompatibility(IReadOnlyList<int[]> inputShapes)
    {
        var shape = inputShapes[0];
        int features = _kernel!.Shape[0];
        if (shape.Length > 0 && shape[^1] == features) return null;
        string reason = $"expected axis -1 of input shape to have value {features}, but received input with shape {KerasTensor.Format(shape)}.";
        if (shape.Length > 1)
        {
            int size = shape.Aggregate(1, (p, d) => p * d);
            reason += $" Each example has shape {ShapeMath.Format(shape)}" + (size == features ? $", {size} numbers in all" : "") +
                      ": add a Flatten layer before it to turn each example into a vector.";
        }
        return reason;
    }

    protected override Tensor Forward(Tensor inputs, bool training)
    {
        WeightDevices.Require(this, inputs, _kernel!);
        return inputs.MatMul(_kernel!.Value).BiasActivation(_bias?.Value, Activation);
    }

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = Units;
        config["activation"] = Activation.Name;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = Initializer.Serialize(KernelInitializer);
        config["bias_initializer"] = Initializer.Serialize(BiasInitializer);
        config["kernel_regularizer"] = Regularizer.Serialize(KernelRegularizer);
        config["bias_regularizer"] = Regularizer.Serialize(BiasRegularizer);
        return config;
    }
}
