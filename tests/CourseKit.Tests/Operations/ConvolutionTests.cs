using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Operations;

/// <summary>
/// Conv2D, MaxPool2D and AvgPool2D on NHWC images: small examples worked by hand, and random ones against naive
/// double-precision loops written here from the definitions (cross-correlation; TensorFlow's "same" padding with the
/// smaller half on top/left; padding never wins a max and does not count in a mean).
/// </summary>
public class ConvolutionTests
{
    // ---- naive reference implementations ----

    private static (int Out, int PadBefore) Geometry(int size, int window, int stride, string padding)
    {
        if (padding == "valid") return ((size - window) / stride + 1, 0);
        int output = (size + stride - 1) / stride;
        int pad = Math.Max((output - 1) * stride + window - size, 0);
        return (output, pad / 2);
    }

    private static double[] NaiveConv(float[] x, int[] xs, float[] k, int[] ks, (int H, int W) s, string padding, out int[] shape)
    {
        int n = xs[0], h = xs[1], w = xs[2], c = xs[3], kh = ks[0], kw = ks[1], f = ks[3];
        var (oh, top) = Geometry(h, kh, s.H, padding);
        var (ow, left) = Geometry(w, kw, s.W, padding);
        shape = [n, oh, ow, f];
        var y = new double[n * oh * ow * f];
        for (int b = 0; b < n; b++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                    for (int o = 0; o < f; o++)
                    {
                        double sum = 0;
                        for (int p = 0; p < kh; p++)
                            for (int q = 0; q < kw; q++)
                            {
                                int r = i * s.H - top + p, col = j * s.W - left + q;
                                if (r < 0 || r >= h || col < 0 || col >= w) continue;
                                for (int ch = 0; ch < c; ch++)
                                    sum += (double)x[((b * h + r) * w + col) * c + ch] * k[((p * kw + q) * c + ch) * f + o];
                            }
                        y[((b * oh + i) * ow + j) * f + o] = sum;
                    }
        return y;
    }

    private static double[] NaivePool(float[] x, int[] xs, (int H, int W) pool, (int H, int W) s, string padding, bool max, out int[] shape)
    {
        int n = xs[0], h = xs[1], w = xs[2], c = xs[3];
        var (oh, top) = Geometry(h, pool.H, s.H, padding);
        var (ow, left) = Geometry(w, pool.W, s.W, padding);
        shape = [n, oh, ow, c];
        var y = new double[n * oh * ow * c];
        for (int b = 0; b < n; b++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++)
                    for (int ch = 0; ch < c; ch++)
                    {
                        double best = double.NegativeInfinity, sum = 0;
                        int count = 0;
                        for (int p = 0; p < pool.H; p++)
                            for (int q = 0; q < pool.W; q++)
                            {
                                int r = i * s.H - top + p, col = j * s.W - left + q;
                                if (r < 0 || r >= h || col < 0 || col >= w) continue;
                                double v = x[((b * h + r) * w + col) * c + ch];
                                best = Math.Max(best, v);
                                sum += v;
                                count++;
                            }
                        y[((b * oh + i) * ow + j) * c + ch] = max ? best : sum / count;
                    }
        return y;
    }

    // ---- Conv2D ----

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ValidConvolutionByHand(string device)
    {
        var d = Devices.Get(device);
        // Image 1…9 in a 3×3 grid, kernel [[1, 0], [0, −1]]: each output is x[i, j] − x[i+1, j+1] = −4.
        var image = Tensor.Arange(1, 10, device: d).Reshape(1, 3, 3, 1);
        var kernel = Tensor.FromData([1, 0, 0, -1], [2, 2, 1, 1], d);
        TensorAssert.Exact(image.Conv2D(kernel), [1, 2, 2, 1], -4, -4, -4, -4);
        // Kernel [[0, 1], [0, 0]] copies the top-right neighbour: cross-correlation, no flipping.
        TensorAssert.Exact(image.Conv2D(Tensor.FromData([0, 1, 0, 0], [2, 2, 1, 1], d)), [1, 2, 2, 1], 2, 3, 5, 6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SameConvolutionByHand(string device)
    {
        var d = Devices.Get(device);
        // A 3×3 kernel of ones on [[1, 2], [3, 4]] with zero padding: every window covers the whole image, 10.
        var image = Tensor.FromData([1, 2, 3, 4], [1, 2, 2, 1], d);
        TensorAssert.Exact(image.Conv2D(Tensor.Ones([3, 3, 1, 1], d), padding: "same"), [1, 2, 2, 1], 10, 10, 10, 10);
        // 3×3 ones on 1…9: border windows count fewer pixels.
        var nine = Tensor.Arange(1, 10, device: d).Reshape(1, 3, 3, 1);
        TensorAssert.Exact(nine.Conv2D(Tensor.Ones([3, 3, 1, 1], d), padding: "same"), [1, 3, 3, 1], 12, 21, 16, 27, 45, 33, 24, 39, 28);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ChannelsAndFiltersByHand(string device)
    {
        var d = Devices.Get(device);
        // One pixel with channels [1, 2], a 1×1 kernel with filters [[1, 10, 0], [1, 0, 100]]: [3, 10, 200].
        var pixel = Tensor.FromData([1, 2], [1, 1, 1, 2], d);
        var kernel = Tensor.FromData([1, 10, 0, 1, 0, 100], [1, 1, 2, 3], d);
        TensorAssert.Exact(pixel.Conv2D(kernel), [1, 1, 1, 3], 3, 10, 200);
    }

    public static IEnumerable<object[]> ConvCases()
    {
        foreach (var device in new[] { "cpu", "reference" })
        {
            // image shape, kernel shape, strides, padding
            yield return [device, new[] { 2, 5, 5, 2 }, new[] { 3, 3, 2, 3 }, 1, 1, "valid"];
            yield return [device, new[] { 2, 5, 5, 2 }, new[] { 3, 3, 2, 3 }, 1, 1, "same"];
            yield return [device, new[] { 1, 6, 6, 1 }, new[] { 2, 2, 1, 2 }, 1, 1, "same"];   // even kernel: padding after
            yield return [device, new[] { 2, 7, 7, 3 }, new[] { 3, 3, 3, 4 }, 2, 2, "valid"];
            yield return [device, new[] { 2, 7, 7, 3 }, new[] { 3, 3, 3, 4 }, 2, 2, "same"];
            yield return [device, new[] { 1, 8, 8, 2 }, new[] { 3, 3, 2, 2 }, 2, 2, "same"];   // even size, odd kernel: pad 0 top, 1 bottom
            yield return [device, new[] { 3, 7, 5, 2 }, new[] { 3, 2, 2, 5 }, 2, 1, "same"];   // non-square everything
            yield return [device, new[] { 1, 4, 4, 1 }, new[] { 4, 4, 1, 1 }, 1, 1, "valid"];  // kernel as large as the image
            yield return [device, new[] { 1, 3, 3, 1 }, new[] { 5, 5, 1, 2 }, 1, 1, "same"];   // kernel larger than the image
        }
    }

    [SkippableTheory]
    [MemberData(nameof(ConvCases))]
    public void ConvolutionMatchesANaiveLoop(string device, int[] imageShape, int[] kernelShape, int strideH, int strideW, string padding)
    {
        var d = Devices.Get(device);
        var x = TensorAssert.RandomArray(imageShape.Aggregate(1, (a, b) => a * b), seed: 1);
        var k = TensorAssert.RandomArray(kernelShape.Aggregate(1, (a, b) => a * b), seed: 2);
        var expected = NaiveConv(x, imageShape, k, kernelShape, (strideH, strideW), padding, out var shape);
        var y = Tensor.FromData(x, imageShape, d).Conv2D(Tensor.FromData(k, kernelShape, d), (strideH, strideW), padding);
        Assert.Equal(shape, y.Shape);
        TensorAssert.Close(expected, y.ToArray(), 1e-5);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void OutputSizesFollowKeras(string device)
    {
        var d = Devices.Get(device);
        var x = Tensor.Zeros([1, 28, 28, 1], d);
        Assert.Equal([1, 26, 26, 8], x.Conv2D(Tensor.Zeros([3, 3, 1, 8], d)).Shape);
        Assert.Equal([1, 28, 28, 8], x.Conv2D(Tensor.Zeros([3, 3, 1, 8], d), padding: "same").Shape);
        Assert.Equal([1, 14, 14, 8], x.Conv2D(Tensor.Zeros([3, 3, 1, 8], d), (2, 2), "same").Shape);
        Assert.Equal([1, 13, 13, 8], x.Conv2D(Tensor.Zeros([3, 3, 1, 8], d), (2, 2), "valid").Shape);
        Assert.Equal([1, 12, 12, 8], x.Conv2D(Tensor.Zeros([5, 5, 1, 8], d), (2, 2), "VALID").Shape); // case-insensitive
    }

    // ---- pooling ----

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MaxPoolByHand(string device)
    {
        var d = Devices.Get(device);
        var x = Tensor.Arange(16, d).Reshape(1, 4, 4, 1); // rows 0–3, 4–7, 8–11, 12–15
        TensorAssert.Exact(x.MaxPool2D(), [1, 2, 2, 1], 5, 7, 13, 15);
        TensorAssert.Exact(x.MaxPool2D((2, 2), (1, 1)), [1, 3, 3, 1], 5, 6, 7, 9, 10, 11, 13, 14, 15);
        // "same" with a 3×3 window and stride 2 on 4×4: out 2×2, one row/column of padding at the bottom/right.
        TensorAssert.Exact(x.MaxPool2D((3, 3), (2, 2), "same"), [1, 2, 2, 1], 10, 11, 14, 15);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void PaddingNeverWinsAMax(string device)
    {
        var d = Devices.Get(device);
        // All values ≤ 0: if padding counted as 0 it would win the border windows.
        var x = (-Tensor.Arange(1, 17, device: d)).Reshape(1, 4, 4, 1);
        TensorAssert.Exact(x.MaxPool2D((3, 3), (2, 2), "same"), [1, 2, 2, 1], -1, -3, -9, -11);
        TensorAssert.Exact(x.MaxPool2D((2, 2), (1, 1), "same"), [1, 4, 4, 1],
            -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AvgPoolByHand(string device)
    {
        var d = Devices.Get(device);
        var x = Tensor.Arange(16, d).Reshape(1, 4, 4, 1);
        TensorAssert.Exact(x.AvgPool2D(), [1, 2, 2, 1], 2.5f, 4.5f, 10.5f, 12.5f);
        // "same", 3×3 window, stride 2: windows clipped to the image average only the pixels inside it:
        // (0+1+2+4+5+6+8+9+10)/9 = 5, (2+3+6+7+10+11)/6 = 6.5, (8+9+10+12+13+14)/6 = 11, (10+11+14+15)/4 = 12.5.
        TensorAssert.Exact(x.AvgPool2D((3, 3), (2, 2), "same"), [1, 2, 2, 1], 5, 6.5f, 11, 12.5f);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ChannelsPoolIndependently(string device)
    {
        var d = Devices.Get(device);
        // Channel 1 is the negative of channel 0.
        var c0 = Tensor.Arange(16, d).Reshape(1, 4, 4, 1);
        var x = Tensor.Concat([c0, -c0], axis: 3);
        TensorAssert.Exact(x.MaxPool2D(), [1, 2, 2, 2], 5, 0, 7, -2, 13, -8, 15, -10);
        TensorAssert.Exact(x.AvgPool2D(), [1, 2, 2, 2], 2.5f, -2.5f, 4.5f, -4.5f, 10.5f, -10.5f, 12.5f, -12.5f);
    }

    public static IEnumerable<object[]> PoolCases()
    {
        foreach (var device in new[] { "cpu", "reference" })
        {
            // image shape, pool, strides, padding
            yield return [device, new[] { 2, 6, 6, 3 }, 2, 2, 2, 2, "valid"];
            yield return [device, new[] { 2, 5, 5, 3 }, 2, 2, 2, 2, "valid"];  // the last row/column is dropped
            yield return [device, new[] { 2, 5, 5, 3 }, 2, 2, 2, 2, "same"];   // …or padded
            yield return [device, new[] { 1, 7, 6, 2 }, 3, 3, 2, 2, "same"];
            yield return [device, new[] { 1, 7, 6, 2 }, 3, 2, 1, 2, "valid"];
            yield return [device, new[] { 2, 4, 4, 1 }, 3, 3, 1, 1, "same"];
        }
    }

    [SkippableTheory]
    [MemberData(nameof(PoolCases))]
    public void PoolingMatchesANaiveLoop(string device, int[] imageShape, int poolH, int poolW, int strideH, int strideW, string padding)
    {
        var d = Devices.Get(device);
        var x = TensorAssert.RandomArray(imageShape.Aggregate(1, (a, b) => a * b), seed: 3);
        var t = Tensor.FromData(x, imageShape, d);

        var expectedMax = NaivePool(x, imageShape, (poolH, poolW), (strideH, strideW), padding, max: true, out var shape);
        var max = t.MaxPool2D((poolH, poolW), (strideH, strideW), padding);
        Assert.Equal(shape, max.Shape);
        TensorAssert.Close(expectedMax, max.ToArray(), 0);

        var expectedAvg = NaivePool(x, imageShape, (poolH, poolW), (strideH, strideW), padding, max: false, out _);
        var avg = t.AvgPool2D((poolH, poolW), (strideH, strideW), padding);
        Assert.Equal(shape, avg.Shape);
        TensorAssert.Close(expectedAvg, avg.ToArray(), 1e-6);
    }
}
