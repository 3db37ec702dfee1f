using System.Numerics;

namespace CourseKit.Backends.Cpu;

/// <summary>
/// Max pooling as a direct NHWC kernel. The channels of one pixel are contiguous, so a window is a few runs of
/// <c>channels</c> numbers, compared a SIMD vector of channels at a time; the winner's position inside its window
/// (0 … kh·kw−1, the compact argmax the backward pass needs) is kept alongside in the same registers. The common
/// 2×2 window with stride 2 reads its four taps at once; other windows, and windows cut by "same" padding, go tap by tap.
/// </summary>
/// <remarks>
/// The results agree exactly with the Reference backend: the taps are visited in row-major window order, the first
/// tap inside the image starts the maximum and a later tap replaces it only when strictly greater. So among equal
/// values the first in the window wins (as in Keras/TensorFlow), and a NaN stays only where it comes first.
/// </remarks>
internal sealed partial class CpuBackend
{
    public override void MaxPool(DeviceBuffer x, Window2D w, DeviceBuffer y, DeviceBuffer argmax)
    {
        float[] xv = Host(x), yv = Host(y), av = Host(argmax);
        int c = w.Channels;
        bool twoByTwo = w.KernelHeight == 2 && w.KernelWidth == 2;
        ForRows(w.Batch, w.OutHeight * w.OutWidth * w.KernelHeight * w.KernelWidth * c, n =>
        {
            for (int oh = 0; oh < w.OutHeight; oh++)
            {
                int top = oh * w.StrideHeight - w.PadTop;
                int firstRow = Math.Max(0, -top), endRow = Math.Min(w.KernelHeight, w.Height - top);
                for (int ow = 0; ow < w.OutWidth; ow++)
                {
                    int left = ow * w.StrideWidth - w.PadLeft;
                    int firstColumn = Math.Max(0, -left), endColumn = Math.Min(w.KernelWidth, w.Width - left);
                    int output = ((n * w.OutHeight + oh) * w.OutWidth + ow) * c;
                    var best = yv.AsSpan(output, c);
                    var winner = av.AsSpan(output, c);
                    int Tap(int kh, int kw) => ((n * w.Height + top + kh) * w.Width + left + kw) * c;
                    if (twoByTwo && firstRow == 0 && endRow == 2 && firstColumn == 0 && endColumn == 2)
                    {
                        MaxOfFour(xv, Tap(0, 0), Tap(0, 1), Tap(1, 0), Tap(1, 1), best, winner);
                        continue;
                    }
                    if (firstRow >= endRow || firstColumn >= endColumn)
                    {
                        best.Fill(float.NegativeInfinity); // a window wholly in the padding (not produced by Keras's padding rules)
                        winner.Fill(-1);
                        continue;
                    }
                    xv.AsSpan(Tap(firstRow, firstColumn), c).CopyTo(best);
                    winner.Fill(firstRow * w.KernelWidth + firstColumn);
                    for (int kh = firstRow; kh < endRow; kh++)
                        for (int kw = kh == firstRow ? firstColumn + 1 : firstColumn; kw < endColumn; kw++)
                            KeepLarger(xv.AsSpan(Tap(kh, kw), c), kh * w.KernelWidth + kw, best, winner);
                }
            }
        });
    }

