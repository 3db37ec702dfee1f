namespace CourseKit;

/// <summary>
/// Normalises each feature to mean 0 and variance 1, then scales and shifts it by learned γ and β (Keras's
/// <c>BatchNormalization</c>): <c>output = γ · (x − μ) / √(σ² + ε) + β</c>. It keeps the inputs of the next layer in a
/// steady range, which lets deep networks train faster.
/// </summary>
/// <remarks>
/// <para><b>Training</b> (<c>Fit</c>): μ and σ² are the mean and the (biased, divide-by-n) variance of the batch, taken
/// over every axis except <see cref="Axis"/>; gradients flow through them too. Each call also moves the running
/// statistics towards them: <c>moving = moving · momentum + batch · (1 − momentum)</c>.</para>
/// <para><b>Inference</b> (<c>Predict</c>, <c>Evaluate</c>), and whenever the layer is frozen (<c>Trainable = false</c>, as in
/// Keras 3): μ and σ² are the moving mean and variance, so one example's output does not depend on the others.</para>
/// <para>Weights, in Keras's order: gamma, beta (trainable), moving_mean, moving_variance (not trainable): 4 per feature.</para>
/// </remarks>
public sealed class BatchNormalization : Layer
{
    private Variable? _gamma, _beta, _movingMean, _movingVariance;
    private int[] _reduceAxes = [], _paramShape = [];

    /// <param name="axis">The feature axis, counting the batch axis (−1, the last, by default: the channels of NHWC images).</param>
    /// <param name="momentum">How slowly the moving statistics follow the batches (0.99 by default).</param>
    /// <param name="epsilon">Added to the variance so that it is never divided by zero (1e-3 by default).</param>
    /// <param name="center">Whether to learn the shift β.</param>
    /// <param name="scale">Whether to learn the scale γ (Keras suggests false when the next layer is linear or ReLU).</param>
    /// <param name="betaInitializer">How β starts: zeros.</param>
    /// <param name="gammaInitializer">How γ starts: ones.</param>
    /// <param name="movingMeanInitializer">How the moving mean starts: zeros.</param>
    /// <param name="movingVarianceInitializer">How the moving variance starts: ones.</param>
    /// <param name="betaRegularizer">A penalty on β.</param>
    /// <param name="gammaRegularizer">A penalty on γ.</param>
    /// <param name="inputShape">The shape of one example, when this is the first layer of a model.</param>
    /// <param name="name">The layer's name; "batch_normalization", … by default.</param>
    public BatchNormalization(int axis = -1, float momentum = 0.99f, float epsilon = 1e-3f, bool center = true, bool scale = true,
                              Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
                              Initializer? movingMeanInitializer = null, Initializer? movingVarianceInitializer = null,
                              Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
                              int[]? inputShape = null, string? name = null)
        : base(name, inputShape)
    {
        if (!(momentum >= 0 && momentum <= 1))
            throw new ArgumentException($"BatchNormalization: momentum must be between 0 and 1 (0.99 is usual), got {momentum}.", nameof(momentum));
        if (!(epsilon > 0) || !float.IsFinite(epsilon))
            throw new ArgumentException($"BatchNormalization: epsilon must be a small positive number (1e-3 by default), got {epsilon}.", nameof(epsilon));
        Axis = axis;
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = betaInitializer ?? new Zeros();
        GammaInitializer = gammaInitializer ?? new Ones();
        MovingMeanInitializer = movingMeanInitializer ?? new Zeros();
        MovingVarianceInitializer = movingVarianceInitializer ?? new Ones();
        BetaRegularizer = betaRegularizer;
        GammaRegularizer = gammaRegularizer;
        if (inputShape is not null) EnsureBuilt([inputShape]);
    }

    /// <summary>The feature axis (of the whole batch, so 1 … rank−1, or negative from the end).</summary>
    public int Axis { get; }

    public float Momentum { get; }

    public float Epsilon { get; }

    /// <summary>Whether β is learned.</summary>
    public bool Center { get; }

    /// <summary>Whether γ is learned.</summary>
    public bool Scale { get; }

    public Initializer BetaInitializer { get; }

    public Initializer GammaInitializer { get; }

    public Initializer MovingMeanInitializer { get; }

    public Initializer MovingVarianceInitializer { get; }

    public Regularizer? BetaRegularizer { get; }

    public Regularizer? GammaRegularizer { get; }

    /// <summary>The scale γ, one per feature (null before the layer is built or with scale: false).</summary>
    public Variable? Gamma => _gamma;

