namespace CourseKit;

/// <summary>
/// Adagrad, "adaptive gradient" (Keras's <c>Adagrad</c>): each weight's steps shrink with the sum of all its squared
/// gradients so far, so weights that have moved a lot slow down and rarely-updated weights keep larger steps. Per weight
/// it keeps that sum a, which starts at <see cref="InitialAccumulatorValue"/> (not 0); with gradient g:
/// <code>
/// a ← a + g²
/// w ← w − η·g / √(a + ε)
/// </code>
/// Because a only grows, the steps only get smaller. <c>"adagrad"</c> gives Keras's defaults.
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Adagrad with a fixed learning rate (callbacks such as ReduceLROnPlateau may change it).</summary>
    /// <param name="learningRate">η, the size of the steps.</param>
    /// <param name="initialAccumulatorValue">Where the sum of squared gradients starts (not negative).</param>
    /// <param name="epsilon">ε, a small number that keeps the division safe.</param>
    /// <param name="clipnorm">If set, each weight's gradient is scaled down so that its L2 norm is at most this.</param>
    /// <param name="clipvalue">If set, each gradient element is limited to [−clipvalue, clipvalue].</param>
    public Adagrad(double learningRate = 0.001, double initialAccumulatorValue = 0.1, double epsilon = 1e-7,
                   double? clipnorm = null, double? clipvalue = null)
        : this(learningRate, null, initialAccumulatorValue, epsilon, clipnorm, clipvalue) { }

    /// <summary>Adagrad whose learning rate follows a schedule.</summary>
    public Adagrad(LearningRateSchedule learningRate, double initialAccumulatorValue = 0.1, double epsilon = 1e-7,
                   double? clipnorm = null, double? clipvalue = null)
        : this(0, RequireSchedule(learningRate, "adagrad", "0.001"), initialAccumulatorValue, epsilon, clipnorm, clipvalue) { }

    private Adagrad(double learningRate, LearningRateSchedule? schedule, double initialAccumulatorValue, double epsilon,
                    double? clipnorm, double? clipvalue)
        : base("adagrad", learningRate, schedule, clipnorm, clipvalue)
    {
        InitialAccumulatorValue = Setting.NotNegative(initialAccumulatorValue, "adagrad", nameof(initialAccumulatorValue), "0.1 is usual");
        Epsilon = Setting.NotNegative(epsilon, "adagrad", nameof(epsilon), "1e-7 is usual");
    }

    /// <summary>The starting value of each weight's sum of squared gradients.</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>ε, added under the square root to avoid dividing by zero.</summary>
    public double Epsilon { get; }

    protected override void Update(Variable variable, Tensor gradient, float learningRate)
    {
        var a = Slot(variable, "accumulator", initialValue: (float)InitialAccumulatorValue) + gradient.Square(); // a ← a + g²
        SetSlot(variable, "accumulator", a);
        variable.Assign(variable.Value - gradient * learningRate / (a + (float)Epsilon).Sqrt()); // w ← w − η·g / √(a + ε)
    }

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["initial_accumulator_value"] = InitialAccumulatorValue;
        config["epsilon"] = Epsilon;
        return config;
    }

    internal static Adagrad FromConfig(ConfigReader config)
    {
        var defaults = new Adagrad();
        var (learningRate, schedule) = config.LearningRate(defaults.LearningRate);
        var (clipnorm, clipvalue) = config.Clipping();
        return new Adagrad(learningRate, schedule, config.Number("initial_accumulator_value", defaults.InitialAccumulatorValue),
                           config.Number("epsilon", defaults.Epsilon), clipnorm, clipvalue);
    }
}
