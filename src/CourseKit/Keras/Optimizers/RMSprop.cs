namespace CourseKit;

/// <summary>
/// RMSprop (Keras's <c>RMSprop</c>): divides each gradient by the root of a running average of its recent squares, so
/// every weight moves at a similar pace however large its gradients are. Per weight it keeps that average s (starting
/// at 0); with gradient g:
/// <code>
/// s ← ρ·s + (1 − ρ)·g²
/// Δ = η·g / √(s + ε)
/// w ← w − Δ
/// </code>
/// With momentum μ the steps are accumulated as in SGD: p ← μ·p + Δ, w ← w − p. Centered, it also averages the
/// gradients, ḡ ← ρ·ḡ + (1 − ρ)·g, and divides by √(s − ḡ² + ε), an estimate of their spread. <c>"rmsprop"</c> gives
/// Keras's defaults.
/// </summary>
public sealed class RMSprop : Optimizer
{
    /// <summary>RMSprop with a fixed learning rate (callbacks such as ReduceLROnPlateau may change it).</summary>
    /// <param name="learningRate">η, the size of the steps.</param>
    /// <param name="rho">ρ in [0, 1): how slowly the average of squared gradients forgets.</param>
    /// <param name="momentum">μ in [0, 1]: how much of the previous step is kept (0: none).</param>
    /// <param name="epsilon">ε, a small number that keeps the division safe.</param>
    /// <param name="centered">Whether to divide by the gradients' estimated variance instead of their mean square.</param>
    /// <param name="clipnorm">If set, each weight's gradient is scaled down so that its L2 norm is at most this.</param>
    /// <param name="clipvalue">If set, each gradient element is limited to [−clipvalue, clipvalue].</param>
    public RMSprop(double learningRate = 0.001, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7, bool centered = false,
                   double? clipnorm = null, double? clipvalue = null)
        : this(learningRate, null, rho, momentum, epsilon, centered, clipnorm, clipvalue) { }

    /// <summary>RMSprop whose learning rate follows a schedule.</summary>
    public RMSprop(LearningRateSchedule learningRate, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7, bool centered = false,
                   double? clipnorm = null, double? clipvalue = null)
        : this(0, RequireSchedule(learningRate, "rmsprop", "0.001"), rho, momentum, epsilon, centered, clipnorm, clipvalue) { }

    private RMSprop(double learningRate, LearningRateSchedule? schedule, double rho, double momentum, double epsilon, bool centered,
                    double? clipnorm, double? clipvalue)
        : base("rmsprop", learningRate, schedule, clipnorm, clipvalue)
    {
        Rho = Setting.Decay(rho, "rmsprop", nameof(rho), "0.9 is usual");
        Momentum = Setting.Fraction(momentum, "rmsprop", nameof(momentum));
        Epsilon = Setting.NotNegative(epsilon, "rmsprop", nameof(epsilon), "1e-7 is usual");
        Centered = centered;
    }

    /// <summary>ρ, the decay of the running average of squared gradients.</summary>
    public double Rho { get; }

    /// <summary>μ, the fraction of the previous step kept (0: no momentum).</summary>
    public double Momentum { get; }

    /// <summary>ε, added under the square root to avoid dividing by zero.</summary>
    public double Epsilon { get; }

    /// <summary>Whether the gradients' variance (rather than their mean square) scales the steps.</summary>
    public bool Centered { get; }

    protected override void Update(Variable variable, Tensor gradient, float learningRate)
    {
        float rho = (float)Rho, oneMinusRho = (float)(1 - Rho), epsilon = (float)Epsilon;
        var s = Slot(variable, "velocity") * rho + gradient.Square() * oneMinusRho; // s ← ρ·s + (1 − ρ)·g²
        SetSlot(variable, "velocity", s);
        Tensor denominator;
        if (Centered)
        {
            var mean = Slot(variable, "average_gradient") * rho + gradient * oneMinusRho; // ḡ ← ρ·ḡ + (1 − ρ)·g
            SetSlot(variable, "average_gradient", mean);
            denominator = s - mean.Square() + epsilon;
        }
        else denominator = s + epsilon;
        var step = gradient * learningRate / denominator.Sqrt(); // Δ = η·g / √(s + ε)

        if (Momentum > 0)
        {
            step = Slot(variable, "momentum") * (float)Momentum + step; // p ← μ·p + Δ
            SetSlot(variable, "momentum", step);
        }
        variable.Assign(variable.Value - step);
    }

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["rho"] = Rho;
        config["momentum"] = Momentum;
        config["epsilon"] = Epsilon;
        config["centered"] = Centered;
        return config;
    }

    internal static RMSprop FromConfig(ConfigReader config)
    {
        var defaults = new RMSprop();
        var (learningRate, schedule) = config.LearningRate(defaults.LearningRate);
        var (clipnorm, clipvalue) = config.Clipping();
        return new RMSprop(learningRate, schedule, config.Number("rho", defaults.Rho), config.Number("momentum", defaults.Momentum),
                           config.Number("epsilon", defaults.Epsilon), config.Bool("centered", defaults.Centered), clipnorm, clipvalue);
    }
}
