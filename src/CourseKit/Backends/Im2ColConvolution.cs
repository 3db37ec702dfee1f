namespace CourseKit.Backends;

/// <summary>
/// A Conv2D layer's three products the plain way, out of a backend's own primitives: unfold every window of the batch
/// into a (windows × patch) matrix (im2col), multiply it with the (patch × filters) kernel, and add the bias and apply
/// the activation on the result. The reference and GPU backends compute a convolution so; the CPU backend unfolds a
/// block of images at a time instead (<c>CpuBackend.Convolution.cs</c>).
/// </summary>
internal static class Im2ColConvolution
{
    /// <summary>y = f(im2col(image) · kernel + bias); returns the unfolded windows when asked to keep them.</summary>
    public static DeviceBuffer? Forward(IBackend backend, DeviceBuffer image, DeviceBuffer kernel, DeviceBuffer? bias, FusedActivation f,
                                        Window2D w, int filters, DeviceBuffer y, bool keepWindows)
    {
        var cols = Unfold(backend, image, w);
        backend.Gemm(cols, kernel, y, new GemmShape(1, Windows(w), filters, Patch(w), false, false, 0, 0, 0));
        if (bias is not null || f != FusedActivation.Linear) backend.BiasActivation(f, y, bias, filters, y);
        if (keepWindows) return cols;
        cols.Dispose();
        return null;
    }

    /// <summary>
    /// kernelGradient = windowsᵀ · dy, the windows those the forward pass kept or, when it kept none, the image's unfolded
    /// again. The sum runs over every window of the batch (86,528 for the course CNN's first layer) into a small
    /// patch × filters result; with <paramref name="groups"/> &gt; 1 (a divisor of the batch) the windows are split into
    /// that many groups of whole images, one batched product per group, and the partial gradients are summed (split-k),
    /// so that a GPU's work is not left to the one or two work-groups that cover the result.
    /// </summary>
    public static void KernelGradient(IBackend backend, DeviceBuffer image, DeviceBuffer? windows, DeviceBuffer dy, Window2D w, int filters,
                                      DeviceBuffer kernelGradient, int groups = 1)
    {
        using var unfolded = windows is null ? Unfold(backend, image, w) : null;
        var cols = windows ?? unfolded!;
        int patch = Patch(w);
        if (groups <= 1 || w.Batch % groups != 0)
        {
            backend.Gemm(cols, dy, kernelGradient, new GemmShape(1, patch, filters, Windows(w), true, false, 0, 0, 0));
            return;
        }
        int rows = Windows(w) / groups;
        using var partial = backend.AllocateForOverwrite(groups * patch * filters);
        backend.Gemm(cols, dy, partial, new GemmShape(groups, patch, filters, rows, true, false, rows * patch, rows * filters, patch * filters));
        backend.Reduce(ReduceOp.Sum, partial, 1, groups, patch * filters, kernelGradient);
    }

    /// <summary>image = col2im(dy · kernelᵀ).</summary>
    public static void InputGradient(IBackend backend, DeviceBuffer dy, DeviceBuffer kernel, Window2D w, int filters, DeviceBuffer image)
    {
        using var cols = backend.AllocateForOverwrite(Windows(w) * Patch(w));
        backend.Gemm(dy, kernel, cols, new GemmShape(1, Windows(w), Patch(w), filters, false, true, 0, 0, 0));
        backend.Col2Im(cols, w, image);
    }

    /// <summary>im2col(image) in a fresh (windows × patch) buffer.</summary>
    public static DeviceBuffer Unfold(IBackend backend, DeviceBuffer image, Window2D w)
    {
        var cols = backend.AllocateForOverwrite(Windows(w) * Patch(w));
        backend.Im2Col(image, w, cols);
        return cols;
    }

    /// <summary>How many windows the batch has (the rows of the unfolded matrix).</summary>
    public static int Windows(Window2D w) => w.Batch * w.OutHeight * w.OutWidth;

    /// <summary>How many numbers one window holds: kernel height × width × channels.</summary>
    public static int Patch(Window2D w) => w.KernelHeight * w.KernelWidth * w.Channels;
}
