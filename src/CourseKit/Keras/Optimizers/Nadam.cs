namespace CourseKit;

/// <summary>
/// Nadam, "Nesterov-accelerated Adam" (Keras's <c>Nadam</c>, after Dozat 2015): Adam whose step looks ahead as Nesterov
/// momentum does. It keeps Adam's running averages m (of the gradient) and v (of its square), but its step mixes the
/// averaged gradient of the <em>next</em> step's momentum with the fresh gradient. The momentum factor itself warms up:
/// μₜ = β₁·(1 − ½·0.96ᵗ) grows from about β₁/2 towards β₁ (the "momentum cache"), and Πₜ = μ₁·μ₂·…·μₜ, the product of
/// all of them so far, corrects m's pull towards its start at 0 (as 1 − β₁ᵗ does in Adam). At step t = 1, 2, … with
/// gradient g:
/// <code>
/// m ← m + (1 − β₁)·(g − m)
/// v ← v + (1 − β₂)·(g² − v)
/// m̂ = μₜ₊₁·m / (1 − Πₜ₊₁) + (1 − μₜ)·g / (1 − Πₜ)     (Πₜ₊₁ = Πₜ·μₜ₊₁)
/// v̂ = v / (1 − β₂ᵗ)
/// w ← w − η·m̂ / (√v̂ + ε)
/// </code>
/// Πₜ depends only on the step count, so it is recomputed from <see cref="Optimizer.Iterations"/> rather than stored:
/// a model loaded from a file continues exactly. <c>"nadam"</c> gives Keras's defaults.
/// </summary>
public sealed class Nadam : Optimizer
{
    /// <summary>The base of the momentum-cache warm-up μₜ = β₁·(1 − ½·0.96ᵗ) (Keras's constant).</summary>
    private const double MomentumDecay = 0.96;

    private long _productSteps;      // how many μ's _momentumProduct holds
    private double _momentumProduct = 1; // Π over μ₁ … μ_{_productSteps}

    /// <summary>Nadam with a fixed learning rate (callbacks such as ReduceLROnPlateau may change it).</summary>
    /// <param name="learningRate">η, the size of the steps.</param>
    /// <param name="beta1">β₁ in [0, 1): how slowly the average gradient m forgets old gradients (the momentum).</param>
    /// <param name="beta2">β₂ in [0, 1): how slowly the average squared gradient v forgets.</param>
    /// <param name="epsilon">ε, a small number that keeps the division safe when v is 0.</param>
    /// <param name="clipnorm">If set, each weight's gradient is scaled down so that its L2 norm is at most this.</param>
    /// <param name="clipvalue">If set, each gradient element is limited to [−clipvalue, clipvalue].</param>
    public Nadam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
                 double? clipnorm = null, double? clipvalue = null)
        : this(learningRate, null, beta1, beta2, epsilon, clipnorm, clipvalue) { }

    /// <summary>Nadam whose learning rate follows a schedule:
    /// <c>new Nadam(learningRate: new ExponentialDecay(1e-3, decaySteps: 1000, decayRate: 0.96))</c>.</summary>
    public Nadam(LearningRateSchedule learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
                 double? clipnorm = null, double? clipvalue = null)
        : this(0, RequireSchedule(learningRate, "nadam", "0.001"), beta1, beta2, epsilon, clipnorm, clipvalue) { }

    private Nadam(double learningRate, LearningRateSchedule? schedule, double beta1, double beta2, double epsilon,
                  double? clipnorm, double? clipvalue)
        : base("nadam", learningRate, schedule, clipnorm, clipvalue)
    {
        Beta1 = Setting.Decay(beta1, "nadam", nameof(beta1), "0.9 is usual");
        Beta2 = Setting.Decay(beta2, "nadam", nameof(beta2), "0.999 is usual");
        Epsilon = Setting.NotNegative(epsilon, "nadam", nameof(epsilon), "1e-7 is usual");
    }

    /// <summary>β₁, the decay of the running average of gradients; the momentum factor μₜ warms up towards it.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay of the running average of squared gradients.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂ to avoid dividing by zero.</summary>
    public double Epsilon { get; }

    /// <summary>μₜ = β₁·(1 − ½·0.96ᵗ), the momentum factor at step <paramref name="t"/> (1 for the first update).</summary>
    public double MomentumAt(long t) => Beta1 * (1 - 0.5 * Math.Pow(MomentumDecay, t));

    protected override void Update(Variable variable, Tensor gradient, float learningRate)
    {
        long t = Iterations + 1;
        double muNow = MomentumAt(t), muNext = MomentumAt(t + 1);
        double product = MomentumProduct(t), productNext = product * muNext; // Πₜ, Πₜ₊₁
        var m = Slot(variable, "momentum") + (gradient - Slot(variable, "momentum")) * (float)(1 - Beta1);
        var v = Slot(variable, "velocity") + (gradient.Square() - Slot(variable, "velocity")) * (float)(1 - Beta2);
        SetSlot(variable, "momentum", m);
        SetSlot(variable, "velocity", v);

        // η·m̂ = η·μₜ₊₁/(1 − Πₜ₊₁)·m + η·(1 − μₜ)/(1 − Πₜ)·g, with the scalar factors worked out in double precision.
        var stepTowards = m * (float)(learningRate * muNext / (1 - productNext)) + gradient * (float)(learningRate * (1 - muNow) / (1 - product));
        var spread = (v * (float)(1 / (1 - Math.Pow(Beta2, t)))).Sqrt() + (float)Epsilon; // √v̂ + ε
        variable.Assign(variable.Value - stepTowards / spread);
    }

    /// <summary>Πₜ = μ₁·μ₂·…·μₜ, extended from the last value (one multiplication per step) and recomputed from the start
    /// when the step count went back (a restored optimizer).</summary>
    private double MomentumProduct(long t)
    {
        if (_productSteps > t) (_productSteps, _momentumProduct) = (0, 1);
        while (_productSteps < t) _momentumProduct *= MomentumAt(++_productSteps);
        return _momentumProduct;
    }

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["beta_1"] = Beta1;
        config["beta_2"] = Beta2;
        config["epsilon"] = Epsilon;
        return config;
    }

    internal static Nadam FromConfig(ConfigReader config)
    {
        var defaults = new Nadam();
        var (learningRate, schedule) = config.LearningRate(defaults.LearningRate);
        var (clipnorm, clipvalue) = config.Clipping();
        return new Nadam(learningRate, schedule, config.Number("beta_1", defaults.Beta1), config.Number("beta_2", defaults.Beta2),
                         config.Number("epsilon", defaults.Epsilon), clipnorm, clipvalue);
    }
}
