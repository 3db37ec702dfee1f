namespace CourseKit.Backends.Cpu;

/// <summary>
/// A Conv2D layer's three products, a block of images at a time. Unfolding a batch's windows (im2col) makes a matrix of
/// windows × patch numbers, for the course CNN's second convolution 18 MB per batch, that the product then reads back
/// from memory; here each core takes whole blocks of about <see cref="BlockFloats"/> numbers, unfolds one into its
/// own L2 cache and multiplies it there, so the whole matrix never exists and the cores meet once per layer, not once
/// per block.
/// </summary>
internal sealed partial class CpuBackend
{
    /// <summary>Window numbers per block: 512 KB, half of a core's 1 MB L2 cache (the product's packed panels need the
    /// rest).</summary>
    private const int BlockFloats = 128 * 1024;

    /// <summary>A batch is cut into at least this many blocks (when it has as many images), so that the cores get
    /// shares of nearly equal size.</summary>
    private const int MinimumBlocks = 8;

    /// <summary>How many images make a block: it depends on the shapes alone, never on the number of cores, so the
    /// kernel gradient's sums are the same on any machine.</summary>
    private static int ImagesPerBlock(Window2D w) =>
        Math.Max(1, Math.Min(BlockFloats / Math.Max(1, w.OutHeight * w.OutWidth * PatchSize(w)), (w.Batch + MinimumBlocks - 1) / MinimumBlocks));

    private static int BlockCount(Window2D w) => (w.Batch + ImagesPerBlock(w) - 1) / ImagesPerBlock(w);

    /// <summary>y = f(im2col(image) · kernel + bias), the bias and activation as the product's epilogue.</summary>
    public override unsafe DeviceBuffer? Conv2DForward(DeviceBuffer image, DeviceBuffer kernel, DeviceBuffer? bias, FusedActivation f,
                                                       Window2D w, int filters, DeviceBuffer y, bool keepWindows)
    {
        float[] k = Host(kernel), yv = Host(y);
        float[]? b = bias is null ? null : Host(bias);
        int patch = PatchSize(w), windowsPerImage = w.OutHeight * w.OutWidth;
        ForEachBlock(w, Host(image), (_, first, count, block) =>
        {
            fixed (float* kp = k, yp = yv, bp = block, biasp = b)
                PackedGemm.Multiply(false, false, count * windowsPerImage, filters, patch, bp, patch, kp, filters,
                                    yp + (long)first * windowsPerImage * filters, filters, new PackedGemm.Epilogue(biasp, f));
        });
        return null; // the kernel gradient unfolds its blocks again, in cache
    }

    /// <summary>kernel gradient = im2col(image)ᵀ · dy: each block's product into its own slot, then the slots summed in
    /// block order (the same additions on any number of cores).</summary>
    public override unsafe void Conv2DKernelGradient(DeviceBuffer image, DeviceBuffer? windows, DeviceBuffer dy, Window2D w, int filters,
                                                     DeviceBuffer kernelGradient)
    {
        float[] g = Host(dy), dk = Host(kernelGradient);
        int patch = PatchSize(w), size = patch * filters, windowsPerImage = w.OutHeight * w.OutWidth, blocks = BlockCount(w);
        float[] parts = HostMemoryPool.Rent(Math.Max(1, blocks) * size, zeroed: false);
        ForEachBlock(w, Host(image), (index, first, count, block) =>
        {
            fixed (float* gp = g, bp = block, pp = parts)
                PackedGemm.Multiply(true, false, patch, filters, count * windowsPerImage, bp, patch,
                                    gp + (long)first * windowsPerImage * filters, filters, pp + (long)index * size, filters);
        });
        if (blocks == 0) Array.Clear(dk, 0, size);
        else parts.AsSpan(0, size).CopyTo(dk);
        for (int index = 1; index < blocks; index++) Sum(dk.AsSpan(0, size), parts.AsSpan(index * size, size), dk.AsSpan(0, size));
        HostMemoryPool.Return(parts);
    }

    /// <summary>image = col2im(dy · kernelᵀ): each block's window gradients go from the product to col2im in cache.</summary>
    public override unsafe void Conv2DInputGradient(DeviceBuffer dy, DeviceBuffer kernel, Window2D w, int filters, DeviceBuffer image)
    {
        float[] g = Host(dy), k = Host(kernel), x = Host(image);
        int patch = PatchSize(w), windowsPerImage = w.OutHeight * w.OutWidth;
        ForEachBlock(w, null, (_, first, count, block) =>
        {
            fixed (float* gp = g, kp = k, bp = block)
                PackedGemm.Multiply(false, true, count * windowsPerImage, patch, filters, gp + (long)first * windowsPerImage * filters, filters,
                                    kp, filters, bp, patch);
            for (int i = 0; i < count; i++) Col2ImImage(block, i * windowsPerImage * patch, x, first + i, w);
        });
    }

    /// <summary>
    /// Calls <paramref name="body"/>(block index, first image, image count, block) for every block of images, the blocks
    /// shared among the cores (each block's work, its product included, runs on one core), with a buffer of the block's
    /// size that holds its unfolded windows when <paramref name="images"/> is given.
    /// </summary>
    private static void ForEachBlock(Window2D w, float[]? images, Action<int, int, int, float[]> body)
    {
        int perBlock = ImagesPerBlock(w), size = perBlock * w.OutHeight * w.OutWidth * PatchSize(w);
        ForRows(BlockCount(w), size, index =>
        {
            int first = index * perBlock, count = Math.Min(perBlock, w.Batch - first);
            float[] block = HostMemoryPool.Rent(size, zeroed: false);
            try
            {
                if (images is not null) Im2ColImages(images, w, first, count, block);
                body(index, first, count, block);
            }
            finally { HostMemoryPool.Return(block); }
        });
    }
}
