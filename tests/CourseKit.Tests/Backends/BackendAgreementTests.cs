using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Backends;

/// <summary>
/// The Cpu backend (SIMD kernels, row-wise broadcasting, parallel loops, packed GEMM) against the Reference backend
/// (plain loops): the same seeded inputs go through the same computations on both devices, and every value and
/// gradient must agree. Sizes are chosen to reach the fast paths: ≥ 65 536 elements for the parallel loops, a last
/// axis ≥ 8 for the row-at-a-time broadcasting (and &lt; 8 for its fallback), products big enough to be split across threads.
/// </summary>
public partial class BackendAgreementTests
{
    /// <summary>Named results of one computation on one device.</summary>
    private delegate IEnumerable<(string Name, Tensor Value)> Computation(Device device);

    private static Tensor Data(Device d, int seed, int[] shape, float min = -1, float max = 1, bool requiresGrad = false) =>
        Tensor.FromData(TensorAssert.RandomArray(shape.Aggregate(1, (a, b) => a * b), seed, min, max), shape, d, requiresGrad);

    /// <summary>Runs <paramref name="compute"/> on both devices and compares every named result: exactly where
    /// <paramref name="tolerance"/> is 0, otherwise |cpu − reference| ≤ tolerance · (1 + |reference|).</summary>
    private static void Agree(Computation compute, double tolerance = 1e-5)
    {
        var cpu = compute(Device.Cpu).Select(r => (r.Name, r.Value.Device, r.Value.Shape, Values: r.Value.ToArray())).ToList();
        var reference = compute(Device.Reference).Select(r => (r.Name, r.Value.Device, r.Value.Shape, Values: r.Value.ToArray())).ToList();
        Assert.Equal(reference.Count, cpu.Count);
        Assert.NotEmpty(cpu);
        for (int i = 0; i < cpu.Count; i++)
        {
            var (name, device, shape, values) = cpu[i];
            Assert.Equal(reference[i].Name, name);
            Assert.Equal(Device.Cpu, device);
            Assert.Equal(Device.Reference, reference[i].Device);
            Assert.Equal(reference[i].Shape, shape);
            int worst = -1;
            double worstError = 0;
            for (int j = 0; j < values.Length; j++)
            {
                double r = reference[i].Values[j], c = values[j];
                if (r.Equals(c)) continue; // also NaN = NaN, ∞ = ∞
                double error = Math.Abs(c - r) / (1 + Math.Abs(r));
                if (!(error <= worstError)) { worstError = error; worst = j; }
            }
            Assert.True(worst < 0 || worstError <= tolerance,
                $"{name}: element {worst} is {(worst < 0 ? 0 : values[worst])} on cpu and {(worst < 0 ? 0 : reference[i].Values[worst])} on reference " +
                $"(relative error {worstError:G3}, tolerance {tolerance}).");
        }
    }

    // ---- networks, forward and backward ----

    [Fact]
    public void MlpForwardAndBackward()
    {
        // 512 × 64 → 256 → 10: big enough for threaded GEMMs and parallel elementwise passes (512·256 = 131 072).
        Agree(d =>
        {
            var x = Data(d, 1, [512, 64]);
            var labels = Data(d, 2, [512]).Greater(0).Reshape(512, 1) * Tensor.Eye(2, 10, d)[0]
                         + Data(d, 2, [512]).LessEqual(0).Reshape(512, 1) * Tensor.Eye(2, 10, d)[1];
            var w1 = Data(d, 3, [64, 256], -0.2f, 0.2f, requiresGrad: true);
            var b1 = Data(d, 4, [256], -0.1f, 0.1f, requiresGrad: true);
            var w2 = Data(d, 5, [256, 10], -0.2f, 0.2f, requiresGrad: true);
            var b2 = Data(d, 6, [10], -0.1f, 0.1f, requiresGrad: true);
            var hidden = (x.MatMul(w1) + b1).Relu();
            var logits = hidden.MatMul(w2) + b2;
            var loss = -(labels * logits.LogSoftmax()).Sum(1).Mean();
            loss.Backward();
            return [("hidden", hidden), ("logits", logits), ("loss", loss), ("dW1", w1.Grad!), ("db1", b1.Grad!), ("dW2", w2.Grad!), ("db2", b2.Grad!)];
        }, 1e-4);
    }

