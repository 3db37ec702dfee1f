namespace CourseKit;

/// <summary>Keras's default kernel initializer: uniform in ±√(6 / (fanIn + fanOut)), which keeps the spread of
/// activations similar from layer to layer.</summary>
public sealed class GlorotUniform(int? seed = null) : Initializer
{
    /// <summary>A fixed seed, or null to draw from the global generator (<see cref="Tensor.SetRandomSeed"/>).</summary>
    public int? Seed { get; } = seed;

    public override Tensor Create(int[] shape) => Tensor.GlorotUniform(shape, Seed);

    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };
}
