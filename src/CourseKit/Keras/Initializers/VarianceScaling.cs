namespace CourseKit;

/// <summary>
/// The family behind Glorot, He and LeCun (Keras's <c>VarianceScaling(scale=1.0, mode="fan_in",
/// distribution="truncated_normal", seed=None)</c>): values with variance <c>scale / n</c>, where n is the number of
/// inputs of each unit (<c>"fan_in"</c>), of outputs (<c>"fan_out"</c>) or their mean (<c>"fan_avg"</c>).
/// </summary>
/// <remarks>
/// He normal is <c>VarianceScaling(2, "fan_in", "truncated_normal")</c>, Glorot uniform is
/// <c>VarianceScaling(1, "fan_avg", "uniform")</c>. A uniform distribution in ±limit has variance limit²/3, so its
/// limit is √(3·scale/n). A normal cut at ±2 standard deviations spreads less than the uncut one, so its standard
/// deviation is divided by 0.8796 to keep the intended variance.
/// </remarks>
public sealed class VarianceScaling : Initializer
{
    private static readonly string[] Modes = ["fan_in", "fan_out", "fan_avg"];
    private static readonly string[] Distributions = ["truncated_normal", "untruncated_normal", "uniform"];

    public VarianceScaling(float scale = 1f, string mode = "fan_in", string distribution = "truncated_normal", int? seed = null)
    {
        if (!(scale > 0) || !float.IsFinite(scale))
            throw new ArgumentException($"VarianceScaling: scale must be a positive number, got {scale}.", nameof(scale));
        Scale = scale;
        Mode = Choose(mode, Modes, "mode");
        Distribution = Choose(distribution == "normal" ? "truncated_normal" : distribution, Distributions, "distribution");
        Seed = seed;
    }

    public float Scale { get; }

    /// <summary>"fan_in", "fan_out" or "fan_avg".</summary>
    public string Mode { get; }

    /// <summary>"truncated_normal", "untruncated_normal" or "uniform".</summary>
    public string Distribution { get; }

    /// <summary>A fixed seed, or null to draw from the global generator (<see cref="Tensor.SetRandomSeed"/>).</summary>
    public int? Seed { get; }

    public override Tensor Create(int[] shape) => Sample(shape, Scale, Mode, Distribution, Seed);

    public override Dictionary<string, object?> GetConfig() =>
        new() { ["scale"] = Scale, ["mode"] = Mode, ["distribution"] = Distribution, ["seed"] = Seed };

    /// <summary>Draws a tensor with variance scale / n (the rule in the class summary).</summary>
    internal static Tensor Sample(int[] shape, float scale, string mode, string distribution, int? seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var (fanIn, fanOut) = Tensor.Fans(shape);
        float n = mode switch { "fan_in" => fanIn, "fan_out" => fanOut, _ => (fanIn + fanOut) / 2f };
        float variance = scale / Math.Max(1f, n);
        return distribution switch
        {
            "uniform" => Tensor.RandomUniform(shape, -MathF.Sqrt(3 * variance), MathF.Sqrt(3 * variance), seed),
            "untruncated_normal" => Tensor.RandomNormal(shape, 0, MathF.Sqrt(variance), seed),
            _ => Tensor.TruncatedNormal(shape, 0, MathF.Sqrt(variance) / 0.87962566103423978f, seed),
        };
    }

    private static string Choose(string value, string[] valid, string what) =>
        valid.Contains(value?.Trim().ToLowerInvariant()) ? value!.Trim().ToLowerInvariant()
            : throw new ArgumentException($"VarianceScaling: unknown {what} \"{value}\".{NameLookup.DidYouMean(value, valid)} Valid values: {string.Join(", ", valid)}.", what);
}