    [Fact]
    public void MlpWithOtherActivationsForwardAndBackward()
    {
        Agree(d =>
        {
            var x = Data(d, 11, [300, 40], requiresGrad: true);
            var w1 = Data(d, 12, [40, 300], -0.3f, 0.3f, requiresGrad: true);
            var w2 = Data(d, 13, [300, 5], -0.3f, 0.3f, requiresGrad: true);
            var h = x.MatMul(w1);
            var a = h.Tanh() + h.Sigmoid() + h.Gelu() + h.Elu() + h.Swish() + h.Softplus() + h.LeakyRelu() + h.Selu() + h.HardSigmoid();
            var y = a.MatMul(w2).Softmax();
            var loss = (y * y).Sum();
            loss.Backward();
            return [("a", a), ("y", y), ("dx", x.Grad!), ("dW1", w1.Grad!), ("dW2", w2.Grad!)];
        }, 1e-4);
    }

    [Fact]
    public void ConvolutionPoolingDenseForwardAndBackward()
    {
        Agree(d =>
        {
            var images = Data(d, 21, [8, 16, 16, 3], 0, 1, requiresGrad: true);
            var k1 = Data(d, 22, [3, 3, 3, 16], -0.3f, 0.3f, requiresGrad: true);
            var k2 = Data(d, 23, [3, 3, 16, 8], -0.2f, 0.2f, requiresGrad: true);
            var w = Data(d, 24, [4 * 4 * 8, 10], -0.1f, 0.1f, requiresGrad: true);
            var c1 = images.Conv2D(k1, padding: "same").Relu();          // (8, 16, 16, 16): 32 768 elements per conv output
            var p1 = c1.MaxPool2D();                                      // (8, 8, 8, 16)
            var c2 = p1.Conv2D(k2, (2, 2), "same").Tanh();                // (8, 4, 4, 8)
            var p2 = c2.AvgPool2D((3, 3), (1, 1), "same");                // (8, 4, 4, 8)
            var probabilities = p2.Flatten(1).MatMul(w).Softmax();
            var loss = -probabilities.Log().Mean();
            loss.Backward();
            return [("c1", c1), ("p1", p1), ("c2", c2), ("p2", p2), ("probabilities", probabilities), ("loss", loss),
                    ("dImages", images.Grad!), ("dK1", k1.Grad!), ("dK2", k2.Grad!), ("dW", w.Grad!)];
        }, 1e-4);
    }

    [Fact]
    public void LargeConvolutionWithValidPaddingAndStrides()
    {
        Agree(d =>
        {
            var images = Data(d, 31, [16, 28, 28, 1], 0, 1, requiresGrad: true);
            var kernel = Data(d, 32, [5, 5, 1, 8], -0.3f, 0.3f, requiresGrad: true);
            var y = images.Conv2D(kernel, (2, 2), "valid");               // (16, 12, 12, 8)
            var pooled = y.MaxPool2D((3, 3), (2, 2), "same");
            (pooled * pooled).Sum().Backward();
            return [("y", y), ("pooled", pooled), ("dImages", images.Grad!), ("dKernel", kernel.Grad!)];
        }, 1e-4);
    }

    // ---- large elementwise operations (parallel SIMD paths) ----

    [Fact]
    public void LargeUnaryOperations()
    {
        Agree(d =>
        {
            var x = Data(d, 41, [400, 300], -4, 4);   // 120 000 elements
            var positive = Data(d, 42, [400, 300], 0.01f, 10);
            return
            [
                ("neg", -x), ("abs", x.Abs()), ("sign", x.Sign()), ("exp", x.Exp()), ("log", positive.Log()), ("sqrt", positive.Sqrt()),
                ("sigmoid", x.Sigmoid()), ("tanh", x.Tanh()), ("relu", x.Relu()), ("softplus", x.Softplus()),
                ("pow2", x.Pow(2)), ("pow3", x.Pow(3)), ("pow1", x.Pow(1)), ("pow-1", positive.Pow(-1)), ("pow0.5", positive.Pow(0.5f)),
                ("pow2.5", positive.Pow(2.5f)), ("clip", x.Clip(-1, 2)), ("gelu", x.Gelu()), ("gelu~", x.Gelu(approximate: true)),
                ("elu", x.Elu()), ("selu", x.Selu()), ("swish", x.Swish()), ("leaky", x.LeakyRelu()), ("hard_sigmoid", x.HardSigmoid()),
                ("heaviside", x.Heaviside()), ("heaviside_at_0", x.Relu().Heaviside(0.5f)),
                ("sin", x.Sin()), ("cos", x.Cos()),
            ];
        });
    }

