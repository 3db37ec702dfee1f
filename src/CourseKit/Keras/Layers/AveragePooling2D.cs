namespace CourseKit;

/// <summary>
/// Keeps the mean of each window, per channel (Keras's <c>AveragePooling2D</c>); with padding "same" only the positions
/// inside the image are averaged. The gradient is shared equally among each window's inputs.
/// </summary>
public sealed class AveragePooling2D : Pooling2D
{
    /// <param name="poolSize">The window: (2, 2) by default; <c>3</c> means 3×3.</param>
    /// <param name="strides">How far the window moves; the pool size by default.</param>
    /// <param name="padding">"valid" (windows must fit) or "same" (the border is padded so that ⌈size / stride⌉ windows fit).</param>
    /// <param name="inputShape">The shape of one image, when this is the first layer of a model.</param>
    /// <param name="name">The layer's name; "average_pooling2d", … by default.</param>
    public AveragePooling2D(Size2D? poolSize = null, Size2D? strides = null, string padding = "valid", int[]? inputShape = null, string? name = null)
        : base(poolSize, strides, padding, inputShape, name)
    {
        if (inputShape is not null) EnsureBuilt([inputShape]);
    }

    protected override Tensor Forward(Tensor inputs, bool training) =>
        inputs.AvgPool2D(PoolSize.ToTuple(), Strides.ToTuple(), Padding);
}
