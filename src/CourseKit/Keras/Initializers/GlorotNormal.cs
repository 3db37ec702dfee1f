namespace CourseKit;

/// <summary>Glorot (Xavier) normal: a truncated normal with standard deviation √(2 / (fanIn + fanOut)), so that the spread
/// of signals stays similar going forward and backward (Keras's <c>"glorot_normal"</c>).</summary>
public sealed class GlorotNormal(int? seed = null) : Initializer
{
    /// <summary>A fixed seed, or null to draw from the global generator (<see cref="Tensor.SetRandomSeed"/>).</summary>
    public int? Seed { get; } = seed;

    public override Tensor Create(int[] shape) => Tensor.GlorotNormal(shape, Seed);

    public override Dictionary<string, object?> GetConfig() => new() { ["seed"] = Seed };
}
