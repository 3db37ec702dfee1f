namespace CourseKit;

/// <summary>Every value the same number (Keras's <c>Constant(value=0.0)</c>), e.g. <c>biasInitializer: new Constant(0.1f)</c>.</summary>
public sealed class Constant(float value = 0f) : Initializer
{
    /// <summary>The number every weight starts at.</summary>
    public float Value { get; } = float.IsFinite(value) ? value
        : throw new ArgumentException($"Constant: value must be a finite number, got {value}.", nameof(value));

    public override Tensor Create(int[] shape) => Tensor.Full(shape, Value);

    public override Dictionary<string, object?> GetConfig() => new() { ["value"] = Value };
}
