using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Backends;

/// <summary>
/// The Cpu backend's direct max-pooling kernel (a 2×2/stride-2 fast path, a tap-by-tap general path, and a backward pass
/// that writes the 2×2 tiles without zeroing first) against the Reference backend's plain loops. Max pooling is exact,
/// so values and gradients must be bit-for-bit equal, including which of several equal values gets the gradient.
/// </summary>
public partial class BackendAgreementTests
{
    public static IEnumerable<object[]> MaxPoolCases() =>
    [
        // image shape (N, H, W, C), pool (h, w), strides (h, w), padding
        [new[] { 8, 26, 26, 32 }, 2, 2, 2, 2, "valid"],   // the course CNN's first pooling: fast path, parallel, 32 channels
        [new[] { 3, 11, 11, 64 }, 2, 2, 2, 2, "valid"],   // …its second: odd size, last row and column dropped
        [new[] { 2, 7, 9, 13 }, 2, 2, 2, 2, "same"],      // odd sizes padded at the bottom/right; 13 = SIMD vector + tail
        [new[] { 2, 6, 5, 3 }, 2, 2, 2, 2, "valid"],      // fewer channels than a SIMD vector
        [new[] { 2, 9, 8, 10 }, 3, 3, 2, 2, "same"],      // overlapping windows, padding on every side
        [new[] { 2, 7, 6, 9 }, 3, 2, 1, 2, "valid"],      // stride ≠ pool, rectangular window
        [new[] { 1, 5, 5, 17 }, 2, 2, 1, 1, "same"],      // stride 1: every pixel in up to four windows
        [new[] { 2, 8, 10, 4 }, 2, 3, 3, 1, "valid"],     // stride larger than the window in one direction: pixels skipped
        [new[] { 1, 6, 6, 8 }, 4, 4, 4, 4, "same"],       // one big window cut by padding
    ];

    [Theory]
    [MemberData(nameof(MaxPoolCases))]
    public void MaxPoolingAgreesExactlyIncludingTies(int[] imageShape, int poolH, int poolW, int strideH, int strideW, string padding)
    {
        Agree(d =>
        {
            // Values in steps of 0.5 between −2 and 2: most windows hold equal values, so the tie rule is exercised.
            var values = TensorAssert.RandomArray(imageShape.Aggregate(1, (a, b) => a * b), seed: 41, -2, 2)
                .Select(v => MathF.Round(v * 2) / 2).ToArray();
            var x = Tensor.FromData(values, imageShape, d, requiresGrad: true);
            var y = x.MaxPool2D((poolH, poolW), (strideH, strideW), padding);
            y.Backward(Data(d, 42, y.Shape));
            return [("y", y), ("dx", x.Grad!)];
        }, tolerance: 0);
    }

