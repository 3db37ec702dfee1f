namespace CourseKit.Backends.Cpu;

/// <summary>Convolution unfolding and average pooling on NHWC images (max pooling has its own kernel, in
/// CpuBackend.MaxPool.cs): each image is independent, so images run in parallel, and the channels of one pixel are
/// contiguous, so a kernel row's taps are copied as one block.</summary>
internal sealed partial class CpuBackend
{
    public override void Im2Col(DeviceBuffer image, Window2D w, DeviceBuffer cols)
    {
        float[] x = Host(image), c = Host(cols);
        int patch = PatchSize(w), rowsPerImage = w.OutHeight * w.OutWidth;
        if (EveryWindowInside(w)) { Im2ColInside(x, w, c); return; }
        ForRows(w.Batch, rowsPerImage * patch, n =>
        {
            for (int oh = 0; oh < w.OutHeight; oh++)
                for (int ow = 0; ow < w.OutWidth; ow++)
                {
                    var row = c.AsSpan(((n * w.OutHeight + oh) * w.OutWidth + ow) * patch, patch);
                    for (int kh = 0; kh < w.KernelHeight; kh++)
                    {
                        var (first, count) = ValidTaps(w, oh, ow, kh, out int ih);
                        var dst = row.Slice(kh * w.KernelWidth * w.Channels, w.KernelWidth * w.Channels);
                        if (count <= 0) { dst.Clear(); continue; }
                        dst[..(first * w.Channels)].Clear();
                        int iw = ow * w.StrideWidth - w.PadLeft + first;
                        x.AsSpan(((n * w.Height + ih) * w.Width + iw) * w.Channels, count * w.Channels)
                            .CopyTo(dst.Slice(first * w.Channels));
                        dst[((first + count) * w.Channels)..].Clear();
                    }
                }
        });
    }

    /// <summary>True when no window reaches into padding ("valid", or "same" where it adds none).</summary>
    private static bool EveryWindowInside(Window2D w) =>
        w.PadTop == 0 && w.PadLeft == 0 &&
        (w.OutHeight - 1) * w.StrideHeight + w.KernelHeight <= w.Height && (w.OutWidth - 1) * w.StrideWidth + w.KernelWidth <= w.Width;

    /// <summary>Im2col when every window lies inside the image: each kernel row of a window is one run of
    /// kernelWidth·channels numbers of the image, copied as a block (short runs, such as 3 numbers of a grey image,
    /// one by one, where a block copy's call costs more than the copy).</summary>
    private static unsafe void Im2ColInside(float[] x, Window2D w, float[] c)
    {
        int patch = PatchSize(w), run = w.KernelWidth * w.Channels, imageSize = w.Height * w.Width * w.Channels;
        ForRows(w.Batch, w.OutHeight * w.OutWidth * patch, n =>
        {
            fixed (float* xp = x, cp = c)
            {
                float* dst = cp + (long)n * w.OutHeight * w.OutWidth * patch;
                for (int oh = 0; oh < w.OutHeight; oh++)
                    for (int ow = 0; ow < w.OutWidth; ow++)
                        for (int kh = 0; kh < w.KernelHeight; kh++, dst += run)
                        {
                            float* src = xp + (long)n * imageSize + ((oh * w.StrideHeight + kh) * w.Width + ow * w.StrideWidth) * w.Channels;
                            if (run < 16) for (int i = 0; i < run; i++) dst[i] = src[i];
                            else Buffer.MemoryCopy(src, dst, run * sizeof(float), run * sizeof(float));
                        }
            }
        });
    }

    public override void Col2Im(DeviceBuffer cols, Window2D w, DeviceBuffer image)
    {
        float[] x = Host(image), c = Host(cols);
        ForRows(w.Batch, w.OutHeight * w.OutWidth * PatchSize(w), n => Col2ImImage(c, n * w.OutHeight * w.OutWidth * PatchSize(w), x, n, w));
    }

    /// <summary>
    /// col2im(dy · kernelᵀ) a few images at a time (about <see cref="InputGradientBlockFloats"/> window gradients):
    /// each block's product is added back onto its images while it is still in the L2 cache, instead of writing the
    /// whole (windows × patch) matrix to memory and reading it back (for the course CNN's second convolution, 18 MB
    /// each way per batch).
    /// </summary>
    public override unsafe void Conv2DInputGradient(DeviceBuffer dy, DeviceBuffer kernel, Window2D w, int filters, DeviceBuffer image)
    {
        float[] g = Host(dy), k = Host(kernel), x = Host(image);
        int patch = PatchSize(w), windowsPerImage = w.OutHeight * w.OutWidth;
        int imagesPerBlock = Math.Clamp(InputGradientBlockFloats / Math.Max(1, windowsPerImage * patch), 1, Math.Max(1, w.Batch));
        float[] block = HostMemoryPool.Rent(imagesPerBlock * windowsPerImage * patch, zeroed: false);
        try
        {
            for (int first = 0; first < w.Batch; first += imagesPerBlock)
            {
                int count = Math.Min(imagesPerBlock, w.Batch - first), rows = count * windowsPerImage;
                fixed (float* gp = g, kp = k, bp = block)
                    PackedGemm.Multiply(false, true, rows, patch, filters, gp + (long)first * windowsPerImage * filters, filters, kp, filters, bp, patch);
                ForRows(count, windowsPerImage * patch, i => Col2ImImage(block, i * windowsPerImage * patch, x, first + i, w));
            }
        }
        finally { HostMemoryPool.Return(block); }
    }

