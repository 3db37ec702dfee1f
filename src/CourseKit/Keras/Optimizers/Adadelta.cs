namespace CourseKit;

/// <summary>
/// Adadelta (Keras's <c>Adadelta</c>): like RMSprop it divides by the root of a running average of squared gradients,
/// but it multiplies by the root of a running average of its own past squared steps, so the steps carry the weights'
/// units and adapt without a hand-tuned rate. Per weight it keeps both averages, s for gradients and d for steps
/// (starting at 0); with gradient g:
/// <code>
/// s ← ρ·s + (1 − ρ)·g²
/// Δ = −√(d + ε) / √(s + ε) · g
/// d ← ρ·d + (1 − ρ)·Δ²
/// w ← w + η·Δ
/// </code>
/// The original paper has no learning rate (η = 1); Keras's default η is 0.001. <c>"adadelta"</c> gives Keras's defaults.
/// </summary>
public sealed class Adadelta : Optimizer
{
    /// <summary>Adadelta with a fixed learning rate (callbacks such as ReduceLROnPlateau may change it).</summary>
    /// <param name="learningRate">η, a factor on every step (1.0 for the paper's Adadelta).</param>
    /// <param name="rho">ρ in [0, 1): how slowly both running averages forget.</param>
    /// <param name="epsilon">ε, a small number that keeps the division safe and lets the first steps start.</param>
    /// <param name="clipnorm">If set, each weight's gradient is scaled down so that its L2 norm is at most this.</param>
    /// <param name="clipvalue">If set, each gradient element is limited to [−clipvalue, clipvalue].</param>
    public Adadelta(double learningRate = 0.001, double rho = 0.95, double epsilon = 1e-7, double? clipnorm = null, double? clipvalue = null)
        : this(learningRate, null, rho, epsilon, clipnorm, clipvalue) { }

    /// <summary>Adadelta whose learning rate follows a schedule.</summary>
    public Adadelta(LearningRateSchedule learningRate, double rho = 0.95, double epsilon = 1e-7, double? clipnorm = null, double? clipvalue = null)
        : this(0, RequireSchedule(learningRate, "adadelta", "0.001"), rho, epsilon, clipnorm, clipvalue) { }

    private Adadelta(double learningRate, LearningRateSchedule? schedule, double rho, double epsilon, double? clipnorm, double? clipvalue)
        : base("adadelta", learningRate, schedule, clipnorm, clipvalue)
    {
        Rho = Setting.Decay(rho, "adadelta", nameof(rho), "0.95 is usual");
        Epsilon = Setting.NotNegative(epsilon, "adadelta", nameof(epsilon), "1e-7 is usual");
    }

    /// <summary>ρ, the decay of both running averages.</summary>
    public double Rho { get; }

    /// <summary>ε, added under both square roots.</summary>
    public double Epsilon { get; }

    protected override void Update(Variable variable, Tensor gradient, float learningRate)
    {
        float rho = (float)Rho, oneMinusRho = (float)(1 - Rho), epsilon = (float)Epsilon;
        var s = Slot(variable, "accumulated_grad") * rho + gradient.Square() * oneMinusRho; // s ← ρ·s + (1 − ρ)·g²
        SetSlot(variable, "accumulated_grad", s);
        var d = Slot(variable, "accumulated_delta_var");
        var delta = -((d + epsilon).Sqrt() * gradient / (s + epsilon).Sqrt());     // Δ = −√(d + ε)·g / √(s + ε)
        SetSlot(variable, "accumulated_delta_var", d * rho + delta.Square() * oneMinusRho); // d ← ρ·d + (1 − ρ)·Δ²
        variable.Assign(variable.Value + delta * learningRate);                     // w ← w + η·Δ
    }

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["rho"] = Rho;
        config["epsilon"] = Epsilon;
        return config;
    }

    internal static Adadelta FromConfig(ConfigReader config)
    {
        var defaults = new Adadelta();
        var (learningRate, schedule) = config.LearningRate(defaults.LearningRate);
        var (clipnorm, clipvalue) = config.Clipping();
        return new Adadelta(learningRate, schedule, config.Number("rho", defaults.Rho), config.Number("epsilon", defaults.Epsilon),
                            clipnorm, clipvalue);
    }
}
