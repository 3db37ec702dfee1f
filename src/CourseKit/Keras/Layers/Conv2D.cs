namespace CourseKit;

/// <summary>
/// A 2-D convolution layer (Keras's <c>Conv2D</c>): <see cref="Filters"/> small kernels slide over the images, and at
/// each position each kernel gives one number, the sum of its weights times the pixels under it, plus a bias. The
/// result is one feature map per filter: <c>output = activation(conv(inputs, kernel) + bias)</c>.
/// </summary>
/// <remarks>
/// Images are channels-last, (height, width, channels) per example, as in Keras; the kernel has shape
/// (kernelHeight, kernelWidth, inputChannels, filters), so a 3×3 layer with 32 filters on RGB images has
/// 3·3·3·32 + 32 = 896 weights. Grey images need a channel axis of size 1: (28, 28, 1).
/// </remarks>
public sealed class Conv2D : Layer
{
    private Variable? _kernel, _bias;

    /// <param name="filters">How many kernels (and so output channels) the layer has.</param>
    /// <param name="kernelSize">The window: <c>3</c> for 3×3, or <c>(3, 5)</c>.</param>
    /// <param name="strides">How far the window moves each step; (1, 1) by default. <c>2</c> halves the size.</param>
    /// <param name="padding">"valid" (no padding: the output shrinks by kernel − 1) or "same" (zeros around the border, so
    /// that with stride 1 the output keeps the input's height and width).</param>
    /// <param name="activation">Applied to the result: a name ("relu", …) or an <see cref="Activations"/> member; none by default.</param>
    /// <param name="useBias">Whether to add one bias per filter.</param>
    /// <param name="kernelInitializer">How the kernel starts: Glorot uniform by default.</param>
    /// <param name="biasInitializer">How the bias starts: zeros by default.</param>
    /// <param name="kernelRegularizer">A penalty on the kernel added to the loss, e.g. <c>new L2(0.01f)</c>.</param>
    /// <param name="biasRegularizer">A penalty on the bias.</param>
    /// <param name="inputShape">The shape of one image, for the first layer of a model, e.g. <c>[28, 28, 1]</c>.</param>
    /// <param name="name">The layer's name; "conv2d", "conv2d_1", … by default.</param>
    public Conv2D(int filters, Size2D kernelSize, Size2D? strides = null, string padding = "valid",
                  ActivationFunction? activation = null, bool useBias = true,
                  Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
                  Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null,
                  int[]? inputShape = null, string? name = null)
        : base(name, inputShape)
    {
        if (filters < 1)
            throw new ArgumentException($"Conv2D: filters must be a positive integer (the number of output channels), got {filters}.", nameof(filters));
        Filters = filters;
        KernelSize = kernelSize.RequirePositive("Conv2D", nameof(kernelSize));
        Strides = (strides ?? 1).RequirePositive("Conv2D", nameof(strides));
        Padding = ImageWindows.Padding(padding, "Conv2D");
        Activation = activation ?? Activations.Linear;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        if (inputShape is not null) EnsureBuilt([inputShape]);
    }

    /// <summary>The number of kernels (output channels).</summary>
    public int Filters { get; }

    public Size2D KernelSize { get; }

    public Size2D Strides { get; }

    /// <summary>"valid" or "same".</summary>
    public string Padding { get; }

    public ActivationFunction Activation { get; }

    public bool UseBias { get; }

    public Initializer KernelInitializer { get; }

    public Initializer BiasInitializer { get; }

    public Regularizer? KernelRegularizer { get; }

    public Regularizer? BiasRegularizer { get; }

    /// <summary>The kernels, shape (kernelHeight, kernelWidth, inputChannels, filters) (null before the layer is built).</summary>
    public Variable? Kernel => _kernel;

    /// <summary>One bias per filter (null before the layer is built or without a bias).</summary>
    public Variable? Bias => _bias;

    protected override void Build(int[] inputShape)
    {
        RequireImage(inputShape);
        _kernel = AddWeight("kernel", [KernelSize.Height, KernelSize.Width, inputShape[2], Filters], KernelInitializer, regularizer: KernelRegularizer);
        if (UseBias) _bias = AddWeight("bias", [Filters], BiasInitializer, regularizer: BiasRegularizer);
    }

    public override int[] ComputeOutputShape(int[] inputShape)
    {
        RequireImage(inputShape);
        var (height, width) = ImageWindows.Output(inputShape, KernelSize, Strides, Padding);
        return [height, width, Filters];
    }

    protected override string? Incompatibility(IReadOnlyList<int[]> inputShapes)
    {
        var shape = inputShapes[0];
        if (ImageWindows.NotAnImage(shape, KernelSize, Padding, "kernel") is string reason) return reason;
        int channels = _kernel!.Shape[2];
        return shape[2] == channels ? null
            : $"expected axis -1 of input shape to have value {channels}, but received input with shape {KerasTensor.Format(shape)}. " +
              $"The layer was built for images with {channels} channel(s).";
    }

    protected override Tensor Forward(Tensor inputs, bool training)
    {
        WeightDevices.Require(this, inputs, _kernel!);
        return inputs.Conv2DLayer(_kernel!.Value, Strides.ToTuple(), Padding, _bias?.Value, Activation);
    }

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["kernel_size"] = KernelSize.ToArray();
        config["strides"] = Strides.ToArray();
        config["padding"] = Padding;
        config["activation"] = Activation.Name;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = Initializer.Serialize(KernelInitializer);
        config["bias_initializer"] = Initializer.Serialize(BiasInitializer);
        config["kernel_regularizer"] = Regularizer.Serialize(KernelRegularizer);
        config["bias_regularizer"] = Regularizer.Serialize(BiasRegularizer);
        return config;
    }

    private void RequireImage(int[] shape)
    {
        if (ImageWindows.NotAnImage(shape, KernelSize, Padding, "kernel") is string reason)
            throw new ShapeException($"Input 0 of layer \"{Name}\" is incompatible with the layer: {reason}");
    }
}
