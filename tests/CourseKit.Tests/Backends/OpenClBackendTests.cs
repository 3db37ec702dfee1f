using CourseKit.Backends;
using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Backends;

/// <summary>
/// The OpenCL backend against the Reference backend, primitive by primitive (seeded random inputs, float32 tolerance),
/// then whole networks through tensors against the Cpu device. Skipped where no OpenCL platform is installed.
/// One OpenCL context is shared by every test (POCL compiles the kernels once).
/// </summary>
public class OpenClBackendTests
{
    private const string NoOpenCl = "no OpenCL platform found (install ocl-icd-libopencl1 and pocl-opencl-icd)";

    private static readonly Lazy<Device?> ClDevice = new(() =>
    {
        try { return Device.OpenCl(); }
        catch (InvalidOperationException) { return null; }
    });

    private static IBackend Cl
    {
        get
        {
            Skip.If(ClDevice.Value is null, NoOpenCl);
            return ClDevice.Value!.Backend;
        }
    }

    private static IBackend Ref => Device.Parse("reference").Backend;

    private static float[] Random(int length, int seed, float min = -1, float max = 1) => TensorAssert.RandomArray(length, seed, min, max);

    /// <summary>Random values rounded to steps of 0.5 (so comparisons and ties happen).</summary>
    private static float[] Coarse(int length, int seed) => Random(length, seed, -2, 2).Select(v => MathF.Round(v * 2) / 2).ToArray();

    private static float[] Down(IBackend backend, DeviceBuffer buffer)
    {
        var values = new float[buffer.Length];
        backend.Download(buffer, values);
        return values;
    }

