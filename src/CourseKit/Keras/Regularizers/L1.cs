namespace CourseKit;

/// <summary>
/// L1 penalty: <c>l1 · Σ|w|</c> added to the loss (Keras's <c>L1(l1=0.01)</c>). It pushes weights to exactly zero, so
/// the network ends up using fewer inputs.
/// </summary>
public sealed class L1(float l1 = 0.01f) : Regularizer
{
    /// <summary>The factor the sum of absolute values is multiplied by.</summary>
    public float Factor { get; } = CheckFactor(l1, nameof(l1));

    public override Tensor Penalty(Tensor weight) => Factor * weight.Abs().Sum();

    public override Dictionary<string, object?> GetConfig() => new() { ["l1"] = Factor };
}