    [Fact]
    public void MaxPoolingAgreesExactlyWithNaNAndInfinities()
    {
        Agree(d =>
        {
            // Tensors are made of finite numbers; NaN and ±∞ arise from computations, here 0/0 and ±1/0.
            var numerators = TensorAssert.RandomArray(2 * 6 * 6 * 11, seed: 43);
            var denominators = Enumerable.Repeat(1f, numerators.Length).ToArray();
            for (int i = 0; i < numerators.Length; i += 7) (numerators[i], denominators[i]) = (0, 0);   // NaN: first in some windows, later in others
            for (int i = 3; i < numerators.Length; i += 5) (numerators[i], denominators[i]) = (-1, 0);  // −∞
            for (int i = 4; i < numerators.Length; i += 13) (numerators[i], denominators[i]) = (1, 0);  // +∞
            var x = (Tensor.FromData(numerators, [2, 6, 6, 11], d) / Tensor.FromData(denominators, [2, 6, 6, 11], d)).Detach();
            x.RequiresGrad = true;
            var fast = x.MaxPool2D();
            var general = x.MaxPool2D((3, 3), (2, 2), "same");
            (fast.Sum() + general.Sum()).Backward();
            return [("fast", fast), ("general", general), ("dx", x.Grad!)];
        }, tolerance: 0);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("reference")]
    public void MaxPoolingGivesTheGradientToTheFirstOfEqualValues(string device)
    {
        var d = Devices.Get(device);
        // Two channels of a 3×4 image. Channel 0: the first window is all 5s, the second has 7 at positions 1 and 3.
        // Channel 1: the first window has −1 at positions 2 and 3 (the rest −4), the second is 0, 9, 9, 0.
        // Row 2 is dropped by "valid" 2×2 pooling and gets no gradient.
        float[] channel0 = [5, 5, 1, 7, 5, 5, 2, 7, 8, 8, 8, 8];
        float[] channel1 = [-4, -4, 0, 9, -1, -1, 9, 0, 8, 8, 8, 8];
        var x = Tensor.FromData(channel0.Zip(channel1, (a, b) => new[] { a, b }).SelectMany(p => p).ToArray(), [1, 3, 4, 2], d, requiresGrad: true);
        var y = x.MaxPool2D();
        TensorAssert.Exact(y, [1, 1, 2, 2], 5, -1, 7, 9);
        y.Backward(Tensor.FromData([10f, 20f, 30f, 40f], [1, 1, 2, 2], d));
        TensorAssert.Exact(x.Grad!, [1, 3, 4, 2],
            10, 0, 0, 0, 0, 0, 30, 40,     // row 0: (5,−4) (5,−4) (1,0) (7,9)
            0, 20, 0, 0, 0, 0, 0, 0,       // row 1: (5,−1) (5,−1) (2,9) (7,0)
            0, 0, 0, 0, 0, 0, 0, 0);       // row 2: dropped
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("reference")]
    public void OverlappingMaxPoolWindowsAddTheirGradients(string device)
    {
        var d = Devices.Get(device);
        // 3×3 image, 2×2 windows with stride 1: the centre 9 wins all four windows and collects all four gradients.
        var x = Tensor.FromData([1f, 2, 3, 4, 9, 5, 6, 7, 8], [1, 3, 3, 1], d, requiresGrad: true);
        var y = x.MaxPool2D((2, 2), (1, 1));
        TensorAssert.Exact(y, [1, 2, 2, 1], 9, 9, 9, 9);
        y.Backward(Tensor.FromData([1f, 2, 3, 4], [1, 2, 2, 1], d));
        TensorAssert.Exact(x.Grad!, [1, 3, 3, 1], 0, 0, 0, 0, 10, 0, 0, 0, 0);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("reference")]
    public void MaxPoolGradientMatchesFiniteDifferences(string device)
    {
        // Distinct values (no ties) so the max is differentiable: nudging an input by ±h changes the sum of
        // weighted outputs by exactly the weight of the window it wins, or not at all.
        var d = Devices.Get(device);
        int[] shape = [1, 5, 5, 3];
        var values = Enumerable.Range(0, 75).Select(i => (float)((i * 37) % 75) / 8).ToArray();
        var weights = Tensor.FromData(TensorAssert.RandomArray(3 * 3 * 3, seed: 44), [1, 3, 3, 3], d);
        float Loss(float[] v) => (Tensor.FromData(v, shape, d).MaxPool2D((2, 2), (2, 2), "same") * weights).Sum().Item();
        var x = Tensor.FromData(values, shape, d, requiresGrad: true);
        (x.MaxPool2D((2, 2), (2, 2), "same") * weights).Sum().Backward();
        var analytic = x.Grad!.ToArray();
        const float h = 1f / 32; // values are 1/8 apart, so ±h never changes a winner; exact in float
        for (int i = 0; i < values.Length; i++)
        {
            var up = (float[])values.Clone();
            var down = (float[])values.Clone();
            up[i] += h;
            down[i] -= h;
            Assert.Equal(analytic[i], (Loss(up) - Loss(down)) / (2 * h), tolerance: 1e-3); // float rounding of the sums
        }
    }
}
