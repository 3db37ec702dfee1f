using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Backends;

/// <summary>
/// The fused bias add and activation that ends every Dense and Conv2D layer: the Cpu backend's blocked, parallel
/// kernel against the Reference backend's loop, and the fused node against the same formula written out of separate
/// operations. The bias gradient is summed in fixed blocks of rows, so it is bit-for-bit the same on both backends
/// (and on any number of threads); relu's gradient is a selection, so it is exact too.
/// </summary>
public partial class BackendAgreementTests
{
    public static IEnumerable<object[]> BiasActivationCases() =>
    [
        // activation, shape: 600 rows span three blocks of 256 (the last one partial); 37 channels = SIMD vectors + a tail
        ["relu", new[] { 600, 37 }],
        ["linear", new[] { 600, 37 }],
        ["sigmoid", new[] { 600, 37 }],
        ["tanh", new[] { 600, 37 }],
        ["softmax", new[] { 600, 37 }],              // not fused: a fused bias add, then softmax
        ["relu", new[] { 8, 26, 26, 32 }],           // the course CNN's first convolution: 5 408 rows, parallel
        ["relu", new[] { 3, 5 }],                    // fewer rows than one block, fewer channels than a vector
    ];

    [Theory]
    [MemberData(nameof(BiasActivationCases))]
    public void BiasActivationAgrees(string activation, int[] shape)
    {
        var f = ActivationFunction.Get(activation);
        Agree(d =>
        {
            var x = Data(d, 51, shape, -2, 2, requiresGrad: true);
            var bias = Data(d, 52, [shape[^1]], -1, 1, requiresGrad: true);
            var y = x.BiasActivation(bias, f);
            y.Backward(Data(d, 53, shape));
            return [("y", y), ("dx", x.Grad!), ("dbias", bias.Grad!)];
        }, tolerance: activation is "relu" or "linear" ? 0 : 1e-5);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("linear")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    public void FusedBiasActivationGivesTheNumbersOfTheWrittenOutFormula(string activation)
    {
        var f = ActivationFunction.Get(activation);
        foreach (var d in new[] { Device.Cpu, Device.Reference })
        {
            var x = Data(d, 61, [300, 19], -3, 3, requiresGrad: true);
            var bias = Data(d, 62, [19], -1, 1, requiresGrad: true);
            var g = Data(d, 63, [300, 19]);
            var fused = x.BiasActivation(bias, f);
            Assert.Equal(f == Activations.Linear ? "bias_add" : "bias_add_" + activation, fused.Op);
            fused.Backward(g);
            float[] dx = x.Grad!.ToArray(), dbias = bias.Grad!.ToArray();
            x.ZeroGrad();
            bias.ZeroGrad();
            var written = f.Apply(x + bias);
            written.Backward(g);
            TensorAssert.Close(written.ToArray(), fused.ToArray(), 0);
            TensorAssert.Close(x.Grad!.ToArray(), dx, 1e-6);
            TensorAssert.Close(bias.Grad!.ToArray(), dbias, 1e-5);
        }
    }

    [Fact]
    public void FusedBiasActivationFallsBackWhereItCannotFuse()
    {
        var x = Tensor.FromData([1f, -2f, 3f, -4f], [2, 2], requiresGrad: true);
        // no bias: just the activation's own node
        Assert.Equal("relu", x.BiasActivation(null, Activations.Relu).Op);
        // a bias that is not one number per channel keeps the broadcasting add and its error
        var wrong = Tensor.FromData([1f, 2f, 3f], [3]);
        Assert.Throws<ShapeException>(() => x.BiasActivation(wrong, Activations.Relu));
        // a bias of shape (1, channels) broadcasts as before
        var row = Tensor.FromData([0.5f, 0.5f], [1, 2], requiresGrad: true);
        TensorAssert.Close([1.5f, 0f, 3.5f, 0f], x.BiasActivation(row, Activations.Relu).ToArray(), 0);
    }

    public static IEnumerable<object[]> FusedConvolutionCases() =>
    [
        // activation, image shape, kernel (h, w, filters), strides, padding
        ["relu", new[] { 8, 28, 28, 1 }, 3, 3, 32, 1, "valid"],     // the course CNN's first layer
        ["relu", new[] { 4, 13, 13, 32 }, 3, 3, 64, 1, "valid"],    // …and its second
        ["sigmoid", new[] { 2, 9, 7, 3 }, 3, 2, 5, 2, "same"],      // edge tiles, padding, stride 2
        ["relu", new[] { 5, 40, 40, 16 }, 3, 3, 8, 1, "same"],      // the Cpu backend's blocks of 2 images (the last one short)
        ["linear", new[] { 2, 9, 7, 3 }, 2, 2, 40, 1, "same"],
        ["softmax", new[] { 2, 6, 6, 2 }, 3, 3, 4, 1, "valid"],    // not fused: conv2d, then a fused bias add, then softmax
    ];

    [Theory]
    [MemberData(nameof(FusedConvolutionCases))]
    public void ConvolutionWithBiasAndActivationAgrees(string activation, int[] imageShape, int kh, int kw, int filters, int stride, string padding)
    {
        var f = ActivationFunction.Get(activation);
        Agree(d =>
        {
            var x = Data(d, 71, imageShape, -1, 1, requiresGrad: true);
            var kernel = Data(d, 72, [kh, kw, imageShape[3], filters], -0.5f, 0.5f, requiresGrad: true);
            var bias = Data(d, 73, [filters], -0.5f, 0.5f, requiresGrad: true);
            var y = x.Conv2DLayer(kernel, (stride, stride), padding, bias, f);
            y.Backward(Data(d, 74, y.Shape));
            return [("y", y), ("dx", x.Grad!), ("dkernel", kernel.Grad!), ("dbias", bias.Grad!)];
        }, tolerance: 1e-4); // the kernel gradient sums up to 8 000 products in float on both backends, in different orders
    }

    [Theory]
    [InlineData("relu", "conv2d_bias_add_relu")]
    [InlineData("linear", "conv2d_bias_add")]
    [InlineData("tanh", "conv2d_bias_add_tanh")]
    public void FusedConvolutionGivesTheNumbersOfTheWrittenOutFormula(string activation, string node)
    {
        var f = ActivationFunction.Get(activation);
        foreach (var d in new[] { Device.Cpu, Device.Reference })
        {
            var x = Data(d, 81, [3, 10, 10, 4], -1, 1, requiresGrad: true);
            var kernel = Data(d, 82, [3, 3, 4, 8], -0.5f, 0.5f, requiresGrad: true);
            var bias = Data(d, 83, [8], -0.5f, 0.5f, requiresGrad: true);
            var g = Data(d, 84, [3, 8, 8, 8]);
            var fused = x.Conv2DLayer(kernel, null, "valid", bias, f);
            Assert.Equal(node, fused.Op);
            Assert.Equal(3, fused.Inputs.Count);
            fused.Backward(g);
            var grads = new[] { x.Grad!.ToArray(), kernel.Grad!.ToArray(), bias.Grad!.ToArray() };
            foreach (var t in new[] { x, kernel, bias }) t.ZeroGrad();
            var written = f.Apply(x.Conv2D(kernel) + bias);
            written.Backward(g);
            TensorAssert.Close(written.ToArray(), fused.ToArray(), activation == "tanh" ? 1e-6 : 0);
            TensorAssert.Close(x.Grad!.ToArray(), grads[0], 1e-5);
            TensorAssert.Close(kernel.Grad!.ToArray(), grads[1], 1e-5);
            TensorAssert.Close(bias.Grad!.ToArray(), grads[2], 1e-5);
        }
    }

    [Fact]
    public void BroadcastRowsAgreeForEveryLayoutKind()
    {
        // Row starts: contiguous (same shape), one row repeated ([16], [1, 1, 16]), and general broadcasts that still
        // read whole rows ([7, 16], [5, 1, 16]) or one number per row ([5, 7, 1]); 5·7·16·… ≥ 65 536 runs in parallel.
        Agree(d =>
        {
            var x = Data(d, 91, [64, 7, 160]);
            return
            [
                ("same", x + Data(d, 92, [64, 7, 160])),
                ("vector", x * Data(d, 93, [160])),
                ("row", x - Data(d, 94, [1, 1, 160])),
                ("matrix", x + Data(d, 95, [7, 160])),
                ("batch", x / Data(d, 96, [64, 1, 160], 1, 2)),
                ("column", Tensor.Maximum(x, Data(d, 97, [64, 7, 1]))),
                ("where", Tensor.Where(x.Greater(0), x, Data(d, 98, [7, 160]))),
                ("copy", Data(d, 99, [7, 160]).BroadcastTo([64, 7, 160])),
            ];
        }, tolerance: 0);
    }
}
