namespace CourseKit;

/// <summary>A penalty on a weight's size, added to the loss during training (Keras's regularizers: L1, L2, L1L2).</summary>
public abstract partial class Regularizer
{
    /// <summary>The penalty for <paramref name="weight"/>, a scalar tensor (differentiable).</summary>
    public abstract Tensor Penalty(Tensor weight);

    /// <summary>Keras's config of this regularizer, for saving.</summary>
    public virtual Dictionary<string, object?> GetConfig() => [];
}
