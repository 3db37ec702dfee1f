using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Operations;

/// <summary>Activation functions with Keras's definitions; expected values computed with Python's math module
/// (e.g. gelu(1) = 1·Φ(1) = 0.8413447), and their behaviour at extreme inputs.</summary>
public class ActivationTests
{
    private static Tensor V(Device d, params float[] v) => Tensor.FromArray(v, d);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Sigmoid(string device)
    {
        TensorAssert.Close(V(Devices.Get(device), 0, 2, -2, 5).Sigmoid(), [4], [0.5f, 0.880797f, 0.11920292f, 0.9933072f], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SigmoidSaturatesWithoutNaN(string device)
    {
        var v = V(Devices.Get(device), -100, 100, -1000, 1000).Sigmoid().ToArray();
        Assert.All(v, x => Assert.False(float.IsNaN(x)));
        Assert.InRange(v[0], 0f, 1e-30f); // σ(−100) ≈ 3.7e−44: zero in float32 (or a denormal)
        Assert.Equal(1f, v[1]);
        Assert.Equal(0f, v[2]);
        Assert.Equal(1f, v[3]);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ReluPassesNaNOn(string device)
    {
        // A NaN (here log(−1)) must survive the activation, so the student sees a NaN loss rather than a silently wrong one.
        var v = V(Devices.Get(device), -1, 4).Log().Relu().ToArray();
        Assert.True(float.IsNaN(v[0]));
        Assert.Equal(MathF.Log(4), v[1], 6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Tanh(string device)
    {
        TensorAssert.Close(V(Devices.Get(device), 0, 1, -0.5f, 20, -20).Tanh(), [5], [0, 0.7615942f, -0.46211716f, 1, -1], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Relu(string device)
    {
        var x = Tensor.FromArray(new float[,] { { -1, 0 }, { 2, -0.5f } }, Devices.Get(device));
        TensorAssert.Exact(x.Relu(), [2, 2], 0, 0, 2, 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SoftmaxOfEachRow(string device)
    {
        var d = Devices.Get(device);
        // softmax([1, 2, 3]) = e^[1,2,3] / (e + e² + e³)
        float[] expected = [0.09003057f, 0.24472847f, 0.66524096f];
        TensorAssert.Close(V(d, 1, 2, 3).Softmax(), [3], expected, 1e-6);
        var rows = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 0, 0, 0 } }, d).Softmax();
        TensorAssert.Close(rows, [2, 3], [.. expected, 1f / 3, 1f / 3, 1f / 3], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SoftmaxOverTheFirstAxis(string device)
    {
        var d = Devices.Get(device);
        // Columns [1, 2] and [0, 0] and [3, 1]: softmax down each column.
        var y = Tensor.FromArray(new float[,] { { 1, 0, 3 }, { 2, 0, 1 } }, d).Softmax(axis: 0);
        TensorAssert.Close(y, [2, 3], [0.26894142f, 0.5f, 0.880797f, 0.7310586f, 0.5f, 0.11920292f], 1e-6);
        TensorAssert.Close(y.Sum(0), [3], [1, 1, 1], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SoftmaxIsStableForLargeLogits(string device)
    {
        var d = Devices.Get(device);
        var large = V(d, 1000, 1001, 1002).Softmax().ToArray();
        Assert.All(large, x => Assert.True(float.IsFinite(x)));
        TensorAssert.Close(V(d, 0, 1, 2).Softmax().ToArray(), large, 1e-6);
        TensorAssert.Close([0.09003057f, 0.24472847f, 0.66524096f], V(d, -1000, -999, -998).Softmax().ToArray(), 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LogSoftmax(string device)
    {
        var d = Devices.Get(device);
        // log softmax([1, 2, 3]) = x − log(e + e² + e³) = x − 3.4076059
        TensorAssert.Close(V(d, 1, 2, 3).LogSoftmax(), [3], [-2.4076059f, -1.4076059f, -0.4076059f], 1e-6);
        TensorAssert.Close(V(d, 1, 2, 3).Softmax().Log(), [3], V(d, 1, 2, 3).LogSoftmax().ToArray(), 1e-5);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LogSoftmaxIsStableForExtremeLogits(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Close(V(d, -1000, -1001, -1002).LogSoftmax(), [3], [-0.4076059f, -1.4076059f, -2.4076059f], 1e-5);
        // log softmax([0, −1000]) = [−log(1 + e^−1000), −1000 − …] = [0, −1000]: finite, where log(softmax) would give −inf.
        TensorAssert.Close(V(d, 0, -1000).LogSoftmax(), [2], [0, -1000], 1e-6);
        TensorAssert.Close(V(d, 1000, 0).LogSoftmax(), [2], [0, -1000], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void EluAndSelu(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Close(V(d, -1, 2, -2).Elu(), [3], [-0.63212056f, 2, -0.86466473f], 1e-6);     // e^x − 1 below zero
        TensorAssert.Close(V(d, -1, 2).Elu(0.5f), [2], [-0.31606028f, 2], 1e-6);
        TensorAssert.Close(V(d, 1, -1, -2).Selu(), [3], [1.050701f, -1.1113307f, -1.5201665f], 1e-6); // scale·x, scale·α·(e^x − 1)
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SoftplusIsSmoothReluWithoutOverflow(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Close(V(d, 0, 2, -2).Softplus(), [3], [0.6931472f, 2.126928f, 0.12692801f], 1e-6);
        TensorAssert.Close(V(d, 100, -100, 1000).Softplus(), [3], [100, 0, 1000], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LeakyRelu(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Close(V(d, -2, 3, 0).LeakyRelu(), [3], [-0.4f, 3, 0], 1e-7); // Keras's default slope 0.2
        TensorAssert.Close(V(d, -2, 3).LeakyRelu(0.1f), [2], [-0.2f, 3], 1e-7);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Swish(string device)
    {
        TensorAssert.Close(V(Devices.Get(device), 1, -1, 2, 0).Swish(), [4], [0.7310586f, -0.26894143f, 1.7615942f, 0], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void GeluExactAndApproximate(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Close(V(d, 1, -1, 2, -0.5f, 0).Gelu(), [5], [0.8413447f, -0.15865526f, 1.9544997f, -0.15426877f, 0], 1e-5);
        TensorAssert.Close(V(d, 1, -1, 2, -0.5f, 0).Gelu(approximate: true), [5], [0.841192f, -0.15880801f, 1.9545977f, -0.15428599f, 0], 1e-5);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void HardSigmoidIsRelu6OfXPlus3Over6(string device)
    {
        TensorAssert.Close(V(Devices.Get(device), -4, -3, 0, 1.5f, 3, 5).HardSigmoid(), [6], [0, 0, 0.5f, 0.75f, 1, 1], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ActivationByName(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, -1, 0.5f, 2);
        Assert.Same(x, x.Activation("linear"));
        Assert.Same(x, x.Activation(null!));
        TensorAssert.Exact(x.Activation("relu"), [3], 0, 0.5f, 2);
        TensorAssert.Exact(x.Activation("  ReLU "), [3], 0, 0.5f, 2);
        foreach (var (name, expected) in new (string, Tensor)[]
        {
            ("sigmoid", x.Sigmoid()), ("tanh", x.Tanh()), ("softmax", x.Softmax()), ("log_softmax", x.LogSoftmax()),
            ("elu", x.Elu()), ("selu", x.Selu()), ("softplus", x.Softplus()), ("leaky_relu", x.LeakyRelu()),
            ("swish", x.Swish()), ("silu", x.Swish()), ("gelu", x.Gelu()), ("exponential", x.Exp()), ("hard_sigmoid", x.HardSigmoid()),
            ("heaviside", x.Heaviside()), ("step", x.Heaviside()), ("sign", x.Sign()),
        })
            Assert.Equal(expected.ToArray(), x.Activation(name).ToArray());
    }

    [Fact]
    public void EveryListedActivationNameWorks()
    {
        var x = Tensor.FromArray(new float[] { -1, 1 });
        foreach (var name in Tensor.ActivationNames)
            Assert.Equal([2], x.Activation(name).Shape);
        Assert.Contains("gelu", Tensor.ActivationNames);
        Assert.Equal(18, Tensor.ActivationNames.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void EachActivationIsOneGraphNodeNamedAfterIt(string device)
    {
        var x = Tensor.FromArray(new float[] { -1, 2 }, Devices.Get(device), requiresGrad: true);
        Assert.Equal("gelu", x.Gelu().Op);
        Assert.Equal("gelu", x.Gelu(approximate: true).Op);
        Assert.Equal("elu", x.Elu().Op);
        Assert.Equal("selu", x.Selu().Op);
        Assert.Equal("swish", x.Swish().Op);
        Assert.Equal("leaky_relu", x.LeakyRelu().Op);
        Assert.Equal("heaviside", x.Heaviside().Op);
        Assert.Equal("sign", x.Sign().Op);
        Assert.Equal("softmax", x.Softmax().Op);
        Assert.Equal("log_softmax", x.LogSoftmax().Op);
        Assert.Equal("hard_sigmoid", x.HardSigmoid().Op);
        Assert.Equal([x], x.Softmax().Inputs);
        Assert.Equal(2, x.Gelu().Graph().Nodes.Count); // x and gelu: the pieces inside are not recorded
    }
}
