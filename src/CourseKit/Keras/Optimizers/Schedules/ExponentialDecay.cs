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
public sealed class ExponentialDecay : DecaySchedule
{
    /// <param name="initialLearningRate">η₀, the rate at step 0.</param>
    /// <param name="decaySteps">How many steps it takes for the rate to be multiplied by <paramref name="decayRate"/>.</param>
    /// <param name="decayRate">r, the factor per <paramref name="decaySteps"/> steps (e.g. 0.96).</param>
    /// <param name="staircase">Whether the rate drops in jumps every <paramref name="decaySteps"/> steps instead of smoothly.</param>
    public ExponentialDecay(double initialLearningRate, int decaySteps, double decayRate, bool staircase = false)
        : base(initialLearningRate, decaySteps, decayRate, staircase) =>
        Setting.Positive(decayRate, "ExponentialDecay", nameof(decayRate), "below 1 to decay, e.g. 0.96");

    public override float At(long step) => (float)(InitialLearningRate * Math.Pow(DecayRate, Time(step)));

    internal static ExponentialDecay FromConfig(ConfigReader config)
    {
        var (initialLearningRate, decaySteps, decayRate, staircase) = ReadSettings(config);
        return new(initialLearningRate, decaySteps, decayRate, staircase);
    }
}
