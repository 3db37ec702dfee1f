namespace CourseKit.Backends.Cpu;

/// <summary>Convolution unfolding and average pooling on NHWC images (max pooling has its own kernel, in
/// CpuBackend.MaxPool.cs): each image is independent, so images run in parallel, and the channels of one pixel are
/// contiguous, so a kernel row's taps are copied as one block.</summary>
internal sealed partial class CpuBackend
{
    public override void Im2Col(DeviceBuffer image, Window2D w, DeviceBuffer cols) => Im2ColImages(Host(image), w, 0, w.Batch, Host(cols));

    /// <summary>The windows of images first … first + count − 1 into c, a row of <c>patch</c> numbers per window; output
    /// rows of the images run in parallel.</summary>
    private static void Im2ColImages(float[] x, Window2D w, int first, int count, float[] c)
    {
        int patch = PatchSize(w);
        bool inside = EveryWindowInside(w);
        ForRows(count * w.OutHeight, w.OutWidth * patch, r =>
            Im2ColRow(x, w, first + r / w.OutHeight, r % w.OutHeight, inside, c, r * w.OutWidth * patch));
    }

    /// <summary>True when no window reaches into padding ("valid", or "same" where it adds none).</summary>
    private static bool EveryWindowInside(Window2D w) =>
        w.PadTop == 0 && w.PadLeft == 0 &&
        (w.OutHeight - 1) * w.StrideHeight + w.KernelHeight <= w.Height && (w.OutWidth - 1) * w.StrideWidth + w.KernelWidth <= w.Width;

    /// <summary>
    /// The windows of output row <paramref name="oh"/> of image <paramref name="n"/>, from c[at]. When every window lies
    /// inside the image, each kernel row of a window is one run of kernelWidth·channels numbers of the image, copied as
    /// a block (short runs, such as a grey image's 3, one by one: there a block copy's call costs more than the copy);
    /// otherwise the taps that fall into padding are zeros.
    /// </summary>
    private static unsafe void Im2ColRow(float[] x, Window2D w, int n, int oh, bool inside, float[] c, int at)
    {
        int patch = PatchSize(w), run = w.KernelWidth * w.Channels, imageSize = w.Height * w.Width * w.Channels;
        if (inside)
        {
            fixed (float* xp = x, cp = c)
            {
                float* dst = cp + at;
                for (int ow = 0; ow < w.OutWidth; ow++)
                    for (int kh = 0; kh < w.KernelHeight; kh++, dst += run)
                    {
                        float* src = xp + (long)n * imageSize + ((oh * w.StrideHeight + kh) * w.Width + ow * w.StrideWidth) * w.Channels;
                        if (run < 16) for (int i = 0; i < run; i++) dst[i] = src[i];
                        else Buffer.MemoryCopy(src, dst, run * sizeof(float), run * sizeof(float));
                    }
            }
            return;
        }
        for (int ow = 0; ow < w.OutWidth; ow++)
        {
            var row = c.AsSpan(at + ow * patch, patch);
            for (int kh = 0; kh < w.KernelHeight; kh++)
            {
                var (firstTap, taps) = ValidTaps(w, oh, ow, kh, out int ih);
                var dst = row.Slice(kh * run, run);
                if (taps <= 0) { dst.Clear(); continue; }
                dst[..(firstTap * w.Channels)].Clear();
                int iw = ow * w.StrideWidth - w.PadLeft + firstTap;
                x.AsSpan(((n * w.Height + ih) * w.Width + iw) * w.Channels, taps * w.Channels).CopyTo(dst.Slice(firstTap * w.Channels));
                dst[((firstTap + taps) * w.Channels)..].Clear();
            }
        }
    }

    public override void Col2Im(DeviceBuffer cols, Window2D w, DeviceBuffer image)
    {
        float[] x = Host(image), c = Host(cols);
        ForRows(w.Batch, w.OutHeight * w.OutWidth * PatchSize(w), n => Col2ImImage(c, n * w.OutHeight * w.OutWidth * PatchSize(w), x, n, w));
    }

    /// <summary>Image <paramref name="n"/> of x = the sum of its windows' patch rows, which start at c[first].</summary>
    internal static void Col2ImImage(float[] c, int first, float[] x, int n, Window2D w)
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