    [Fact]
    public void CorrectlyRoundedOperationsAgreeExactly()
    {
        // IEEE arithmetic, square roots, comparisons and copies are rounded exactly once on every backend: bit-for-bit equal.
        Agree(d =>
        {
            var x = Data(d, 47, [400, 300], -4, 4);
            var y = Data(d, 48, [400, 300], 0.25f, 4);
            var row = Data(d, 49, [300], 0.25f, 4);
            return
            [
                ("neg", -x), ("abs", x.Abs()), ("relu", x.Relu()), ("sqrt", y.Sqrt()), ("clip", x.Clip(-1, 2)),
                ("pow1", x.Pow(1)), ("pow2", x.Pow(2)), ("pow3", x.Pow(3)), ("pow-1", y.Pow(-1)), ("pow0.5", y.Pow(0.5f)),
                ("hard_sigmoid", x.HardSigmoid()), ("add", x + y), ("sub", x - y), ("mul", x * y), ("div", x / y),
                ("max", Tensor.Maximum(x, y)), ("min", Tensor.Minimum(x, y)), ("row_div", x / row), ("row_rdiv", row / y),
                ("scalar", 2 - x * 0.5f), ("greater", x > y), ("where", Tensor.Where(x > 0, x, y)),
            ];
        }, 0);
    }

    [Fact]
    public void LargeBinaryOperations()
    {
        Agree(d =>
        {
            var a = Data(d, 43, [400, 300], -3, 3);
            var b = Data(d, 44, [400, 300], 0.5f, 3);
            return
            [
                ("add", a + b), ("sub", a - b), ("mul", a * b), ("div", a / b), ("max", Tensor.Maximum(a, b)), ("min", Tensor.Minimum(a, b)),
                ("pow", b.Pow(a)), ("greater", a > b), ("less_equal", a <= b), ("equal", a.Equal(a.Clip(-1, 1))),
                ("where", Tensor.Where(a > 0, a, b)), ("scalar_right", a * 2.5f - 1), ("scalar_left", 1 / b + 3 * a),
            ];
        });
    }

    [Fact]
    public void LargeElementwiseBackward()
    {
        Agree(d =>
        {
            var a = Data(d, 45, [512, 256], -2, 2, requiresGrad: true);
            var b = Data(d, 46, [512, 256], 0.5f, 2, requiresGrad: true);
            var y = (a * b + a / b - Tensor.Maximum(a, b)).Exp().Tanh() * a.Sigmoid() + b.Log() * a.Relu() + a.Abs().Sqrt();
            y.Sum().Backward();
            return [("y", y), ("da", a.Grad!), ("db", b.Grad!)];
        }, 1e-4);
    }

    // ---- broadcasting: the row fast path (last axis ≥ 8) and its fallback ----

    public static IEnumerable<object[]> BroadcastShapes() =>
    [
        [new[] { 300, 400 }, new[] { 400 }],          // row vector, last axis ≥ 8
        [new[] { 400 }, new[] { 300, 400 }],
        [new[] { 300, 1 }, new[] { 1, 400 }],         // outer product: one operand constant along each row
        [new[] { 300, 400 }, new[] { 300, 1 }],
        [new[] { 1, 400 }, new[] { 300, 1 }],
        [new[] { 300, 400 }, Array.Empty<int>()],     // rank-0 operand
        [new[] { 8, 1, 64 }, new[] { 1, 128, 64 }],   // rank 3
        [new[] { 20000, 5 }, new[] { 5 }],            // last axis < 8: the fallback
        [new[] { 20000, 1 }, new[] { 1, 5 }],
        [new[] { 5 }, new[] { 20000, 5 }],
        [new[] { 3, 1, 7 }, new[] { 4000, 1 }],
    ];

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void BroadcastingForwardAndBackward(int[] aShape, int[] bShape)
    {
        Agree(d =>
        {
            var a = Data(d, 51, aShape, -2, 2, requiresGrad: true);
            var b = Data(d, 52, bShape, 0.5f, 2, requiresGrad: true);
            var results = new List<(string, Tensor)>
            {
                ("add", a + b), ("sub", a - b), ("rsub", b - a), ("mul", a * b), ("div", a / b), ("rdiv", b / (a.Abs() + 1)),
                ("max", Tensor.Maximum(a, b)), ("min", Tensor.Minimum(b, a)), ("pow", b.Pow(a)), ("greater", a > b),
            };
            var loss = results.Aggregate(Tensor.Scalar(0, d), (sum, r) => sum + r.Item2.Mean());
            loss.Backward();
            results.Add(("da", a.Grad!));
            results.Add(("db", b.Grad!));
            return results;
        }, 1e-4);
    }