    /// <summary>best, winner = the larger of taps a, b, c, d (window positions 0–3) per channel, the first on ties.</summary>
    private static void MaxOfFour(float[] x, int a, int b, int c, int d, Span<float> best, Span<float> winner)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<float>.One;
            for (; i <= best.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var max = new Vector<float>(x.AsSpan(a + i));
                var at = Vector<float>.Zero;
                var next = new Vector<float>(x.AsSpan(b + i));
                var larger = Vector.GreaterThan(next, max);
                (max, at) = (Vector.ConditionalSelect(larger, next, max), Vector.ConditionalSelect(larger, one, at));
                next = new Vector<float>(x.AsSpan(c + i));
                larger = Vector.GreaterThan(next, max);
                (max, at) = (Vector.ConditionalSelect(larger, next, max), Vector.ConditionalSelect(larger, one + one, at));
                next = new Vector<float>(x.AsSpan(d + i));
                larger = Vector.GreaterThan(next, max);
                (max, at) = (Vector.ConditionalSelect(larger, next, max), Vector.ConditionalSelect(larger, new Vector<float>(3), at));
                max.CopyTo(best[i..]);
                at.CopyTo(winner[i..]);
            }
        }
        for (; i < best.Length; i++)
        {
            float max = x[a + i], at = 0;
            if (x[b + i] > max) (max, at) = (x[b + i], 1);
            if (x[c + i] > max) (max, at) = (x[c + i], 2);
            if (x[d + i] > max) (max, at) = (x[d + i], 3);
            best[i] = max;
            winner[i] = at;
        }
    }

    /// <summary>Where <paramref name="tap"/> is strictly greater than <paramref name="best"/>, takes its value and
    /// records <paramref name="position"/> as the winner.</summary>
    private static void KeepLarger(ReadOnlySpan<float> tap, int position, Span<float> best, Span<float> winner)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var at = new Vector<float>(position);
            for (; i <= best.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var next = new Vector<float>(tap[i..]);
                var max = new Vector<float>(best[i..]);
                var larger = Vector.GreaterThan(next, max);
                Vector.ConditionalSelect(larger, next, max).CopyTo(best[i..]);
                Vector.ConditionalSelect(larger, at, new Vector<float>(winner[i..])).CopyTo(winner[i..]);
            }
        }
        for (; i < best.Length; i++)
            if (tap[i] > best[i]) (best[i], winner[i]) = (tap[i], position);
    }

    public override void MaxPoolBackward(DeviceBuffer dy, DeviceBuffer argmax, Window2D w, DeviceBuffer dx)
    {
        float[] g = Host(dy), av = Host(argmax), d = Host(dx);
        int c = w.Channels, imageSize = w.Height * w.Width * c;
        // 2×2 windows with stride 2 and no padding before the image tile it: each of their pixels gets its gradient or 0
        // written once, with no zeroing first. Only a last odd row or column (dropped, or in a window cut by "same"
        // padding at the bottom/right) is left for the general path below.
        bool tiles = w is { KernelHeight: 2, KernelWidth: 2, StrideHeight: 2, StrideWidth: 2, PadTop: 0, PadLeft: 0 };
        int fullRows = tiles ? Math.Min(w.OutHeight, w.Height / 2) : 0, fullColumns = tiles ? Math.Min(w.OutWidth, w.Width / 2) : 0;
        ForRows(w.Batch, imageSize + w.OutHeight * w.OutWidth * c, n =>
        {
            var image = d.AsSpan(n * imageSize, imageSize);
            for (int oh = 0; oh < fullRows; oh++)
                for (int ow = 0; ow < fullColumns; ow++)
                {
                    int output = ((n * w.OutHeight + oh) * w.OutWidth + ow) * c, pixel = (2 * oh * w.Width + 2 * ow) * c;
                    SplitOverFour(g.AsSpan(output, c), av.AsSpan(output, c), image, pixel, pixel + c, pixel + w.Width * c, pixel + (w.Width + 1) * c);
                }
            // Zero the rest of the image (all of it unless the tiles covered part), then route the other windows' gradients.
            int tiledWidth = 2 * fullColumns * c;
            for (int row = 0; row < 2 * fullRows; row++) image.Slice(row * w.Width * c + tiledWidth, w.Width * c - tiledWidth).Clear();
            image[(2 * fullRows * w.Width * c)..].Clear();
            for (int oh = 0; oh < w.OutHeight; oh++)
                for (int ow = oh < fullRows ? fullColumns : 0; ow < w.OutWidth; ow++)
                {
                    int output = ((n * w.OutHeight + oh) * w.OutWidth + ow) * c;
                    for (int ch = 0; ch < c; ch++)
                    {
                        int k = (int)av[output + ch];
                        if (k < 0) continue; // a window wholly in the padding has no winner
                        int ih = oh * w.StrideHeight - w.PadTop + k / w.KernelWidth, iw = ow * w.StrideWidth - w.PadLeft + k % w.KernelWidth;
                        image[(ih * w.Width + iw) * c + ch] += g[output + ch];
                    }
                }
        });
    }

    /// <summary>Writes each channel's gradient to the tap its argmax names (0–3: a, b, c, d) and 0 to the other three.</summary>
    private static void SplitOverFour(ReadOnlySpan<float> gradient, ReadOnlySpan<float> winner, Span<float> image, int a, int b, int c, int d)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= gradient.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(gradient[i..]);
                var at = new Vector<float>(winner[i..]);
                Vector.ConditionalSelect(Vector.Equals(at, Vector<float>.Zero), g, Vector<float>.Zero).CopyTo(image[(a + i)..]);
                Vector.ConditionalSelect(Vector.Equals(at, Vector<float>.One), g, Vector<float>.Zero).CopyTo(image[(b + i)..]);
                Vector.ConditionalSelect(Vector.Equals(at, new Vector<float>(2)), g, Vector<float>.Zero).CopyTo(image[(c + i)..]);
                Vector.ConditionalSelect(Vector.Equals(at, new Vector<float>(3)), g, Vector<float>.Zero).CopyTo(image[(d + i)..]);
            }
        }
        for (; i < gradient.Length; i++)
        {
            image[a + i] = winner[i] == 0 ? gradient[i] : 0;
            image[b + i] = winner[i] == 1 ? gradient[i] : 0;
            image[c + i] = winner[i] == 2 ? gradient[i] : 0;
            image[d + i] = winner[i] == 3 ? gradient[i] : 0;
        }
    }
}
