namespace CourseKit;

/// <summary>
/// A learning rate that is constant between given steps (Keras's <c>PiecewiseConstantDecay</c>): with boundaries
/// b₀ &lt; b₁ &lt; … and values v₀, v₁, …, the rate at step s is v₀ while s ≤ b₀, v₁ while b₀ &lt; s ≤ b₁, …, and the
/// last value after the last boundary. <c>new PiecewiseConstantDecay([1000, 2000], [0.1, 0.01, 0.001])</c>.
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] _boundaries;
    private readonly double[] _values;

    /// <param name="boundaries">The steps where the rate changes, strictly increasing.</param>
    /// <param name="values">The rates: one more than there are boundaries.</param>
    public PiecewiseConstantDecay(long[] boundaries, double[] values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != boundaries.Length + 1)
            throw new ArgumentException($"PiecewiseConstantDecay: give one more value than boundaries (a rate before, between and after them), " +
                                        $"got {boundaries.Length} boundaries and {values.Length} values.", nameof(values));
        for (int i = 1; i < boundaries.Length; i++)
            if (boundaries[i] <= boundaries[i - 1])
                throw new ArgumentException($"PiecewiseConstantDecay: the boundaries must increase, but {boundaries[i]} follows {boundaries[i - 1]}.", nameof(boundaries));
        foreach (var v in values)
            Setting.Positive(v, "PiecewiseConstantDecay", nameof(values), "each is a learning rate", what: "every value");
        _boundaries = (long[])boundaries.Clone();
        _values = (double[])values.Clone();
    }

    /// <summary>The steps where the rate changes.</summary>
    public IReadOnlyList<long> Boundaries => _boundaries;

    /// <summary>The rates before, between and after the boundaries.</summary>
    public IReadOnlyList<double> Values => _values;

    public override float At(long step)
    {
        int i = 0;
        while (i < _boundaries.Length && step > _boundaries[i]) i++;
        return (float)_values[i];
    }

    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["boundaries"] = _boundaries.ToArray(),
        ["values"] = _values.ToArray(),
        ["name"] = "PiecewiseConstant",
    };

    internal static PiecewiseConstantDecay FromConfig(ConfigReader config)
    {
        var boundaries = config.Numbers("boundaries");
        if (boundaries.Any(b => b != Math.Floor(b)))
            throw new ArgumentException($"PiecewiseConstantDecay: the boundaries are step numbers and must be whole, got [{string.Join(", ", boundaries)}].");
        return new(boundaries.Select(b => (long)b).ToArray(), config.Numbers("values"));
    }

    public override string ToString() => $"PiecewiseConstantDecay([{string.Join(", ", _boundaries)}], [{string.Join(", ", _values)}])";
}