    // ---- reductions over inner and outer axes ----

    [Fact]
    public void LargeReductions()
    {
        Agree(d =>
        {
            var x = Data(d, 61, [500, 300], -1, 1);      // 150 000 elements
            var cube = Data(d, 62, [40, 50, 60], -1, 1);
            return
            [
                ("sum0", x.Sum(0)), ("sum1", x.Sum(1)), ("mean0", x.Mean(0)), ("mean1", x.Mean(-1, keepDims: true)),
                ("max0", x.Max(0)), ("max1", x.Max(1)), ("min0", x.Min(0)), ("min1", x.Min(1)),
                ("argmax0", x.ArgMax(0)), ("argmax1", x.ArgMax(1)), ("argmin0", x.ArgMin(0)), ("argmin1", x.ArgMin(1)), ("argmax", x.ArgMax()),
                ("cube_sum1", cube.Sum(1)), ("cube_sum02", cube.Sum([0, 2])), ("cube_max1", cube.Max(1)), ("cube_min2", cube.Min(2)),
                ("cube_argmax1", cube.ArgMax(1)), ("cube_argmin0", cube.ArgMin(0)), ("cube_mean", cube.Mean()),
                // Clipping makes many ties: both backends must pick the first one.
                ("ties_argmax0", x.Clip(-0.5f, 0.5f).ArgMax(0)), ("ties_argmax1", x.Clip(-0.5f, 0.5f).ArgMax(1)),
                ("ties_argmin1", x.Clip(-0.5f, 0.5f).ArgMin(1)), ("ties_argmax", x.Clip(-0.9f, 0.9f).ArgMax()),
            ];
        }, 1e-4);
    }

    [Fact]
    public void LargeReductionsBackward()
    {
        Agree(d =>
        {
            var x = Data(d, 63, [500, 300], -1, 1, requiresGrad: true);
            var loss = (x.Sum(0).Square().Sum() + x.Max(1).Sum() - x.Min(0).Mean() + x.Mean(1, keepDims: true).Exp().Sum()
                        + x.Softmax(0).Square().Sum() + x.LogSoftmax().Mean() + x.Clip(-0.5f, 0.5f).Max(1).Sum()); // ties share the gradient
            loss.Backward();
            return [("loss", loss), ("dx", x.Grad!)];
        }, 1e-4);
    }

    [Fact]
    public void SoftmaxOverManyClasses()
    {
        Agree(d =>
        {
            var logits = Data(d, 64, [256, 1000], -10, 10, requiresGrad: true);
            var p = logits.Softmax();
            var logp = logits.LogSoftmax();
            (p.Square().Sum() + logp.Mean()).Backward();
            return [("softmax", p), ("log_softmax", logp), ("dLogits", logits.Grad!)];
        }, 1e-4);
    }

    // ---- matrix products ----

    [Fact]
    public void LargeMatrixProductsForwardAndBackward()
    {
        Agree(d =>
        {
            var a = Data(d, 71, [200, 300], requiresGrad: true);
            var b = Data(d, 72, [300, 150], requiresGrad: true);
            var batch = Data(d, 73, [8, 64, 96], requiresGrad: true);
            var w = Data(d, 74, [96, 80], requiresGrad: true);
            var batchW = Data(d, 75, [8, 96, 80], requiresGrad: true);
            var single = Data(d, 76, [1, 64, 96], requiresGrad: true);
            var many = Data(d, 77, [4, 96, 80], requiresGrad: true);
            var y1 = a.MatMul(b);
            var y2 = batch.MatMul(w);
            var y3 = batch.MatMul(batchW);
            var y4 = single.MatMul(many);
            var y5 = a.T.MatMul(a);
            (y1.Square().Mean() + y2.Tanh().Sum() + y3.Sigmoid().Sum() + y4.Mean() + y5.Sum()).Backward();
            return [("y1", y1), ("y2", y2), ("y3", y3), ("y4", y4), ("y5", y5),
                    ("da", a.Grad!), ("db", b.Grad!), ("dBatch", batch.Grad!), ("dW", w.Grad!), ("dBatchW", batchW.Grad!),
                    ("dSingle", single.Grad!), ("dMany", many.Grad!)];
        }, 1e-4);
    }

