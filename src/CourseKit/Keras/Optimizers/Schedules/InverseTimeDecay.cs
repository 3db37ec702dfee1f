namespace CourseKit;

/// <summary>
/// A learning rate that falls like 1/t (Keras's <c>InverseTimeDecay</c>). At step s (0 for the first update):
/// <code>
/// η(s) = η₀ / (1 + r · s / decaySteps)        (staircase: ⌊s / decaySteps⌋, dropping in jumps)
/// </code>
/// </summary>
public sealed class InverseTimeDecay : DecaySchedule
{
    /// <param name="initialLearningRate">η₀, the rate at step 0.</param>
    /// <param name="decaySteps">The number of steps that counts as one unit of time.</param>
    /// <param name="decayRate">r: after <paramref name="decaySteps"/> steps the rate is η₀ / (1 + r).</param>
    /// <param name="staircase">Whether the rate drops in jumps every <paramref name="decaySteps"/> steps instead of smoothly.</param>
    public InverseTimeDecay(double initialLearningRate, int decaySteps, double decayRate, bool staircase = false)
        : base(initialLearningRate, decaySteps, decayRate, staircase) =>
        Setting.NotNegative(decayRate, "InverseTimeDecay", nameof(decayRate), "e.g. 0.5");

    public override float At(long step) => (float)(InitialLearningRate / (1 + DecayRate * Time(step)));

    internal static InverseTimeDecay FromConfig(ConfigReader config)
    {
        var (initialLearningRate, decaySteps, decayRate, staircase) = ReadSettings(config);
        return new(initialLearningRate, decaySteps, decayRate, staircase);
    }
}
