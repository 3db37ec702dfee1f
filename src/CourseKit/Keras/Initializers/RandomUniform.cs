namespace CourseKit;

/// <summary>Values drawn uniformly from [minval, maxval) (Keras's <c>RandomUniform(minval=-0.05, maxval=0.05, seed=None)</c>).</summary>
/// <remarks>With a seed, every tensor it creates holds the same numbers (as in Keras 3); without one, the numbers come
/// from the global generator, which <see cref="Tensor.SetRandomSeed"/> makes reproducible.</remarks>
public sealed class RandomUniform : Initializer
{
    public RandomUniform(float minval = -0.05f, float maxval = 0.05f, int? seed = null)
    {
        if (!(maxval > minval) || !float.IsFinite(minval) || !float.IsFinite(maxval))
            throw new ArgumentException($"RandomUniform: maxval ({maxval}) must be greater than minval ({minval}).", nameof(maxval));
        Minval = minval;
        Maxval = maxval;
        Seed = seed;
    }

    public float Minval { get; }

    public float Maxval { get; }

    /// <summary>A fixed seed, or null to draw from the global generator.</summary>
    public int? Seed { get; }

    public override Tensor Create(int[] shape) => Tensor.RandomUniform(shape, Minval, Maxval, Seed);

    public override Dictionary<string, object?> GetConfig() => new() { ["minval"] = Minval, ["maxval"] = Maxval, ["seed"] = Seed };
}
