namespace CourseKit;

/// <summary>LeCun normal: a truncated normal with standard deviation √(1 / fanIn), the partner of the selu activation
/// (Keras's <c>"lecun_normal"</c>).</summary>
public sealed class LecunNormal(int? seed = null) : Initializer
{
    /// <summary>A fixed seed, or null to draw from the global generator (<see cref="Tensor.SetRandomSeed"/>).</summary>
    public int? Seed { get; } = seed;

    public override Tensor Create(int[] shape) => VarianceScaling.Sample(shape, 1f, "fan_in", "truncated_normal", Seed);

    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };
}
