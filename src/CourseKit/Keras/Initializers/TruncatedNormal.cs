namespace CourseKit;

/// <summary>A normal distribution cut at two standard deviations from the mean: values further out are drawn again
/// (Keras's <c>TruncatedNormal(mean=0.0, stddev=0.05, seed=None)</c>). No weight starts far out in the tails.</summary>
public sealed class TruncatedNormal(float mean = 0f, float stddev = 0.05f, int? seed = null) : Initializer
{
    public float Mean { get; } = mean;

    /// <summary>The standard deviation before the cut (the values' own spread is about 0.88 of it).</summary>
    public float Stddev { get; } = stddev > 0 && float.IsFinite(stddev) ? stddev
        : throw new ArgumentException($"TruncatedNormal: stddev must be a positive number, got {stddev}.", nameof(stddev));

    /// <summary>A fixed seed, or null to draw from the global generator.</summary>
    public int? Seed { get; } = seed;

    public override Tensor Create(int[] shape) => Tensor.TruncatedNormal(shape, Mean, Stddev, Seed);

    public override Dictionary<string, object?> GetConfig() => new() { ["mean"] = Mean, ["stddev"] = Stddev, ["seed"] = Seed };
}