    [Fact]
    public void OddSizedMatrixProducts()
    {
        Agree(d =>
        {
            var results = new List<(string, Tensor)>();
            foreach (var (m, k, n) in new[] { (1, 1, 1), (1, 257, 1), (3, 5, 7), (13, 17, 29), (33, 1, 65), (127, 129, 31), (1, 512, 300) })
            {
                var a = Data(d, m * 1000 + k, [m, k], requiresGrad: true);
                var b = Data(d, k * 1000 + n, [k, n], requiresGrad: true);
                var y = a.MatMul(b);
                y.Backward(Data(d, 5, [m, n]));
                results.Add(($"y {m}×{k}·{k}×{n}", y));
                results.Add(($"da {m}×{k}", a.Grad!));
                results.Add(($"db {k}×{n}", b.Grad!));
            }
            return results;
        }, 1e-4);
    }

    // ---- data movement (copies must agree exactly) ----

    [Fact]
    public void LargeDataMovementIsExact()
    {
        Agree(d =>
        {
            var x = Data(d, 81, [60, 50, 40], requiresGrad: true);   // 120 000 elements
            var row = Data(d, 82, [40]);
            var permuted = x.Permute(2, 0, 1);
            var transposed = x.Transpose();
            var sliced = x[5..55, .., 3..35];
            var column = x[.., 7, ..];
            var concat = Tensor.Concat([x, x * 2], axis: 2);
            var stacked = Tensor.Stack([x, x], axis: 1);
            var broadcast = row.BroadcastTo([60, 50, 40]);
            var taken = x.Take([3, 3, 0, 59, 17], axis: 0);
            var takenInner = x.Take([39, 0, 0, 5], axis: 2);
            var loss = permuted.Sum() + sliced.Square().Sum() + column.Sum() + concat.Mean() + stacked.Sum() + taken.Square().Sum() + takenInner.Sum();
            loss.Backward();
            return [("permuted", permuted), ("transposed", transposed), ("sliced", sliced), ("column", column), ("concat", concat),
                    ("stacked", stacked), ("broadcast", broadcast), ("taken", taken), ("takenInner", takenInner), ("dx", x.Grad!)];
        }, 1e-6);
    }

    [Fact]
    public void NonFiniteResultsAgree()
    {
        // Computations can produce NaN and infinity even though inputs cannot contain them; both backends put them in the
        // same places. (Finite values only agree to an ulp: the SIMD exp gives e⁰ = 1.0000001.)
        Agree(d =>
        {
            var x = Tensor.FromData([-1, 0, 1, 2, -3, 0, 5, -2, 0.5f, 4, -0.5f, 3], [12], d);
            var nan = x.Log();       // NaN for negatives, −∞ at 0
            var inf = 1 / x;         // ±∞ at 0
            return [("log", nan), ("reciprocal", inf), ("sqrt", x.Sqrt()), ("exp_big", (x * 100).Exp()), ("max_inf", inf.Max()), ("sum_inf", inf.Abs().Sum()),
                    ("relu_nan", nan.Relu()), ("clip_nan", nan.Clip(-1, 1)), ("sigmoid_nan", nan.Sigmoid()), ("maximum_nan", nan.Maximum(0)),
                    ("max_nan", nan.Max()), ("argmax_nan", nan.ArgMax()), ("sign_nan", nan.Sign()), ("heaviside_nan", nan.Heaviside()), ("softplus_nan", nan.Softplus()),
                    ("pow0.5_inf", nan.Pow(0.5f)), ("pow-1_inf", nan.Pow(-1)), ("pow3_inf", nan.Pow(3)), ("pow2_inf", nan.Pow(2)), ("pow1.5_inf", nan.Pow(1.5f)),
                    ("tanh_inf", inf.Tanh()), ("sigmoid_inf", inf.Sigmoid()), ("exp_inf", nan.Exp()), ("abs_inf", nan.Abs())];
        }, 1e-6);
    }
}
