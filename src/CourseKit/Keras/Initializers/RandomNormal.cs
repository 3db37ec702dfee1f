namespace CourseKit;

/// <summary>Values drawn from a normal distribution (Keras's <c>RandomNormal(mean=0.0, stddev=0.05, seed=None)</c>).</summary>
/// <remarks>With a seed, every tensor it creates holds the same numbers (as in Keras 3); without one, the numbers come
/// from the global generator, which <see cref="Tensor.SetRandomSeed"/> makes reproducible.</remarks>
public sealed class RandomNormal(float mean = 0f, float stddev = 0.05f, int? seed = null) : Initializer
{
    public float Mean { get; } = mean;

    public float Stddev { get; } = stddev > 0 && float.IsFinite(stddev) ? stddev
        : throw new ArgumentException($"RandomNormal: stddev must be a positive number, got {stddev}.", nameof(stddev));

    /// <summary>A fixed seed, or null to draw from the global generator.</summary>
    public int? Seed { get; } = seed;

    public override Tensor Create(int[] shape) => Tensor.RandomNormal(shape, Mean, Stddev, Seed);

    public override Dictionary<string, object?> GetConfig() => new() { ["mean"] = Mean, ["stddev"] = Stddev, ["seed"] = Seed };
}
