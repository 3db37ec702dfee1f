namespace CourseKit;

/// <summary>
/// Adam, "adaptive moment estimation" (Keras's <c>Adam</c>): each weight gets its own step size. Per weight it keeps
/// running averages of the gradient (m, the first moment: where the gradients point) and of its square (v, the second
/// moment: how large they are), both starting at 0, and steps by m/√v, so a weight with large noisy gradients takes
/// small steps. At step t = 1, 2, … with gradient g:
/// <code>
/// m ← m + (1 − β₁)·(g − m)                  (= β₁·m + (1 − β₁)·g)
/// v ← v + (1 − β₂)·(g² − v)
/// ηₜ = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)           (undoes the pull of m and v towards their start at 0)
/// w ← w − ηₜ · m / (√v + ε)
/// </code>
/// With <c>amsgrad</c>, v in the last line is replaced by the largest v seen so far. <c>"adam"</c> gives Keras's defaults.
/// </summary>
public sealed class Adam : Optimizer
{
    /// <summary>Adam with a fixed learning rate (callbacks such as ReduceLROnPlateau may change it).</summary>
    /// <param name="learningRate">η, the size of the steps.</param>
    /// <param name="beta1">β₁ in [0, 1): how slowly the average gradient m forgets old gradients.</param>
    /// <param name="beta2">β₂ in [0, 1): how slowly the average squared gradient v forgets.</param>
    /// <param name="epsilon">ε, a small number that keeps the division safe when v is 0.</param>
    /// <param name="amsgrad">Whether to divide by the largest v so far (the AMSGrad variant).</param>
    /// <param name="clipnorm">If set, each weight's gradient is scaled down so that its L2 norm is at most this.</param>
    /// <param name="clipvalue">If set, each gradient element is limited to [−clipvalue, clipvalue].</param>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false,
                double? clipnorm = null, double? clipvalue = null)
        : this(learningRate, null, beta1, beta2, epsilon, amsgrad, clipnorm, clipvalue) { }

    /// <summary>Adam whose learning rate follows a schedule:
    /// <c>new Adam(learningRate: new ExponentialDecay(1e-3, decaySteps: 1000, decayRate: 0.96))</c>.</summary>
    public Adam(LearningRateSchedule learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false,
                double? clipnorm = null, double? clipvalue = null)
        : this(0, RequireSchedule(learningRate, "adam", "0.001"), beta1, beta2, epsilon, amsgrad, clipnorm, clipvalue) { }

    private Adam(double learningRate, LearningRateSchedule? schedule, double beta1, double beta2, double epsilon, bool amsgrad,
                 double? clipnorm, double? clipvalue)
        : base("adam", learningRate, schedule, clipnorm, clipvalue)
    {
        Beta1 = Setting.Decay(beta1, "adam", nameof(beta1), "0.9 is usual");
        Beta2 = Setting.Decay(beta2, "adam", nameof(beta2), "0.999 is usual");
        Epsilon = Setting.NotNegative(epsilon, "adam", nameof(epsilon), "1e-7 is usual");
        Amsgrad = amsgrad;
    }

    /// <summary>β₁, the decay of the running average of gradients.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay of the running average of squared gradients.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v to avoid dividing by zero.</summary>
    public double Epsilon { get; }

    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool Amsgrad { get; }

    protected override void Update(Variable variable, Tensor gradient, float learningRate)
    {
        long t = Iterations + 1;
        float stepSize = (float)(learningRate * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t))); // ηₜ
        // One fused pass per weight (Backends.Scalar.Step):
        //   m ← m + (1 − β₁)·(g − m)
        //   v ← v + (1 − β₂)·(g² − v)          (AMSGrad: v̂ ← max(v̂, v), used below instead of v)
        //   w ← w − ηₜ·m / (√v + ε)
        ApplyFused(variable, gradient, Amsgrad ? Backends.UpdateRule.AmsGrad : Backends.UpdateRule.Adam,
            new Backends.UpdateSettings(stepSize, Beta1: (float)Beta1, Beta2: (float)Beta2, Epsilon: (float)Epsilon),
            Amsgrad ? ["momentum", "velocity", "velocity_hat"] : ["momentum", "velocity"]);
    }

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["beta_1"] = Beta1;
        config["beta_2"] = Beta2;
        config["epsilon"] = Epsilon;
        config["amsgrad"] = Amsgrad;
        return config;
    }

    internal static Adam FromConfig(ConfigReader config)
    {
        var defaults = new Adam();
        var (learningRate, schedule) = config.LearningRate(defaults.LearningRate);
        var (clipnorm, clipvalue) = config.Clipping();
        return new Adam(learningRate, schedule, config.Number("beta_1", defaults.Beta1), config.Number("beta_2", defaults.Beta2),
                        config.Number("epsilon", defaults.Epsilon), config.Bool("amsgrad", defaults.Amsgrad), clipnorm, clipvalue);
    }
}
