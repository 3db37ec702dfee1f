using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Operations;

/// <summary>Sum, Mean, Max, Min, ArgMax and ArgMin over one axis, several axes or all of them.</summary>
public class ReductionTests
{
    // [[1, 5, 3],
    //  [4, 2, 6]]
    private static Tensor X(Device d) => Tensor.FromArray(new float[,] { { 1, 5, 3 }, { 4, 2, 6 } }, d);

    // x[i, j, k] = 12i + 4j + k, shape (2, 3, 4)
    private static Tensor Cube(Device d) => Tensor.Arange(24, d).Reshape(2, 3, 4);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SumOverAllAxesIsAScalar(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d).Sum(), [], 21);
        TensorAssert.Exact(X(d).Sum([0, 1]), [], 21);
        TensorAssert.Exact(X(d).Sum(keepDims: true), [1, 1], 21);
        Assert.Equal(276f, Cube(d).Sum().Item()); // 0 + 1 + … + 23
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SumOverOneAxis(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d).Sum(0), [3], 5, 7, 9);
        TensorAssert.Exact(X(d).Sum(1), [2], 9, 12);
        TensorAssert.Exact(X(d).Sum(-1), [2], 9, 12);
        TensorAssert.Exact(X(d).Sum(-2), [3], 5, 7, 9);
        TensorAssert.Exact(X(d).Sum(0, keepDims: true), [1, 3], 5, 7, 9);
        TensorAssert.Exact(X(d).Sum(1, keepDims: true), [2, 1], 9, 12);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SumOverTheMiddleAndOuterAxesOfARank3Tensor(string device)
    {
        var d = Devices.Get(device);
        // Σ_j (12i + 4j + k) = 36i + 12 + 3k
        TensorAssert.Exact(Cube(d).Sum(1), [2, 4], 12, 15, 18, 21, 48, 51, 54, 57);
        // Σ_{i,k} (12i + 4j + k) = 48 + 32j + 12
        TensorAssert.Exact(Cube(d).Sum([0, 2]), [3], 60, 92, 124);
        TensorAssert.Exact(Cube(d).Sum([-1, 0], keepDims: true), [1, 3, 1], 60, 92, 124);
        // Σ_i (12i + 4j + k) = 12 + 8j + 2k
        TensorAssert.Exact(Cube(d).Sum(0), [3, 4], 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Mean(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d).Mean(), [], 3.5f);
        TensorAssert.Exact(X(d).Mean(0), [3], 2.5f, 3.5f, 4.5f);
        TensorAssert.Exact(X(d).Mean(-1, keepDims: true), [2, 1], 3, 4);
        TensorAssert.Exact(Cube(d).Mean([0, 2]), [3], 7.5f, 11.5f, 15.5f);
        TensorAssert.Exact(Cube(d).Mean(keepDims: true), [1, 1, 1], 11.5f);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MaxAndMin(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d).Max(), [], 6);
        TensorAssert.Exact(X(d).Min(), [], 1);
        TensorAssert.Exact(X(d).Max(0), [3], 4, 5, 6);
        TensorAssert.Exact(X(d).Max(1), [2], 5, 6);
        TensorAssert.Exact(X(d).Min(0), [3], 1, 2, 3);
        TensorAssert.Exact(X(d).Min(-1, keepDims: true), [2, 1], 1, 2);
        TensorAssert.Exact(Cube(d).Max(-2), [2, 4], 8, 9, 10, 11, 20, 21, 22, 23);
        TensorAssert.Exact(Cube(d).Min([0, 1]), [4], 0, 1, 2, 3);
        TensorAssert.Exact(Cube(d).Max([1, 2], keepDims: true), [2, 1, 1], 11, 23);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MaxAndMinOfNegativeNumbers(string device)
    {
        var d = Devices.Get(device);
        var x = Tensor.FromArray(new float[,] { { -3, -1 }, { -7, -2 } }, d);
        TensorAssert.Exact(x.Max(0), [2], -3, -1);
        TensorAssert.Exact(x.Max(1), [2], -1, -2);
        TensorAssert.Exact(x.Min(), [], -7);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ArgMaxAndArgMin(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d).ArgMax(), [], 5);       // of the flattened tensor [1, 5, 3, 4, 2, 6]
        TensorAssert.Exact(X(d).ArgMin(), [], 0);
        TensorAssert.Exact(X(d).ArgMax(0), [3], 1, 0, 1);
        TensorAssert.Exact(X(d).ArgMax(1), [2], 1, 2);
        TensorAssert.Exact(X(d).ArgMax(-1), [2], 1, 2);
        TensorAssert.Exact(X(d).ArgMin(0), [3], 0, 1, 0);
        TensorAssert.Exact(X(d).ArgMin(1), [2], 0, 1);
        TensorAssert.Exact(X(d).ArgMax(1, keepDims: true), [2, 1], 1, 2);
        TensorAssert.Exact(X(d).ArgMax(keepDims: true), [1, 1], 5);
        TensorAssert.Exact(Cube(d).ArgMax(1), [2, 4], 2, 2, 2, 2, 2, 2, 2, 2);
        TensorAssert.Exact(Cube(d).ArgMin(0), [3, 4], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ArgMaxPicksTheFirstOfTies(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(Tensor.FromArray(new float[] { 3, 7, 7, 1 }, d).ArgMax(), [], 1);
        TensorAssert.Exact(Tensor.FromArray(new float[] { 2, 1, 1 }, d).ArgMin(), [], 1);
        TensorAssert.Exact(Tensor.FromArray(new float[,] { { 4, 4 }, { 4, 4 } }, d).ArgMax(0), [2], 0, 0);
        TensorAssert.Exact(Tensor.FromArray(new float[,] { { 4, 4 }, { 4, 4 } }, d).ArgMax(1), [2], 0, 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ReducingAnAxisOfSizeOneKeepsTheValues(string device)
    {
        var d = Devices.Get(device);
        var column = Tensor.FromArray(new float[,] { { 2 }, { 3 } }, d);
        TensorAssert.Exact(column.Sum(1), [2], 2, 3);
        TensorAssert.Exact(column.Max(1), [2], 2, 3);
        TensorAssert.Exact(column.ArgMax(1), [2], 0, 0);
        TensorAssert.Exact(Tensor.Scalar(4, d).Sum(), [], 4);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SumAccumulatesManyNumbersAccurately(string device)
    {
        // 0.1 added 100 000 times: a naive float32 running sum drifts far from 10 000.
        var x = Tensor.Full([100_000], 0.1f, Devices.Get(device));
        Assert.InRange(x.Sum().Item(), 9999f, 10001f);
        Assert.InRange(x.Mean().Item(), 0.09999f, 0.10001f);
    }

    [Fact]
    public void BadAxesExplain()
    {
        var x = Tensor.Zeros([2, 3]);
        var e = Assert.Throws<ShapeException>(() => x.Sum(2));
        Assert.Contains("axis 2 does not exist for a tensor of rank 2", e.Message);
        Assert.Contains("-2 … 1", e.Message);
        Assert.Contains("Mean", Assert.Throws<ShapeException>(() => x.Mean(-3)).Message);
        Assert.Contains("repeat an axis", Assert.Throws<ArgumentException>(() => x.Sum([0, -2])).Message);
        Assert.Contains("ArgMax", Assert.Throws<ShapeException>(() => x.ArgMax(5)).Message);
        Assert.Contains("ArgMin", Assert.Throws<ShapeException>(() => x.ArgMin(5)).Message);
        Assert.Contains("Max", Assert.Throws<ShapeException>(() => x.Max(9)).Message);
    }
}