    /// <summary>The shift β, one per feature (null before the layer is built or with center: false).</summary>
    public Variable? Beta => _beta;

    /// <summary>The running mean used in inference.</summary>
    public Variable? MovingMean => _movingMean;

    /// <summary>The running variance used in inference.</summary>
    public Variable? MovingVariance => _movingVariance;

    protected override void Build(int[] inputShape)
    {
        int rank = inputShape.Length + 1, axis = FeatureAxis(rank);
        int features = inputShape[axis - 1];
        _reduceAxes = Enumerable.Range(0, rank).Where(a => a != axis).ToArray();
        _paramShape = Enumerable.Range(0, rank).Select(a => a == axis ? features : 1).ToArray();
        if (Scale) _gamma = AddWeight("gamma", [features], GammaInitializer, regularizer: GammaRegularizer);
        if (Center) _beta = AddWeight("beta", [features], BetaInitializer, regularizer: BetaRegularizer);
        _movingMean = AddWeight("moving_mean", [features], MovingMeanInitializer, trainable: false);
        _movingVariance = AddWeight("moving_variance", [features], MovingVarianceInitializer, trainable: false);
    }

    protected override string? Incompatibility(IReadOnlyList<int[]> inputShapes)
    {
        var shape = inputShapes[0];
        if (shape.Length + 1 != _paramShape.Length)
            return $"expected ndim={_paramShape.Length}, found ndim={shape.Length + 1}. Full shape received: {KerasTensor.Format(shape)}.";
        int axis = FeatureAxis(_paramShape.Length);
        int features = _movingMean!.Shape[0];
        return shape[axis - 1] == features ? null
            : $"expected axis {Axis} of input shape to have value {features}, but received input with shape {KerasTensor.Format(shape)}.";
    }

    protected override Tensor Forward(Tensor inputs, bool training)
    {
        WeightDevices.Require(this, inputs, _movingMean!);
        Tensor mean, variance;
        if (training && Trainable)
        {
            // The batch's statistics, from differentiable operations, so the gradient also flows through μ and σ².
            mean = inputs.Mean(_reduceAxes, keepDims: true);
            var centered = inputs - mean;
            variance = (centered * centered).Mean(_reduceAxes, keepDims: true);
            using (Autograd.NoGrad())
            {
                int features = _movingMean!.Shape[0];
                _movingMean.Value = _movingMean.Value * Momentum + mean.Detach().Reshape(features) * (1 - Momentum);
                _movingVariance!.Value = _movingVariance.Value * Momentum + variance.Detach().Reshape(features) * (1 - Momentum);
            }
            return Normalize(centered, variance);
        }
        mean = _movingMean!.Value.Reshape(_paramShape);
        variance = _movingVariance!.Value.Reshape(_paramShape);
        return Normalize(inputs - mean, variance);
    }

    /// <summary>γ · (x − μ) / √(σ² + ε) + β, with γ and β shaped to broadcast along the feature axis.</summary>
    private Tensor Normalize(Tensor centered, Tensor variance)
    {
        var y = centered / (variance + Epsilon).Sqrt();
        if (_gamma is not null) y *= _gamma.Value.Reshape(_paramShape);
        if (_beta is not null) y += _beta.Value.Reshape(_paramShape);
        return y;
    }

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        config["momentum"] = Momentum;
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        config["beta_initializer"] = Initializer.Serialize(BetaInitializer);
        config["gamma_initializer"] = Initializer.Serialize(GammaInitializer);
        config["moving_mean_initializer"] = Initializer.Serialize(MovingMeanInitializer);
        config["moving_variance_initializer"] = Initializer.Serialize(MovingVarianceInitializer);
        config["beta_regularizer"] = Regularizer.Serialize(BetaRegularizer);
        config["gamma_regularizer"] = Regularizer.Serialize(GammaRegularizer);
        return config;
    }

    /// <summary><see cref="Axis"/> as a position 1 … rank−1 in a batch of <paramref name="rank"/> axes.</summary>
    private int FeatureAxis(int rank)
    {
        int axis = Axis < 0 ? Axis + rank : Axis;
        if (axis == 0)
            throw new ShapeException($"BatchNormalization \"{Name}\": axis {Axis} is the batch axis; it must be a feature axis (−1, the last, is usual).");
        if (axis < 0 || axis >= rank)
            throw new ShapeException($"BatchNormalization \"{Name}\": axis {Axis} does not exist for inputs of shape " +
                                     $"(None, …) with {rank} axes; valid feature axes are 1 … {rank - 1} (or −1 for the last).");
        return axis;
    }
}
