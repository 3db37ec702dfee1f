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
}
