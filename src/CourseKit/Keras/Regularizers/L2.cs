namespace CourseKit;

/// <summary>
/// L2 penalty ("weight decay"): <c>l2 · Σw²</c> added to the loss (Keras's <c>L2(l2=0.01)</c>; note: no ½ in front).
/// It keeps weights small, which smooths what the network learns and reduces overfitting.
/// </summary>
public sealed class L2(float l2 = 0.01f) : Regularizer
{
    /// <summary>The factor the sum of squares is multiplied by.</summary>
    public float Factor { get; } = CheckFactor(l2, nameof(l2));

    public override Tensor Penalty(Tensor weight) => Factor * weight.Square().Sum();

    public override Dictionary<string, object?> GetConfig() => new() { ["l2"] = Factor };
}
