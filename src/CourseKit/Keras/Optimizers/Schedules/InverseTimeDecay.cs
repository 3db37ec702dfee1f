namespace CourseKit;

/// <summary>
/// A learning rate that falls like 1/t (Keras's <c>InverseTimeDecay</c>). At step s (0 for the first update):
/// <code>
/// η(s) = η₀ / (1 + r · s / decaySteps)        (staircase: ⌊s / decaySteps⌋, dropping in jumps)
/// </code>
/// </summary>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    /// <param name="initialLearningRate">η₀, the rate at step 0.</param>
    /// <param name="decaySteps">The number of steps that counts as one unit of time.</param>
    /// <param name="decayRate">r: after <paramref name="decaySteps"/> steps the rate is η₀ / (1 + r).</param>
    /// <param name="staircase">Whether the rate drops in jumps every <paramref name="decaySteps"/> steps instead of smoothly.</param>
    public InverseTimeDecay(double initialLearningRate, int decaySteps, double decayRate, bool staircase = false)
    {
        if (!(initialLearningRate > 0) || !double.IsFinite(initialLearningRate))
            throw new ArgumentException($"InverseTimeDecay: initialLearningRate must be a positive number, got {initialLearningRate}.", nameof(initialLearningRate));
        if (decaySteps <= 0) throw new ArgumentException($"InverseTimeDecay: decaySteps must be > 0, got {decaySteps}.", nameof(decaySteps));
        if (!(decayRate >= 0) || !double.IsFinite(decayRate))
            throw new ArgumentException($"InverseTimeDecay: decayRate must not be negative (e.g. 0.5), got {decayRate}.", nameof(decayRate));
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        DecayRate = decayRate;
        Staircase = staircase;
    }

    /// <summary>η₀, the rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>The number of steps per unit of time.</summary>
    public int DecaySteps { get; }

    /// <summary>r, how fast the rate falls.</summary>
    public double DecayRate { get; }

    /// <summary>Whether the time is rounded down, so the rate drops in jumps.</summary>
    public bool Staircase { get; }

    public override float At(long step)
    {
        double p = (double)step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return (float)(InitialLearningRate / (1 + DecayRate * p));
    }

    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["decay_rate"] = DecayRate,
        ["staircase"] = Staircase,
        ["name"] = "InverseTimeDecay",
    };

    internal static InverseTimeDecay FromConfig(OptimizerConfigReader config) =>
        new(config.Number("initial_learning_rate"), config.WholeNumber("decay_steps"), config.Number("decay_rate"), config.Bool("staircase", false));

    public override string ToString() =>
        $"InverseTimeDecay(initialLearningRate: {InitialLearningRate}, decaySteps: {DecaySteps}, decayRate: {DecayRate}{(Staircase ? ", staircase: true" : "")})";
}
