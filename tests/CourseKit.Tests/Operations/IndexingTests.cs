using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Operations;

/// <summary>Slicing with C# indices and ranges (NumPy semantics), and Take.</summary>
public class IndexingTests
{
    // [[0, 1, 2, 3],
    //  [4, 5, 6, 7],
    //  [8, 9, 10, 11]]
    private static Tensor X(Device d) => Tensor.Arange(12, d).Reshape(3, 4);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void APositionRemovesTheAxis(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d)[0], [4], 0, 1, 2, 3);
        TensorAssert.Exact(X(d)[2], [4], 8, 9, 10, 11);
        TensorAssert.Exact(X(d)[1, 2], [], 6);
        Assert.Equal(6f, X(d)[1, 2].Item());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void PositionsFromTheEnd(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d)[^1], [4], 8, 9, 10, 11);
        TensorAssert.Exact(X(d)[-1], [4], 8, 9, 10, 11); // NumPy's −1 is C#'s ^1
        TensorAssert.Exact(X(d)[-2, -1], [], 7);
        TensorAssert.Exact(X(d)[^3, ^4], [], 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AColumn(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d)[.., 1], [3], 1, 5, 9);
        TensorAssert.Exact(X(d)[.., -1], [3], 3, 7, 11);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void RangesKeepTheAxis(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d)[1..], [2, 4], 4, 5, 6, 7, 8, 9, 10, 11);
        TensorAssert.Exact(X(d)[..1], [1, 4], 0, 1, 2, 3);
        TensorAssert.Exact(X(d)[.., 1..3], [3, 2], 1, 2, 5, 6, 9, 10);
        TensorAssert.Exact(X(d)[.., ^2..], [3, 2], 2, 3, 6, 7, 10, 11);
        TensorAssert.Exact(X(d)[^3..^1, 0], [2], 0, 4);
        TensorAssert.Exact(X(d)[1..2, 1..2], [1, 1], 5);
        TensorAssert.Exact(X(d)[..], [3, 4], Enumerable.Range(0, 12).Select(i => (float)i).ToArray());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void RangesPastTheEndAreClampedLikeNumPy(string device)
    {
        var d = Devices.Get(device);
        // np.arange(12).reshape(3, 4)[0:10] is the whole array.
        TensorAssert.Exact(X(d)[0..10], [3, 4], Enumerable.Range(0, 12).Select(i => (float)i).ToArray());
        TensorAssert.Exact(X(d)[2..100, 3..9], [1, 1], 11);
        TensorAssert.Exact(Tensor.Arange(5, d)[0..10], [5], 0, 1, 2, 3, 4);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SlicingARank3Tensor(string device)
    {
        var d = Devices.Get(device);
        var cube = Tensor.Arange(24, d).Reshape(2, 3, 4); // 12i + 4j + k
        TensorAssert.Exact(cube[1, .., 2], [3], 14, 18, 22);
        TensorAssert.Exact(cube[.., 0, 1..3], [2, 2], 1, 2, 13, 14);
        TensorAssert.Exact(cube[-1, -1, -1], [], 23);
        Assert.Equal([2, 3, 4], cube[..].Shape);
        Assert.Equal([1, 2, 4], cube[1.., 1..].Shape);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ASliceIsACopy(string device)
    {
        var d = Devices.Get(device);
        var x = X(d);
        var row = x[1];
        var doubled = row * 2;
        TensorAssert.Exact(x[1], [4], 4, 5, 6, 7);
        TensorAssert.Exact(doubled, [4], 8, 10, 12, 14);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TakePicksRowsInOrderWithRepeats(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d).Take([2, 0, 2]), [3, 4], 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11);
        TensorAssert.Exact(X(d).Take([1]), [1, 4], 4, 5, 6, 7);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TakeAlongAnotherAxis(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d).Take([3, 0, 3, 1], axis: 1), [3, 4], 3, 0, 3, 1, 7, 4, 7, 5, 11, 8, 11, 9);
        TensorAssert.Exact(X(d).Take([2], axis: -1), [3, 1], 2, 6, 10);
        var cube = Tensor.Arange(24, d).Reshape(2, 3, 4);
        TensorAssert.Exact(cube.Take([2, 2], axis: 1), [2, 2, 4], 8, 9, 10, 11, 8, 9, 10, 11, 20, 21, 22, 23, 20, 21, 22, 23);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TakeWithATensorOfIndicesInsertsItsShape(string device)
    {
        var d = Devices.Get(device);
        var indices = Tensor.FromArray(new float[,] { { 0, 2 }, { 1, 1 } }, d);
        var y = Tensor.FromArray(new float[] { 10, 20, 30 }, d).Take(indices);
        TensorAssert.Exact(y, [2, 2], 10, 30, 20, 20);
        Assert.Equal([2, 2, 4], X(d).Take(indices).Shape);
        Assert.Equal(new float[] { 4, 5, 6, 7 }, X(d).Take(indices)[1, 0].ToArray());
    }

    [Fact]
    public void TakeRejectsBadPositions()
    {
        var x = Tensor.Arange(12).Reshape(3, 4);
        var e = Assert.Throws<IndexOutOfRangeException>(() => x.Take([0, 3]));
        Assert.Contains("index 3 (at position 1)", e.Message);
        Assert.Contains("0 … 2", e.Message);
        Assert.Throws<IndexOutOfRangeException>(() => x.Take([-1]));
        Assert.Throws<IndexOutOfRangeException>(() => x.Take(Tensor.FromArray(new float[] { 1.5f })));
    }
}
