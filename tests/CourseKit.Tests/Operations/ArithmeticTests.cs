using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Operations;

/// <summary>+ − × ÷, powers and negation, with NumPy broadcasting. Expected values worked out by hand.</summary>
public class ArithmeticTests
{
    private static Tensor M(Device d, float[,] v) => Tensor.FromArray(v, d);
    private static Tensor V(Device d, params float[] v) => Tensor.FromArray(v, d);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SameShapeElementwise(string device)
    {
        var d = Devices.Get(device);
        var a = M(d, new float[,] { { 1, 2 }, { 3, 4 } });
        var b = M(d, new float[,] { { 10, 20 }, { 30, 40 } });
        TensorAssert.Exact(a + b, [2, 2], 11, 22, 33, 44);
        TensorAssert.Exact(b - a, [2, 2], 9, 18, 27, 36);
        TensorAssert.Exact(a * b, [2, 2], 10, 40, 90, 160);
        TensorAssert.Exact(b / a, [2, 2], 10, 10, 10, 10);
        TensorAssert.Exact(Tensor.Add(a, b), [2, 2], 11, 22, 33, 44);
        TensorAssert.Exact(Tensor.Subtract(a, b), [2, 2], -9, -18, -27, -36);
        TensorAssert.Exact(Tensor.Multiply(a, a), [2, 2], 1, 4, 9, 16);
        TensorAssert.Exact(Tensor.Divide(a, b), [2, 2], 0.1f, 0.1f, 0.1f, 0.1f);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MatrixPlusRowVectorBroadcastsOverRows(string device)
    {
        var d = Devices.Get(device);
        // (2, 3) + (3,): the vector is added to every row.
        var y = M(d, new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }) + V(d, 10, 20, 30);
        TensorAssert.Exact(y, [2, 3], 11, 22, 33, 14, 25, 36);
        // And the other way round.
        TensorAssert.Exact(V(d, 10, 20, 30) - M(d, new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }), [2, 3], 9, 18, 27, 6, 15, 24);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ColumnTimesRowIsAnOuterProduct(string device)
    {
        var d = Devices.Get(device);
        // (2, 1) * (1, 3) → (2, 3): a[i] · b[j].
        var y = M(d, new float[,] { { 2 }, { 3 } }) * M(d, new float[,] { { 1, 10, 100 } });
        TensorAssert.Exact(y, [2, 3], 2, 20, 200, 3, 30, 300);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BroadcastingAddsLeadingAxes(string device)
    {
        var d = Devices.Get(device);
        // (2, 1, 2) + (3, 1) → (2, 3, 2): y[i, j, k] = a[i, 0, k] + b[j, 0].
        var a = Tensor.FromData([1, 2, 3, 4], [2, 1, 2], d);
        var b = Tensor.FromData([10, 20, 30], [3, 1], d);
        TensorAssert.Exact(a + b, [2, 3, 2], 11, 12, 21, 22, 31, 32, 13, 14, 23, 24, 33, 34);
        // A rank-0 tensor broadcasts against anything.
        TensorAssert.Exact(a * Tensor.Scalar(-1, d), [2, 1, 2], -1, -2, -3, -4);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ScalarsOnEitherSide(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, 1, 2, 4);
        TensorAssert.Exact(x + 1, [3], 2, 3, 5);
        TensorAssert.Exact(1 + x, [3], 2, 3, 5);
        TensorAssert.Exact(x - 1, [3], 0, 1, 3);
        TensorAssert.Exact(1 - x, [3], 0, -1, -3);
        TensorAssert.Exact(x * 3, [3], 3, 6, 12);
        TensorAssert.Exact(3 * x, [3], 3, 6, 12);
        TensorAssert.Exact(x / 2, [3], 0.5f, 1, 2);
        TensorAssert.Exact(2 / x, [3], 2, 1, 0.5f);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void UnaryMinus(string device)
    {
        var d = Devices.Get(device);
        var x = M(d, new float[,] { { 1, -2 }, { 0.5f, 0 } });
        TensorAssert.Exact(-x, [2, 2], -1, 2, -0.5f, -0f);
        TensorAssert.Exact(x.Negate(), [2, 2], -1, 2, -0.5f, -0f);
        TensorAssert.Exact(-(-x), [2, 2], 1, -2, 0.5f, 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void PowerWithAFloatExponent(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, -3, -2, 0.5f, 4);
        TensorAssert.Exact(x.Pow(2), [4], 9, 4, 0.25f, 16);
        TensorAssert.Exact(x.Square(), [4], 9, 4, 0.25f, 16);
        TensorAssert.Exact(x.Pow(1), [4], -3, -2, 0.5f, 4);
        TensorAssert.Close(x.Pow(-1), [4], [-1f / 3, -0.5f, 2, 0.25f], 1e-6);
        TensorAssert.Exact(V(d, 4, 9, 0.25f).Pow(0.5f), [3], 2, 3, 0.5f);
        TensorAssert.Close(V(d, 2, 4).Pow(1.5f), [2], [2.8284271f, 8], 1e-6);
        TensorAssert.Exact(V(d, 5, 7).Pow(0), [2], 1, 1);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void OddIntegerPowersOfNegativeNumbersKeepTheirSign(string device)
    {
        // (−2)³ = −8 as NumPy computes it, not NaN from exp(3·ln(−2)).
        var d = Devices.Get(device);
        TensorAssert.Close(V(d, -2, -1.5f, 3).Pow(3), [3], [-8, -3.375f, 27], 1e-6);
        TensorAssert.Close(V(d, -2, 2).Pow(4), [2], [16, 16], 1e-6);
        TensorAssert.Close(V(d, -2, 2).Pow(-2), [2], [0.25f, 0.25f], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void PowerWithATensorExponentBroadcasts(string device)
    {
        var d = Devices.Get(device);
        // (2, 1) ** (3,): rows are the bases 2 and 3, columns the exponents 0, 1, 2.
        var y = M(d, new float[,] { { 2 }, { 3 } }).Pow(V(d, 0, 1, 2));
        TensorAssert.Exact(y, [2, 3], 1, 2, 4, 1, 3, 9);
        TensorAssert.Close(V(d, 4, 8).Pow(V(d, 0.5f, 1f / 3)), [2], [2, 2], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void DivisionByZeroFollowsIeee(string device)
    {
        var d = Devices.Get(device);
        var y = V(d, 1, -1, 0) / V(d, 0, 0, 0);
        var v = y.ToArray();
        Assert.Equal(float.PositiveInfinity, v[0]);
        Assert.Equal(float.NegativeInfinity, v[1]);
        Assert.True(float.IsNaN(v[2]));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void OperandsAreNotModified(string device)
    {
        var d = Devices.Get(device);
        var a = V(d, 1, 2, 3);
        var b = V(d, 4, 5, 6);
        _ = a + b;
        _ = a * b;
        _ = -a;
        TensorAssert.Exact(a, [3], 1, 2, 3);
        TensorAssert.Exact(b, [3], 4, 5, 6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ResultsStayOnTheOperandsDevice(string device)
    {
        var d = Devices.Get(device);
        Assert.Equal(d, (V(d, 1) + 2).Device);
        Assert.Equal(d, (2 * V(d, 1)).Device);
        Assert.Equal(d, V(d, 1, 2).Pow(V(d, 1, 2)).Device);
    }
}