    private static void Close(float[] expected, float[] actual, double tolerance = 1e-5, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double r = expected[i], c = actual[i];
            if (r.Equals(c)) continue; // NaN = NaN, ∞ = ∞
            double error = Math.Abs(c - r) / (1 + Math.Abs(r));
            Assert.True(error <= tolerance, $"{what}: element {i} is {c} on OpenCL and {r} on reference (relative error {error:G3}).");
        }
    }

    /// <summary>Runs <paramref name="compute"/> on both backends with the same inputs and compares every buffer it returns.</summary>
    private static void Agree(Func<IBackend, DeviceBuffer[]> compute, double tolerance = 1e-5, string what = "")
    {
        var cl = Cl;
        var expected = compute(Ref).Select(b => Down(Ref, b)).ToList();
        var actual = compute(cl).Select(b => Down(cl, b)).ToList();
        for (int i = 0; i < expected.Count; i++) Close(expected[i], actual[i], tolerance, $"{what} output {i}");
    }

    // ---- memory ----

    [SkippableFact]
    public void UploadDownloadAllocateFill()
    {
        var cl = Cl;
        var data = Random(1000, 1);
        Assert.Equal(data, Down(cl, cl.Upload(data)));
        var zeros = cl.Allocate(77);
        Assert.Equal(77, zeros.Length);
        Assert.All(Down(cl, zeros), v => Assert.Equal(0f, v));
        cl.Fill(zeros, 2.5f);
        Assert.All(Down(cl, zeros), v => Assert.Equal(2.5f, v));
        var part = new float[10];
        cl.Download(cl.Upload(data), part);
        Assert.Equal(data.Take(10), part);
        Assert.Equal(0, cl.Allocate(0).Length);
    }

    [SkippableFact]
    public void AllocatingMoreThanTheDeviceAllowsThrowsOutOfMemoryWithSizesAndHint()
    {
        var cl = (CourseKit.Backends.OpenCl.OpenClBackend)Cl;
        var info = cl.Info;
        Skip.If(info.MaxAllocation <= 0 || info.MaxAllocation >= (long)int.MaxValue * sizeof(float),
                "this device allows buffers larger than an int-indexed float array");
        int length = (int)Math.Min(int.MaxValue, info.MaxAllocation / sizeof(float) + 1024);
        long requested = (long)length * sizeof(float);
        var e = Assert.ThrowsAny<OutOfMemoryException>(() => cl.Allocate(length));
        Assert.Contains(CourseKit.Backends.OpenCl.OpenClOutOfMemoryException.Megabytes(requested), e.Message);
        Assert.Contains(CourseKit.Backends.OpenCl.OpenClOutOfMemoryException.Megabytes(info.GlobalMemory), e.Message);
        Assert.Contains(CourseKit.Backends.OpenCl.OpenClOutOfMemoryException.Megabytes(info.MaxAllocation), e.Message);
        Assert.Contains("lower the batch size (e.g. batchSize: 64) or use a smaller model", e.Message);
        Assert.Contains(" MB", e.Message);
        // the device is still usable afterwards
        Assert.Equal(5, cl.Allocate(5).Length);
    }

    [SkippableFact]
    public void BiasActivationAndItsGradientsAgree()
    {
        // 600 rows: three blocks of the bias gradient's 256, the last one partial; 37 channels
        const int channels = 37;
        float[] x = Random(600 * channels, 71, -2, 2), bias = Random(channels, 72), g = Random(600 * channels, 73);
        foreach (var f in Enum.GetValues<FusedActivation>())
            Agree(be =>
            {
                var y = be.AllocateForOverwrite(x.Length);
                be.BiasActivation(f, be.Upload(x), be.Upload(bias), channels, y);
                var noBias = be.AllocateForOverwrite(x.Length);
                be.BiasActivation(f, be.Upload(x), null, channels, noBias);
                var dx = be.AllocateForOverwrite(x.Length);
                var dbias = be.AllocateForOverwrite(channels);
                be.BiasActivationBackward(f, y, be.Upload(g), channels, f == FusedActivation.Linear ? null : dx, dbias);
                return f == FusedActivation.Linear ? [y, noBias, dbias] : [y, noBias, dx, dbias];
            }, 2e-6, f.ToString());
    }

    [SkippableFact]
    public void ConvolutionLayerProductsAgree()
    {
        // 3 images of 9×8×4, a 3×3 kernel with 5 filters, stride (1, 2), "same" padding (1 row above, none left)
        var w = new Window2D(3, 9, 8, 4, 3, 3, 1, 2, 1, 0, 9, 4);
        float[] image = Random(3 * 9 * 8 * 4, 81), kernel = Random(3 * 3 * 4 * 5, 82), bias = Random(5, 83), dy = Random(3 * 9 * 4 * 5, 84);
        foreach (var f in Enum.GetValues<FusedActivation>())
            Agree(be =>
            {
                var y = be.AllocateForOverwrite(dy.Length);
                var kept = be.Conv2DForward(be.Upload(image), be.Upload(kernel), f == FusedActivation.Tanh ? null : be.Upload(bias), f, w, 5, y,
                                            keepWindows: true);
                Assert.NotNull(kept);
                var dkernel = be.AllocateForOverwrite(kernel.Length);
                be.Conv2DKernelGradient(be.Upload(image), kept, be.Upload(dy), w, 5, dkernel);
                var unfoldedAgain = be.AllocateForOverwrite(kernel.Length);
                be.Conv2DKernelGradient(be.Upload(image), null, be.Upload(dy), w, 5, unfoldedAgain);
                var dimage = be.AllocateForOverwrite(image.Length);
                be.Conv2DInputGradient(be.Upload(dy), be.Upload(kernel), w, 5, dimage);
                return [y, dkernel, unfoldedAgain, dimage];
            }, 2e-6, f.ToString());
    }

    // ---- elementwise ----

    [SkippableFact]
    public void EveryUnaryOpAgrees()
    {
        var x = Random(4000, 2, -6, 6).Concat([0f, -0f, float.NaN, 100f, -100f, 30f, -30f, 1e-8f, float.PositiveInfinity, float.NegativeInfinity]).ToArray();
        foreach (var op in Enum.GetValues<UnaryOp>())
        {
            (float a, float b) = op switch
            {
                UnaryOp.Affine => (1.5f, -0.5f),
                UnaryOp.Pow => (2.5f, 0f),
                UnaryOp.Clip => (-0.5f, 0.7f),
                UnaryOp.Heaviside => (0.5f, 0f),
                _ => (0f, 0f),
            };
            Agree(be =>
            {
                var y = be.Allocate(x.Length);
                be.Unary(op, be.Upload(x), y, a, b);
                return [y];
            }, 2e-6, op.ToString());
        }
        // the exact small powers
        Agree(be =>
        {
            var y2 = be.Allocate(x.Length);
            var y3 = be.Allocate(x.Length);
            be.Unary(UnaryOp.Pow, be.Upload(x), y2, 2);
            be.Unary(UnaryOp.Pow, be.Upload(x), y3, 3);
            return [y2, y3];
        }, 0, "Pow 2, 3");
    }

    [SkippableFact]
    public void ReluKeepsNaN()
    {
        var cl = Cl;
        var y = cl.Allocate(3);
        cl.Unary(UnaryOp.Relu, cl.Upload([float.NaN, -1, 2]), y);
        var v = Down(cl, y);
        Assert.True(float.IsNaN(v[0]));
        Assert.Equal([0f, 2f], v[1..]);
    }

    [SkippableFact]
    public void EveryBinaryOpAgreesWithBroadcasting()
    {
        int[] shape = [3, 4, 5];
        var a = Coarse(60, 3).Append(float.NaN).ToArray();
        var b = Coarse(4, 4).Prepend(7f).ToArray();   // b is (4) at offset 1, broadcast over axes 0 and 2
        var aLayout = Layout.Contiguous(shape);
        var bLayout = new Layout(1, [0, 1, 0]);
        foreach (var op in Enum.GetValues<BinaryOp>())
        {
            Agree(be =>
            {
                var y1 = be.Allocate(60);
                var y2 = be.Allocate(60);
                be.Binary(op, be.Upload(a), aLayout, be.Upload(b), bLayout, y1, shape);
                be.Binary(op, be.Upload(b), bLayout, be.Upload(a), aLayout, y2, shape);
                return [y1, y2];
            }, 2e-6, op.ToString());
        }
        // scalar (rank 0) and rank-8 shapes
        Agree(be =>
        {
            var y = be.Allocate(1);
            be.Binary(BinaryOp.Mul, be.Upload([3f]), new Layout(0, []), be.Upload([0f, 4f]), new Layout(1, []), y, []);
            int[] s8 = [2, 1, 2, 1, 2, 1, 2, 3];
            var y8 = be.Allocate(48);
            be.Binary(BinaryOp.Sub, be.Upload(Random(48, 5)), Layout.Contiguous(s8), be.Upload(Random(3, 6)),
                      new Layout(0, [0, 0, 0, 0, 0, 0, 0, 1]), y8, s8);
            return [y, y8];
        }, 0, "rank 0 and 8");
    }

    [SkippableFact]
    public void WhereAgreesWithBroadcasting()
    {
        int[] shape = [4, 6];
        var cond = Coarse(6, 7);
        var a = Random(24, 8);
        var b = Random(4, 9);
        Agree(be =>
        {
            var y = be.Allocate(24);
            be.Where(be.Upload(cond), new Layout(0, [0, 1]), be.Upload(a), Layout.Contiguous(shape), be.Upload(b), new Layout(0, [1, 0]), y, shape);
            return [y];
        }, 0);
    }

    // ---- movement ----

    [SkippableFact]
    public void CopyStridedToStrided()
    {
        var src = Random(200, 10);
        Agree(be =>
        {
            // transpose of a (5 × 8) block at offset 3 of a row length 10 source, into every other column of a (8 × 10) target
            var dst = be.Upload(Enumerable.Repeat(-9f, 80).ToArray());
            be.Copy(be.Upload(src), new Layout(3, [1, 10]), dst, new Layout(0, [10, 2]), [8, 5]);
            // broadcast-expand a row
            var expand = be.Allocate(12);
            be.Copy(be.Upload(src), new Layout(7, [0, 1]), expand, Layout.Contiguous([3, 4]), [3, 4]);
            return [dst, expand];
        }, 0);
    }

    [SkippableFact]
    public void GatherAndScatterAddWithRepeatedIndices()
    {
        int outer = 3, axis = 5, inner = 4, count = 7;
        var x = Random(outer * axis * inner, 11);
        var indices = new float[] { 4, 0, 4, 2, 2, 4, 1 };
        var dy = Random(outer * count * inner, 12);
        var start = Random(outer * axis * inner, 13);
        Agree(be =>
        {
            var y = be.Allocate(outer * count * inner);
            be.Gather(be.Upload(x), outer, axis, inner, be.Upload(indices), count, y);
            var dx = be.Upload(start);
            be.ScatterAdd(be.Upload(dy), outer, axis, inner, be.Upload(indices), count, dx);
            return [y, dx];
        }, 1e-6);
    }

    // ---- reductions ----

    [SkippableFact]
    public void EveryReduceOpAgreesIncludingTiesAndNaN()
    {
        int outer = 4, length = 9, inner = 6;
        var x = Coarse(outer * length * inner, 14);   // many ties: ArgMax/ArgMin must pick the first
        x[5] = float.NaN;
        var wide = Random(3 * 5000, 15);
        // long rows go through the tree reduction: ties, a NaN late in row 1, NaNs early and late in row 2
        var coarseRows = Coarse(3 * 700, 16);
        coarseRows[700 + 650] = float.NaN;
        coarseRows[1400 + 300] = float.NaN;
        coarseRows[1400 + 3] = float.NaN;
        foreach (var op in Enum.GetValues<ReduceOp>())
            Agree(be =>
            {
                var y = be.Allocate(outer * inner);
                be.Reduce(op, be.Upload(x), outer, length, inner, y);
                var y2 = be.Allocate(3);
                be.Reduce(op, be.Upload(wide), 3, 5000, 1, y2);
                var y3 = be.Allocate(3);
                be.Reduce(op, be.Upload(coarseRows), 3, 700, 1, y3);
                return [y, y2, y3];
            }, 1e-4, op.ToString());
        var cl = Cl;
        var r = cl.Allocate(1);
        cl.Reduce(ReduceOp.ArgMax, cl.Upload([1, 3, 2, 3]), 1, 4, 1, r);
        Assert.Equal(1f, Down(cl, r)[0]);
    }

    // ---- linear algebra ----

    [SkippableTheory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void GemmAllTransposesAndABatch(bool transA, bool transB)
    {
        int batch = 3, m = 37, n = 21, k = 50;
        var a = Random(batch * m * k, 16);
        var b = Random(k * n, 17);
        Agree(be =>
        {
            var c = be.Allocate(batch * m * n);
            be.Gemm(be.Upload(a), be.Upload(b), c, new GemmShape(batch, m, n, k, transA, transB, m * k, 0, m * n));
            var single = be.Allocate(5 * 3);
            be.Gemm(be.Upload(a), be.Upload(b), single, new GemmShape(1, 5, 3, 2, transA, transB, 0, 0, 0));
            // several 64 × 64 tiles of C, with ragged edges, and a depth that is not a multiple of the tile depth
            var tiles = be.Allocate(130 * 70);
            be.Gemm(be.Upload(a), be.Upload(b), tiles, new GemmShape(1, 130, 70, 13, transA, transB, 0, 0, 0));
            return [c, single, tiles];
        }, 1e-5);
    }

    // ---- training ----

    [SkippableFact]
    public void EveryOptimizerRuleAgrees()
    {
        int n = 1000;
        var settings = new UpdateSettings(0.01f, 0.9f, 0.9f, 0.999f, 1e-7f);
        foreach (var rule in Enum.GetValues<UpdateRule>())
            Agree(be =>
            {
                var result = be.Allocate(n);
                DeviceBuffer s1 = be.Upload(Random(n, 18)), s2 = be.Upload(Random(n, 19, 0, 1)), s3 = be.Upload(Random(n, 20, 0, 1));
                be.OptimizerStep(rule, be.Upload(Random(n, 21)), be.Upload(Random(n, 22)), result, s1, s2, s3, settings);
                return rule switch
                {
                    UpdateRule.Sgd => [result],
                    UpdateRule.Momentum or UpdateRule.Nesterov => [result, s1],
                    UpdateRule.Adam => [result, s1, s2],
                    _ => [result, s1, s2, s3],
                };
            }, 1e-5, rule.ToString());
    }

    // ---- convolution and pooling ----

    /// <summary>A window with Keras "same" or "valid" padding.</summary>
    private static Window2D Window(int batch, int h, int w, int c, int k, int stride, bool same)
    {
        int oh = same ? (h + stride - 1) / stride : (h - k) / stride + 1;
        int ow = same ? (w + stride - 1) / stride : (w - k) / stride + 1;
        int padH = same ? Math.Max((oh - 1) * stride + k - h, 0) : 0;
        int padW = same ? Math.Max((ow - 1) * stride + k - w, 0) : 0;
        return new Window2D(batch, h, w, c, k, k, stride, stride, padH / 2, padW / 2, oh, ow);
    }

    public static TheoryData<int, int, bool> Windows => new() { { 3, 1, true }, { 3, 2, true }, { 2, 2, false }, { 3, 2, false } };

    [SkippableTheory]
    [MemberData(nameof(Windows))]
    public void Im2ColAndCol2Im(int k, int stride, bool same)
    {
        var w = Window(2, 7, 6, 3, k, stride, same);
        int rows = w.Batch * w.OutHeight * w.OutWidth, patch = k * k * w.Channels;
        var image = Random(2 * 7 * 6 * 3, 23);
        var cols = Random(rows * patch, 24);
        Agree(be =>
        {
            var c = be.Allocate(rows * patch);
            be.Im2Col(be.Upload(image), w, c);
            var back = be.Upload(Random(image.Length, 25)); // must be overwritten, not added to
            be.Col2Im(be.Upload(cols), w, back);
            return [c, back];
        }, 1e-5);
    }

    [SkippableTheory]
    [MemberData(nameof(Windows))]
    public void PoolingForwardAndBackward(int k, int stride, bool same)
    {
        var w = Window(2, 7, 6, 3, k, stride, same);
        int outputs = w.Batch * w.OutHeight * w.OutWidth * w.Channels;
        var x = Coarse(2 * 7 * 6 * 3, 26);   // ties inside windows: the first position must win
        var dy = Random(outputs, 27);
        Agree(be =>
        {
            DeviceBuffer y = be.Allocate(outputs), arg = be.Allocate(outputs), avg = be.Allocate(outputs);
            be.MaxPool(be.Upload(x), w, y, arg);
            be.AvgPool(be.Upload(x), w, avg);
            var dxMax = be.Upload(Random(x.Length, 28));
            be.MaxPoolBackward(be.Upload(dy), arg, w, dxMax);
            var dxAvg = be.Upload(Random(x.Length, 29));
            be.AvgPoolBackward(be.Upload(dy), w, dxAvg);
            return [y, arg, avg, dxMax, dxAvg];
        }, 1e-5);
    }

    // ---- through tensors, against the Cpu device ----

    private static void AgreeWithCpu(Func<Device, IEnumerable<(string Name, Tensor Value)>> compute, double tolerance)
    {
        var cl = ClDevice.Value;
        Skip.If(cl is null, NoOpenCl);
        var expected = compute(Device.Cpu).ToList();
        var actual = compute(cl!).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(cl, actual[i].Value.Device);
            Assert.Equal(expected[i].Value.Shape, actual[i].Value.Shape);
            Close(expected[i].Value.ToArray(), actual[i].Value.ToArray(), tolerance, expected[i].Name);
        }
    }

    [SkippableFact]
    public void MlpForwardAndBackwardAgreesWithCpu()
    {
        AgreeWithCpu(d =>
        {
            var x = Tensor.RandomNormal([64, 20], seed: 1, device: d);
            var w1 = Tensor.RandomNormal([20, 32], 0, 0.3f, seed: 2, device: d, requiresGrad: true);
            var b1 = Tensor.RandomNormal([32], 0, 0.1f, seed: 3, device: d, requiresGrad: true);
            var w2 = Tensor.RandomNormal([32, 10], 0, 0.3f, seed: 4, device: d, requiresGrad: true);
            var hidden = (x.MatMul(w1) + b1).Relu();
            var probabilities = hidden.MatMul(w2).Softmax();
            var loss = (probabilities * probabilities).Sum();
            loss.Backward();
            return [("hidden", hidden), ("probabilities", probabilities), ("loss", loss), ("dW1", w1.Grad!), ("db1", b1.Grad!), ("dW2", w2.Grad!)];
        }, 1e-4);
    }

    [SkippableFact]
    public void ConvolutionAndPoolingForwardAndBackwardAgreeWithCpu()
    {
        AgreeWithCpu(d =>
        {
            var images = Tensor.RandomNormal([4, 10, 10, 3], seed: 5, device: d, requiresGrad: true);
            var kernel = Tensor.RandomNormal([3, 3, 3, 6], 0, 0.3f, seed: 6, device: d, requiresGrad: true);
            var c = images.Conv2D(kernel, padding: "same").Relu();
            var p = c.MaxPool2D();
            var q = c.AvgPool2D((3, 3), (2, 2), "same");
            var loss = (p * p).Sum() + q.Sum();
            loss.Backward();
            return [("conv", c), ("maxpool", p), ("avgpool", q), ("loss", loss), ("dImages", images.Grad!), ("dKernel", kernel.Grad!)];
        }, 1e-4);
    }

    [SkippableFact]
    public void SequentialFitGivesTheSameLossesAsCpu()
    {
        var cl = ClDevice.Value;
        Skip.If(cl is null, NoOpenCl);
        List<float> Train(Device device)
        {
            var model = new Sequential();
            model.Add(new Dense(16, activation: "relu", inputShape: [8]));
            model.Add(new Dense(3, activation: "softmax"));
            model.SetWeights([
                Tensor.FromData(Random(8 * 16, 30, -0.4f, 0.4f), [8, 16]), Tensor.FromData(new float[16], [16]),
                Tensor.FromData(Random(16 * 3, 31, -0.4f, 0.4f), [16, 3]), Tensor.FromData(new float[3], [3])]);
            model.To(device);
            model.Compile(new Adam(0.01), "categorical_crossentropy");
            var x = Tensor.FromData(Random(96 * 8, 32), [96, 8], device);
            var labels = Random(96, 33, 0, 3).Select(v => (int)v).ToArray();
            var y = Tensor.FromData(labels.SelectMany(l => Enumerable.Range(0, 3).Select(c => c == l ? 1f : 0f)).ToArray(), [96, 3], device);
            var history = model.Fit(x, y, epochs: 2, batchSize: 16, shuffle: false, verbose: 0);
            Assert.All(model.Layers.SelectMany(l => l.Weights), w => Assert.Equal(device, w.Value.Device));
            return history.History["loss"];
        }
        var expected = Train(Device.Cpu);
        var actual = Train(cl!);
        Assert.Equal(2, actual.Count);
        Close(expected.ToArray(), actual.ToArray(), 1e-4, "loss");
    }

    // ---- devices ----

    [SkippableFact]
    public void DeviceListAndParseIncludeOpenCl()
    {
        var cl = ClDevice.Value;
        Skip.If(cl is null, NoOpenCl);
        var list = Device.List();
        Assert.Equal(Device.Cpu, list[0]);
        Assert.Equal(Device.Reference, list[1]);
        Assert.Contains(cl, list);
        Assert.Equal("opencl", cl!.Name);
        Assert.StartsWith("OpenCL: ", cl.Description);
        Assert.Same(cl, Device.Parse("opencl"));
        Assert.Same(cl, Device.Parse(" OpenCL:0 "));
        Assert.Same(cl, Device.OpenCl(0));
        Assert.Equal("opencl", cl.Backend.Name);
        // by a part of its description (POCL's device is named after its CPU, e.g. "pthread-skylake-avx512-AMD EPYC")
        var model = cl.Description["OpenCL: ".Length..].Split(' ', '(')[0];
        Assert.Same(cl, Device.Parse(model.ToUpperInvariant()));
        var unknown = Assert.Throws<ArgumentException>(() => Device.Parse("no-such-gpu-model"));
        Assert.Contains("Valid names on this machine: cpu, reference", unknown.Message);
        Assert.Contains("a part of a GPU's description", unknown.Message);
    }

    [Fact]
    public void MissingOpenClDeviceGivesAClearError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Device.OpenCl(999));
        Assert.Contains("OpenCL", e.Message);
        Assert.Throws<ArgumentException>(() => Device.Parse("opencl:999"));
        Assert.Throws<ArgumentException>(() => Device.Parse("openclx"));
        _ = Device.List(); // never throws, with or without OpenCL
    }

    [SkippableFact]
    public void MixingDevicesInOneOperationIsAClearError()
    {
        var cl = ClDevice.Value;
        Skip.If(cl is null, NoOpenCl);
        var a = Tensor.FromData([1f, 2f], [2], cl);
        var b = Tensor.FromData([1f, 2f], [2], Device.Cpu);
        var e = Assert.Throws<ArgumentException>(() => a + b);
        Assert.Contains("different devices", e.Message);
        Assert.Equal([2f, 4f], (a + b.To(cl!)).ToArray());
    }
}
