namespace CourseKit;

/// <summary>LeCun uniform: uniform in ±√(3 / fanIn) (Keras's <c>"lecun_uniform"</c>).</summary>
public sealed class LecunUniform(int? seed = null) : Initializer
{
    /// <summary>A fixed seed, or null to draw from the global generator (<see cref="Tensor.SetRandomSeed"/>).</summary>
    public int? Seed { get; } = seed;

    public override Tensor Create(int[] shape) => VarianceScaling.Sample(shape, 1f, "fan_in", "uniform", Seed);

    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };
}
