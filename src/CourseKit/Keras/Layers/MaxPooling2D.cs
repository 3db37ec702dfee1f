namespace CourseKit;

/// <summary>
/// Keeps the largest value of each window, per channel (Keras's <c>MaxPooling2D</c>): with the default 2×2 window and
/// stride 2, a (28, 28, 32) feature map becomes (14, 14, 32). The gradient goes only to each window's largest input.
/// </summary>
public sealed class MaxPooling2D : Pooling2D
{
    /// <param name="poolSize">The window: (2, 2) by default; <c>3</c> means 3×3.</param>
    /// <param name="strides">How far the window moves; the pool size by default.</param>
    /// <param name="padding">"valid" (windows must fit) or "same" (the border is padded so that ⌈size / stride⌉ windows fit).</param>
    /// <param name="inputShape">The shape of one image, when this is the first layer of a model.</param>
    /// <param name="name">The layer's name; "max_pooling2d", … by default.</param>
    public MaxPooling2D(Size2D? poolSize = null, Size2D? strides = null, string padding = "valid", int[]? inputShape = null, string? name = null)
        : base(poolSize, strides, padding, inputShape, name)
    {
        if (inputShape is not null) EnsureBuilt([inputShape]);
    }

    protected override Tensor Forward(Tensor inputs, bool training) =>
        inputs.MaxPool2D(PoolSize.ToTuple(), Strides.ToTuple(), Padding);
}
