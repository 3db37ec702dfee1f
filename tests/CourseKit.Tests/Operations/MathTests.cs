using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Operations;

/// <summary>Elementwise functions: exp, log, sqrt, sin, cos, abs, sign, clip, and the elementwise maximum/minimum.</summary>
public class MathTests
{
    private static Tensor V(Device d, params float[] v) => Tensor.FromArray(v, d);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Exp(string device)
    {
        var y = V(Devices.Get(device), 0, 1, -1, 2, -20).Exp();
        TensorAssert.Close(y, [5], [1, 2.7182817f, 0.36787945f, 7.389056f, 2.0611537e-9f], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ExpOverflowsToInfinityAndUnderflowsToZero(string device)
    {
        var v = V(Devices.Get(device), 100, -200).Exp().ToArray();
        Assert.Equal(float.PositiveInfinity, v[0]);
        Assert.Equal(0f, v[1]);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Log(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Close(V(d, 1, MathF.E, 10, 0.5f).Log(), [4], [0, 1, 2.3025851f, -0.6931472f], 1e-6);
        var special = V(d, 0, -1).Log().ToArray();
        Assert.Equal(float.NegativeInfinity, special[0]);
        Assert.True(float.IsNaN(special[1]));
        // exp and log undo each other.
        TensorAssert.Close(V(d, -3, 0.25f, 7).Exp().Log(), [3], [-3, 0.25f, 7], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Sqrt(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(V(d, 0, 1, 4, 2.25f).Sqrt(), [4], 0, 1, 2, 1.5f);
        TensorAssert.Close(V(d, 2).Sqrt(), [1], [1.4142135f], 1e-7);
        Assert.True(float.IsNaN(V(d, -4).Sqrt().Item()));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SinAndCos(string device)
    {
        var d = Devices.Get(device);
        // 0, π/6, π/2, π, −π/4 and 10 radians (more than a turn and a half).
        var x = V(d, 0, MathF.PI / 6, MathF.PI / 2, MathF.PI, -MathF.PI / 4, 10);
        TensorAssert.Close(x.Sin(), [6], [0, 0.5f, 1, 0, -0.70710678f, -0.54402111f], 1e-6);
        TensorAssert.Close(x.Cos(), [6], [1, 0.8660254f, 0, -1, 0.70710678f, -0.83907153f], 1e-6);
        // sin² + cos² = 1 everywhere.
        TensorAssert.Close(x.Sin().Square() + x.Cos().Square(), [6], [1, 1, 1, 1, 1, 1], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SinAndCosDerivatives(string device)
    {
        // d/dx sin x = cos x and d/dx cos x = −sin x, checked at 0, π/3 and 2: cos 0 = 1, cos π/3 = 0.5, cos 2 = −0.4161468.
        var x = Tensor.FromArray(new[] { 0, MathF.PI / 3, 2 }, Devices.Get(device), requiresGrad: true);
        x.Sin().Sum().Backward();
        TensorAssert.Close(x.Grad!, [3], [1, 0.5f, -0.41614684f], 1e-6);
        var z = Tensor.FromArray(new[] { 0, MathF.PI / 6, 2 }, Devices.Get(device), requiresGrad: true);
        z.Cos().Sum().Backward();
        TensorAssert.Close(z.Grad!, [3], [0, -0.5f, -0.9092974f], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AbsAndSign(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, -2.5f, 0, 3, -0.001f);
        TensorAssert.Exact(x.Abs(), [4], 2.5f, 0, 3, 0.001f);
        TensorAssert.Exact(x.Sign(), [4], -1, 0, 1, -1);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ClipLimitsToTheRange(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(V(d, -5, -1, 0, 0.5f, 1, 7).Clip(-1, 1), [6], -1, -1, 0, 0.5f, 1, 1);
        TensorAssert.Exact(V(d, 1e-9f, 0.5f, 1).Clip(1e-7f, 1 - 1e-7f), [3], 1e-7f, 0.5f, 1 - 1e-7f);
        TensorAssert.Exact(V(d, 3, 5).Clip(4, 4), [2], 4, 4);
    }

    [Fact]
    public void ClipNeedsMinNotAboveMax()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Ones([2]).Clip(2, 1));
        Assert.Contains("min (2)", e.Message);
        Assert.Contains("max (1)", e.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MaximumAndMinimumBroadcast(string device)
    {
        var d = Devices.Get(device);
        var a = Tensor.FromArray(new float[,] { { 1, 5, 3 }, { -4, 0, 9 } }, d);
        var b = V(d, 2, 2, 2);
        TensorAssert.Exact(Tensor.Maximum(a, b), [2, 3], 2, 5, 3, 2, 2, 9);
        TensorAssert.Exact(Tensor.Minimum(a, b), [2, 3], 1, 2, 2, -4, 0, 2);
        TensorAssert.Exact(a.Maximum(0), [2, 3], 1, 5, 3, 0, 0, 9);
        TensorAssert.Exact(a.Minimum(0), [2, 3], 0, 0, 0, -4, 0, 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ComposedExpressionMatchesHandComputation(string device)
    {
        var d = Devices.Get(device);
        // sqrt(x² + 1) − |x| / 2 at x = −2, 0, 3: √5 − 1, 1, √10 − 1.5.
        var x = V(d, -2, 0, 3);
        var y = (x.Square() + 1).Sqrt() - x.Abs() / 2;
        TensorAssert.Close(y, [3], [MathF.Sqrt(5) - 1, 1, MathF.Sqrt(10) - 1.5f], 1e-6);
    }
}