    /// <summary>Window gradients per block of <see cref="Conv2DInputGradient"/>: 512 KB, half of this machine's L2.</summary>
    private const int InputGradientBlockFloats = 128 * 1024;

    /// <summary>Image <paramref name="n"/> of x = the sum of its windows' patch rows, which start at c[first].</summary>
    private static void Col2ImImage(float[] c, int first, float[] x, int n, Window2D w)
    {
        int patch = PatchSize(w);
        x.AsSpan(n * w.Height * w.Width * w.Channels, w.Height * w.Width * w.Channels).Clear();
        for (int oh = 0; oh < w.OutHeight; oh++)
            for (int ow = 0; ow < w.OutWidth; ow++)
            {
                var row = c.AsSpan(first + (oh * w.OutWidth + ow) * patch, patch);
                for (int kh = 0; kh < w.KernelHeight; kh++)
                {
                    var (firstTap, taps) = ValidTaps(w, oh, ow, kh, out int ih);
                    if (taps <= 0) continue;
                    int iw = ow * w.StrideWidth - w.PadLeft + firstTap;
                    var dst = x.AsSpan(((n * w.Height + ih) * w.Width + iw) * w.Channels, taps * w.Channels);
                    Sum(dst, row.Slice((kh * w.KernelWidth + firstTap) * w.Channels, taps * w.Channels), dst);
                }
            }
    }

    /// <summary>For kernel row <paramref name="kh"/> at output (oh, ow): the first kernel column that lands inside the
    /// image and how many consecutive columns do (≤ 0 when the whole row is padding).</summary>
    private static (int First, int Count) ValidTaps(Window2D w, int oh, int ow, int kh, out int ih)
    {
        ih = oh * w.StrideHeight - w.PadTop + kh;
        if (ih < 0 || ih >= w.Height) return (0, 0);
        int iw0 = ow * w.StrideWidth - w.PadLeft;
        int first = Math.Max(0, -iw0);
        int last = Math.Min(w.KernelWidth, w.Width - iw0);
        return (first, last - first);
    }

    public override void AvgPool(DeviceBuffer x, Window2D w, DeviceBuffer y)
    {
        float[] xv = Host(x), yv = Host(y);
        ForEachWindow(w, (n, oh, ow, outBase) =>
        {
            var sum = yv.AsSpan(outBase, w.Channels);
            sum.Clear();
            int count = 0;
            for (int k = 0; k < w.KernelHeight * w.KernelWidth; k++)
                if (InputAt(w, n, oh, ow, k / w.KernelWidth, k % w.KernelWidth) is int at)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(sum, xv.AsSpan(at, w.Channels), sum);
                    count++;
                }
            System.Numerics.Tensors.TensorPrimitives.Divide(sum, count, sum);
        });
    }

    public override void AvgPoolBackward(DeviceBuffer dy, Window2D w, DeviceBuffer dx)
    {
        float[] g = Host(dy), d = Host(dx);
        ClearImages(d, w);
        ForEachWindow(w, (n, oh, ow, outBase) =>
        {
            int count = 0;
            for (int k = 0; k < w.KernelHeight * w.KernelWidth; k++)
                if (InputAt(w, n, oh, ow, k / w.KernelWidth, k % w.KernelWidth) is int) count++;
            for (int k = 0; k < w.KernelHeight * w.KernelWidth; k++)
                if (InputAt(w, n, oh, ow, k / w.KernelWidth, k % w.KernelWidth) is int at)
                    for (int ch = 0; ch < w.Channels; ch++) d[at + ch] += g[outBase + ch] / count;
        });
    }

    private static void ClearImages(float[] d, Window2D w) => d.AsSpan(0, w.Batch * w.Height * w.Width * w.Channels).Clear();

    /// <summary>Visits every output window; images run in parallel (windows of one image may overlap, so they stay on one thread).</summary>
    private static void ForEachWindow(Window2D w, Action<int, int, int, int> body) =>
        ForRows(w.Batch, w.OutHeight * w.OutWidth * w.KernelHeight * w.KernelWidth * w.Channels, n =>
        {
            for (int oh = 0; oh < w.OutHeight; oh++)
                for (int ow = 0; ow < w.OutWidth; ow++)
                    body(n, oh, ow, ((n * w.OutHeight + oh) * w.OutWidth + ow) * w.Channels);
        });
}
