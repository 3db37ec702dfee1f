namespace CourseKit;

/// <summary>
/// Both penalties: <c>l1 · Σ|w| + l2 · Σw²</c> (Keras's <c>L1L2(l1=0.0, l2=0.0)</c>: give the factors you want, e.g.
/// <c>new L1L2(l1: 1e-5f, l2: 1e-4f)</c>).
/// </summary>
public sealed class L1L2(float l1 = 0f, float l2 = 0f) : Regularizer
{
    /// <summary>The factor of Σ|w|.</summary>
    public float L1 { get; } = CheckFactor(l1, nameof(l1));

    /// <summary>The factor of Σw².</summary>
    public float L2 { get; } = CheckFactor(l2, nameof(l2));

    public override Tensor Penalty(Tensor weight)
    {
        var penalty = Tensor.Scalar(0f, weight.Device);
        if (L1 != 0) penalty += L1 * weight.Abs().Sum();
        if (L2 != 0) penalty += L2 * weight.Square().Sum();
        return penalty;
    }

    public override Dictionary<string, object?> GetConfig() => new() { ["l1"] = L1, ["l2"] = L2 };
}
