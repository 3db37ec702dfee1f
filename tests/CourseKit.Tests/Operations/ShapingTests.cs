using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Operations;

/// <summary>Operations that move numbers without changing them: reshape, flatten, transpose, permute, expand/squeeze,
/// broadcast, concatenate and stack.</summary>
public class ShapingTests
{
    // [[0, 1, 2], [3, 4, 5]]
    private static Tensor X(Device d) => Tensor.Arange(6, d).Reshape(2, 3);

    // x[i, j, k] = 12i + 4j + k, shape (2, 3, 4)
    private static Tensor Cube(Device d) => Tensor.Arange(24, d).Reshape(2, 3, 4);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ReshapeKeepsTheRowMajorOrder(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d).Reshape(3, 2), [3, 2], 0, 1, 2, 3, 4, 5);
        TensorAssert.Exact(X(d).Reshape(6), [6], 0, 1, 2, 3, 4, 5);
        TensorAssert.Exact(X(d).Reshape(1, 2, 1, 3), [1, 2, 1, 3], 0, 1, 2, 3, 4, 5);
        TensorAssert.Exact(Tensor.Scalar(5, d).Reshape(1, 1), [1, 1], 5);
        TensorAssert.Exact(Tensor.Ones([1], d).Reshape(), [], 1);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ReshapeInfersTheMinusOneAxis(string device)
    {
        var d = Devices.Get(device);
        Assert.Equal([4, 6], Cube(d).Reshape(-1, 6).Shape);
        Assert.Equal([2, 12], Cube(d).Reshape(2, -1).Shape);
        Assert.Equal([2, 3, 2, 2], Cube(d).Reshape(2, 3, -1, 2).Shape);
        Assert.Equal([24], Cube(d).Reshape(-1).Shape);
        Assert.Equal(Cube(d).ToArray(), Cube(d).Reshape(-1, 8).ToArray());
    }

    [Fact]
    public void BadReshapesExplain()
    {
        var x = Tensor.Zeros([2, 3]);
        var e = Assert.Throws<ShapeException>(() => x.Reshape(4, 2));
        Assert.Contains("(2, 3) (6 elements)", e.Message);
        Assert.Contains("(4, 2) (8 elements)", e.Message);
        Assert.Contains("not a multiple of 4", Assert.Throws<ShapeException>(() => x.Reshape(-1, 4)).Message);
        Assert.Contains("more than one −1", Assert.Throws<ShapeException>(() => x.Reshape(-1, -1)).Message);
        Assert.Contains("size 0", Assert.Throws<ShapeException>(() => x.Reshape(0, 6)).Message);
        Assert.Contains("size -2", Assert.Throws<ShapeException>(() => x.Reshape(-2, -3)).Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FlattenFromAnAxis(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d).Flatten(), [6], 0, 1, 2, 3, 4, 5);
        Assert.Equal([24], Cube(d).Flatten(0).Shape);
        Assert.Equal([2, 12], Cube(d).Flatten(1).Shape);   // keeps the batch axis, as Keras's Flatten
        Assert.Equal([2, 3, 4], Cube(d).Flatten(2).Shape);
        Assert.Equal([2, 3, 4], Cube(d).Flatten(-1).Shape);
        Assert.Equal(Cube(d).ToArray(), Cube(d).Flatten(1).ToArray());
        TensorAssert.Exact(Tensor.Scalar(3, d).Flatten(), [1], 3);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TransposeOfAMatrix(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(X(d).Transpose(), [3, 2], 0, 3, 1, 4, 2, 5);
        TensorAssert.Exact(X(d).T, [3, 2], 0, 3, 1, 4, 2, 5);
        TensorAssert.Exact(X(d).T.T, [2, 3], 0, 1, 2, 3, 4, 5);
        TensorAssert.Exact(Tensor.Arange(3, d).T, [3], 0, 1, 2); // a vector is its own transpose
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void PermuteReordersAxes(string device)
    {
        var d = Devices.Get(device);
        // y[k, i, j] = x[i, j, k] = 12i + 4j + k
        var y = Cube(d).Permute(2, 0, 1);
        Assert.Equal([4, 2, 3], y.Shape);
        Assert.Equal(new float[] { 0, 4, 8, 12, 16, 20 }, y[0].ToArray());
        Assert.Equal(new float[] { 3, 7, 11, 15, 19, 23 }, y[3].ToArray());
        Assert.Equal(y.ToArray(), Cube(d).Transpose(2, 0, 1).ToArray());
        Assert.Equal(y.ToArray(), Cube(d).Permute(-1, 0, -2).ToArray());
        // The full reversal is Transpose(): y[k, j, i] = 12i + 4j + k
        var t = Cube(d).Transpose();
        Assert.Equal([4, 3, 2], t.Shape);
        Assert.Equal(new float[] { 1, 13, 5, 17, 9, 21 }, t[1].ToArray());
        // Permuting back restores the original.
        Assert.Equal(Cube(d).ToArray(), y.Permute(1, 2, 0).ToArray());
    }

    [Fact]
    public void PermuteMustNameEveryAxisOnce()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([2, 3, 4]).Permute(0, 0, 1));
        Assert.Contains("[0, 0, 1]", e.Message);
        Assert.Contains("(2, 3, 4)", e.Message);
        Assert.Throws<ShapeException>(() => Tensor.Zeros([2, 3, 4]).Permute(0, 1));
        Assert.Throws<ShapeException>(() => Tensor.Zeros([2, 3]).Permute(0, 2));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ExpandDimsAndSqueeze(string device)
    {
        var d = Devices.Get(device);
        Assert.Equal([1, 2, 3], X(d).ExpandDims(0).Shape);
        Assert.Equal([2, 1, 3], X(d).ExpandDims(1).Shape);
        Assert.Equal([2, 3, 1], X(d).ExpandDims(2).Shape);
        Assert.Equal([2, 3, 1], X(d).ExpandDims(-1).Shape);
        Assert.Equal([2, 1, 3], X(d).ExpandDims(-2).Shape);
        Assert.Equal(X(d).ToArray(), X(d).ExpandDims(1).ToArray());

        var y = Tensor.Zeros([1, 2, 1, 3], d);
        Assert.Equal([2, 3], y.Squeeze().Shape);
        Assert.Equal([2, 1, 3], y.Squeeze(0).Shape);
        Assert.Equal([1, 2, 3], y.Squeeze(2).Shape);
        Assert.Equal([1, 2, 3], y.Squeeze(-2).Shape);
        Assert.Equal([], Tensor.Zeros([1, 1], d).Squeeze().Shape);
        var e = Assert.Throws<ShapeException>(() => y.Squeeze(1));
        Assert.Contains("has size 2, not 1", e.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BroadcastToRepeatsAlongSizeOneAndNewAxes(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(Tensor.FromArray(new float[] { 1, 2, 3 }, d).BroadcastTo([2, 3]), [2, 3], 1, 2, 3, 1, 2, 3);
        TensorAssert.Exact(Tensor.FromArray(new float[,] { { 1 }, { 2 } }, d).BroadcastTo([2, 3]), [2, 3], 1, 1, 1, 2, 2, 2);
        TensorAssert.Exact(Tensor.Scalar(7, d).BroadcastTo([2, 2]), [2, 2], 7, 7, 7, 7);
        TensorAssert.Exact(Tensor.FromArray(new float[,] { { 1 }, { 2 } }, d).BroadcastTo([2, 2, 2]), [2, 2, 2], 1, 1, 2, 2, 1, 1, 2, 2);
        var same = X(d);
        Assert.Same(same, same.BroadcastTo([2, 3]));
        Assert.Throws<ShapeException>(() => X(d).BroadcastTo([3]));     // cannot drop axes
        Assert.Throws<ShapeException>(() => X(d).BroadcastTo([4, 3]));  // 2 does not stretch to 4
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ConcatAlongTheFirstAxis(string device)
    {
        var d = Devices.Get(device);
        var y = Tensor.Concat([X(d), Tensor.FromArray(new float[,] { { 6, 7, 8 } }, d)]);
        TensorAssert.Exact(y, [3, 3], 0, 1, 2, 3, 4, 5, 6, 7, 8);
        TensorAssert.Exact(Tensor.Concat([Tensor.Arange(2, d), Tensor.Arange(3, d), Tensor.Arange(1, d)]), [6], 0, 1, 0, 1, 2, 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ConcatAlongTheSecondAxis(string device)
    {
        var d = Devices.Get(device);
        var right = Tensor.FromArray(new float[,] { { 10 }, { 20 } }, d);
        TensorAssert.Exact(Tensor.Concat([X(d), right], axis: 1), [2, 4], 0, 1, 2, 10, 3, 4, 5, 20);
        TensorAssert.Exact(Tensor.Concat([right, X(d)], axis: -1), [2, 4], 10, 0, 1, 2, 20, 3, 4, 5);
        // Middle axis of a rank-3 tensor.
        var y = Tensor.Concat([Cube(d), Cube(d) * -1], axis: 1);
        Assert.Equal([2, 6, 4], y.Shape);
        Assert.Equal(new float[] { -12, -13, -14, -15 }, y[1, 3].ToArray());
        Assert.Equal(new float[] { 20, 21, 22, 23 }, y[1, 2].ToArray());
    }

    [Fact]
    public void ConcatNeedsMatchingShapes()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Concat([Tensor.Zeros([2, 3]), Tensor.Zeros([2, 4])], axis: 0));
        Assert.Contains("(2, 3), (2, 4)", e.Message);
        Assert.Contains("outside axis 0", e.Message);
        Assert.Throws<ShapeException>(() => Tensor.Concat([Tensor.Zeros([2, 3]), Tensor.Zeros([6])]));
        Assert.Throws<ArgumentException>(() => Tensor.Concat([]));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void StackAddsANewAxis(string device)
    {
        var d = Devices.Get(device);
        var a = Tensor.FromArray(new float[] { 1, 2 }, d);
        var b = Tensor.FromArray(new float[] { 3, 4 }, d);
        TensorAssert.Exact(Tensor.Stack([a, b]), [2, 2], 1, 2, 3, 4);
        TensorAssert.Exact(Tensor.Stack([a, b], axis: 1), [2, 2], 1, 3, 2, 4);
        TensorAssert.Exact(Tensor.Stack([a, b, a], axis: -1), [2, 3], 1, 3, 1, 2, 4, 2);
        Assert.Equal([2, 2, 3], Tensor.Stack([X(d), X(d)]).Shape);
        Assert.Equal([2, 3, 2], Tensor.Stack([X(d), X(d)], axis: 2).Shape);
        var e = Assert.Throws<ShapeException>(() => Tensor.Stack([a, X(d)]));
        Assert.Contains("(2,), (2, 3)", e.Message);
    }
}
