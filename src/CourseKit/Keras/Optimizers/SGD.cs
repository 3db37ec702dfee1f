namespace CourseKit;

/// <summary>
/// Stochastic gradient descent (Keras's <c>SGD</c>): every step moves each weight w a little against its gradient g,
/// by the learning rate η:
/// <code>
/// w ← w − η·g
/// </code>
/// With momentum μ it keeps a velocity v per weight (starting at 0), a running sum of past steps, so that steps that
/// keep the same direction grow and zig-zags cancel out:
/// <code>
/// v ← μ·v − η·g
/// w ← w + v                 (Nesterov: w ← w + μ·v − η·g, the step "looking ahead" with the new v)
/// </code>
/// <c>new SGD(learningRate: 0.1, momentum: 0.9)</c>, or <c>"sgd"</c> for Keras's defaults.
/// </summary>
public sealed class SGD : Optimizer
{
    /// <summary>Gradient descent with a fixed learning rate (callbacks such as ReduceLROnPlateau may change it).</summary>
    /// <param name="learningRate">η, the size of the steps.</param>
    /// <param name="momentum">μ in [0, 1]: how much of the previous step is kept (0: plain gradient descent; 0.9 is common).</param>
    /// <param name="nesterov">Whether to use Nesterov momentum.</param>
    /// <param name="clipnorm">If set, each weight's gradient is scaled down so that its L2 norm is at most this.</param>
    /// <param name="clipvalue">If set, each gradient element is limited to [−clipvalue, clipvalue].</param>
    public SGD(double learningRate = 0.01, double momentum = 0.0, bool nesterov = false, double? clipnorm = null, double? clipvalue = null)
        : this(learningRate, null, momentum, nesterov, clipnorm, clipvalue) { }

    /// <summary>Gradient descent whose learning rate follows a schedule:
    /// <c>new SGD(learningRate: new ExponentialDecay(0.1, decaySteps: 1000, decayRate: 0.96))</c>.</summary>
    public SGD(LearningRateSchedule learningRate, double momentum = 0.0, bool nesterov = false, double? clipnorm = null, double? clipvalue = null)
        : this(0, RequireSchedule(learningRate, "sgd", "0.01"), momentum, nesterov, clipnorm, clipvalue) { }

    private SGD(double learningRate, LearningRateSchedule? schedule, double momentum, bool nesterov, double? clipnorm, double? clipvalue)
        : base("sgd", learningRate, schedule, clipnorm, clipvalue)
    {
        Momentum = Setting.Fraction(momentum, "sgd", nameof(momentum), "0.9 is common");
        Nesterov = nesterov;
    }

    /// <summary>μ, the fraction of the previous step kept in the velocity (0: no momentum).</summary>
    public double Momentum { get; }

    /// <summary>Whether the step uses Nesterov momentum.</summary>
    public bool Nesterov { get; }

    protected override void Update(Variable variable, Tensor gradient, float learningRate)
    {
        // One fused pass per weight (Backends.Scalar.Step):
        //   without momentum:  w ← w − η·g
        //   with momentum μ:   v ← μ·v − η·g;  w ← w + v   (Nesterov: w ← w + μ·v − η·g)
        var settings = new Backends.UpdateSettings(learningRate, Momentum: (float)Momentum);
        if (Momentum == 0) ApplyFused(variable, gradient, Backends.UpdateRule.Sgd, settings);
        else ApplyFused(variable, gradient, Nesterov ? Backends.UpdateRule.Nesterov : Backends.UpdateRule.Momentum, settings, "momentum");
    }

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["momentum"] = Momentum;
        config["nesterov"] = Nesterov;
        return config;
    }

    internal static SGD FromConfig(ConfigReader config)
    {
        var defaults = new SGD();
        var (learningRate, schedule) = config.LearningRate(defaults.LearningRate);
        var (clipnorm, clipvalue) = config.Clipping();
        return new SGD(learningRate, schedule, config.Number("momentum", defaults.Momentum), config.Bool("nesterov", defaults.Nesterov),
                       clipnorm, clipvalue);
    }
}
