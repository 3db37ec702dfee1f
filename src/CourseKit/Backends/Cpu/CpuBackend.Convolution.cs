namespace CourseKit.Backends.Cpu;

/// <summary>
/// A Conv2D layer's three products, each a few images at a time. Unfolding a batch's windows (im2col) makes a matrix
/// of windows × patch numbers, for the course CNN's second convolution 18 MB per batch, that the product then reads back
/// from memory; here a block of about <see cref="BlockFloats"/> numbers (2 MB) is unfolded and
/// multiplied while it is in cache, and the whole matrix never exists.
/// </summary>
internal sealed partial class CpuBackend
{
    /// <summary>Window numbers per block: 2 MB, the two cores' L2 caches together (each core's half of a product reads
    /// half the block). Measured against 512 KB and 8 MB blocks: 512 KB pays for four times as many parallel rounds,
    /// 8 MB no longer stays in the L2 caches (bench/README.md).</summary>
    private const int BlockFloats = 512 * 1024;

    /// <summary>How many images' windows make a block (at least one).</summary>
    private static int ImagesPerBlock(Window2D w) =>
        Math.Clamp(BlockFloats / Math.Max(1, w.OutHeight * w.OutWidth * PatchSize(w)), 1, Math.Max(1, w.Batch));

    /// <summary>y = f(im2col(image) · kernel + bias), the bias and activation as the product's epilogue.</summary>
    public override unsafe DeviceBuffer? Conv2DForward(DeviceBuffer image, DeviceBuffer kernel, DeviceBuffer? bias, FusedActivation f,
                                                       Window2D w, int filters, DeviceBuffer y, bool keepWindows)
    {
        float[] x = Host(image), k = Host(kernel), yv = Host(y);
        int patch = PatchSize(w), windowsPerImage = w.OutHeight * w.OutWidth;
        ForEachBlock(w, (first, count, block) =>
        {
            fixed (float* kp = k, yp = yv, bp = block, biasp = bias is null ? null : Host(bias))
                PackedGemm.Multiply(false, false, count * windowsPerImage, filters, patch, bp, patch, kp, filters,
                                    yp + (long)first * windowsPerImage * filters, filters, new PackedGemm.Epilogue(biasp, f));
        }, x);
        return null; // the kernel gradient unfolds its blocks again, in cache
    }

    /// <summary>kernel gradient = im2col(image)ᵀ · dy, each block's product added to the sum in block order (the same
    /// additions on any number of threads).</summary>
    public override unsafe void Conv2DKernelGradient(DeviceBuffer image, DeviceBuffer? windows, DeviceBuffer dy, Window2D w, int filters,
                                                     DeviceBuffer kernelGradient)
    {
        float[] x = Host(image), g = Host(dy), dk = Host(kernelGradient);
        int patch = PatchSize(w), windowsPerImage = w.OutHeight * w.OutWidth;
        float[] part = HostMemoryPool.Rent(patch * filters, zeroed: false);
        if (w.Batch == 0) Array.Clear(dk);
        ForEachBlock(w, (first, count, block) =>
        {
            fixed (float* gp = g, bp = block, dp = first == 0 ? dk : part)
                PackedGemm.Multiply(true, false, patch, filters, count * windowsPerImage, bp, patch,
                                    gp + (long)first * windowsPerImage * filters, filters, dp, filters);
            if (first > 0) Sum(dk.AsSpan(0, patch * filters), part.AsSpan(0, patch * filters), dk.AsSpan(0, patch * filters));
        }, x);
        HostMemoryPool.Return(part);
    }

    /// <summary>image = col2im(dy · kernelᵀ): each block's window gradients go from the product to col2im in cache.</summary>
    public override unsafe void Conv2DInputGradient(DeviceBuffer dy, DeviceBuffer kernel, Window2D w, int filters, DeviceBuffer image)
    {
        float[] g = Host(dy), k = Host(kernel), x = Host(image);
        int patch = PatchSize(w), windowsPerImage = w.OutHeight * w.OutWidth;
        ForEachBlock(w, (first, count, block) =>
        {
            fixed (float* gp = g, kp = k, bp = block)
                PackedGemm.Multiply(false, true, count * windowsPerImage, patch, filters, gp + (long)first * windowsPerImage * filters, filters,
                                    kp, filters, bp, patch);
            ForRows(count, windowsPerImage * patch, i => Col2ImImage(block, i * windowsPerImage * patch, x, first + i, w));
        }, images: null);
    }

    /// <summary>Calls <paramref name="body"/>(first image, image count, block) for each block of images in order, with
    /// the block holding their unfolded windows when <paramref name="images"/> is given (else scratch to fill).</summary>
    private static void ForEachBlock(Window2D w, Action<int, int, float[]> body, float[]? images)
    {
        int perBlock = ImagesPerBlock(w);
        float[] block = HostMemoryPool.Rent(perBlock * w.OutHeight * w.OutWidth * PatchSize(w), zeroed: false);
        try
        {
            for (int first = 0; first < w.Batch; first += perBlock)
            {
                int count = Math.Min(perBlock, w.Batch - first);
                if (images is not null) Im2ColImages(images, w, first, count, block);
                body(first, count, block);
            }
        }
        finally { HostMemoryPool.Return(block); }
    }
}
