namespace CourseKit;

/// <summary>He normal: a truncated normal with standard deviation √(2 / fanIn), made for layers followed by ReLU, which
/// zeroes half the signal (Keras's <c>"he_normal"</c>).</summary>
public sealed class HeNormal(int? seed = null) : Initializer
{
    /// <summary>A fixed seed, or null to draw from the global generator (<see cref="Tensor.SetRandomSeed"/>).</summary>
    public int? Seed { get; } = seed;

    public override Tensor Create(int[] shape) => Tensor.HeNormal(shape, Seed);

    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };
}
