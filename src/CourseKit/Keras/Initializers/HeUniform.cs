namespace CourseKit;

/// <summary>He uniform: uniform in ±√(6 / fanIn), for layers followed by ReLU (Keras's <c>"he_uniform"</c>).</summary>
public sealed class HeUniform(int? seed = null) : Initializer
{
    /// <summary>A fixed seed, or null to draw from the global generator (<see cref="Tensor.SetRandomSeed"/>).</summary>
    public int? Seed { get; } = seed;

    public override Tensor Create(int[] shape) => Tensor.HeUniform(shape, Seed);

    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };
}
