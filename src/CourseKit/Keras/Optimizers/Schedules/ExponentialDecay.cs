namespace CourseKit;

/// <summary>
/// A learning rate that shrinks by the same factor every <c>decaySteps</c> training steps (Keras's
/// <c>ExponentialDecay</c>). At step s (0 for the first update):
/// <code>
/// η(s) = η₀ · r^(s / decaySteps)             (staircase: r^⌊s / decaySteps⌋, dropping in jumps)
/// </code>
/// <c>new Adam(learningRate: new ExponentialDecay(1e-3, decaySteps: 1000, decayRate: 0.96))</c> multiplies the rate by
/// 0.96 every 1000 steps.
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <param name="initialLearningRate">η₀, the rate at step 0.</param>
    /// <param name="decaySteps">How many steps it takes for the rate to be multiplied by <paramref name="decayRate"/>.</param>
    /// <param name="decayRate">r, the factor per <paramref name="decaySteps"/> steps (e.g. 0.96).</param>
    /// <param name="staircase">Whether the rate drops in jumps every <paramref name="decaySteps"/> steps instead of smoothly.</param>
    public ExponentialDecay(double initialLearningRate, int decaySteps, double decayRate, bool staircase = false)
    {
        if (!(initialLearningRate > 0) || !double.IsFinite(initialLearningRate))
            throw new ArgumentException($"ExponentialDecay: initialLearningRate must be a positive number, got {initialLearningRate}.", nameof(initialLearningRate));
        if (decaySteps <= 0) throw new ArgumentException($"ExponentialDecay: decaySteps must be > 0, got {decaySteps}.", nameof(decaySteps));
        if (!(decayRate > 0) || !double.IsFinite(decayRate))
            throw new ArgumentException($"ExponentialDecay: decayRate must be a positive number (below 1 to decay, e.g. 0.96), got {decayRate}.", nameof(decayRate));
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        DecayRate = decayRate;
        Staircase = staircase;
    }

    /// <summary>η₀, the rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>The number of steps per factor <see cref="DecayRate"/>.</summary>
    public int DecaySteps { get; }

    /// <summary>r, the factor per <see cref="DecaySteps"/> steps.</summary>
    public double DecayRate { get; }

    /// <summary>Whether the exponent is rounded down, so the rate drops in jumps.</summary>
    public bool Staircase { get; }

    public override float At(long step)
    {
        double p = (double)step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return (float)(InitialLearningRate * Math.Pow(DecayRate, p));
    }

    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["decay_rate"] = DecayRate,
        ["staircase"] = Staircase,
        ["name"] = "ExponentialDecay",
    };

    internal static ExponentialDecay FromConfig(OptimizerConfigReader config) =>
        new(config.Number("initial_learning_rate"), config.WholeNumber("decay_steps"), config.Number("decay_rate"), config.Bool("staircase", false));

    public override string ToString() =>
        $"ExponentialDecay(initialLearningRate: {InitialLearningRate}, decaySteps: {DecaySteps}, decayRate: {DecayRate}{(Staircase ? ", staircase: true" : "")})";
}
