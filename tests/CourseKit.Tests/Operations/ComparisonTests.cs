using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Operations;

/// <summary>Comparisons give 0/1 masks; Where picks elementwise by a mask.</summary>
public class ComparisonTests
{
    private static Tensor V(Device d, params float[] v) => Tensor.FromArray(v, d);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ComparingTwoTensors(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, 1, 2, 3);
        var y = V(d, 3, 2, 1);
        TensorAssert.Exact(x.Greater(y), [3], 0, 0, 1);
        TensorAssert.Exact(x.GreaterEqual(y), [3], 0, 1, 1);
        TensorAssert.Exact(x.Less(y), [3], 1, 0, 0);
        TensorAssert.Exact(x.LessEqual(y), [3], 1, 1, 0);
        TensorAssert.Exact(x.Equal(y), [3], 0, 1, 0);
        TensorAssert.Exact(x.NotEqual(y), [3], 1, 0, 1);
        TensorAssert.Exact(x > y, [3], 0, 0, 1);
        TensorAssert.Exact(x >= y, [3], 0, 1, 1);
        TensorAssert.Exact(x < y, [3], 1, 0, 0);
        TensorAssert.Exact(x <= y, [3], 1, 1, 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ComparingWithANumber(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, -1, 0, 1.5f, 2);
        TensorAssert.Exact(x > 0, [4], 0, 0, 1, 1);
        TensorAssert.Exact(x >= 0, [4], 0, 1, 1, 1);
        TensorAssert.Exact(x < 1.5f, [4], 1, 1, 0, 0);
        TensorAssert.Exact(x <= 1.5f, [4], 1, 1, 1, 0);
        TensorAssert.Exact(x.Equal(2), [4], 0, 0, 0, 1);
        TensorAssert.Exact(x.NotEqual(2), [4], 1, 1, 1, 0);
        TensorAssert.Exact(x.Greater(1), [4], 0, 0, 1, 1);
        TensorAssert.Exact(x.GreaterEqual(2), [4], 0, 0, 0, 1);
        TensorAssert.Exact(x.Less(0), [4], 1, 0, 0, 0);
        TensorAssert.Exact(x.LessEqual(-1), [4], 1, 0, 0, 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ComparisonsBroadcast(string device)
    {
        var d = Devices.Get(device);
        // (2, 1) > (3,): [[1 > 0, 1 > 1, 1 > 2], [2 > 0, 2 > 1, 2 > 2]]
        var mask = Tensor.FromArray(new float[,] { { 1 }, { 2 } }, d) > V(d, 0, 1, 2);
        TensorAssert.Exact(mask, [2, 3], 1, 0, 0, 1, 1, 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MasksCountAndCarryNoGradient(string device)
    {
        var d = Devices.Get(device);
        var x = Tensor.FromArray(new float[] { -2, 3, 5, -1 }, d, requiresGrad: true);
        var positive = x > 0;
        Assert.False(positive.RequiresGrad);
        Assert.Equal(2f, positive.Sum().Item()); // accuracy-style counting
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void WherePicksByMask(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, -2, 3, -1, 4);
        TensorAssert.Exact(Tensor.Where(x > 0, x, -x), [4], 2, 3, 1, 4);             // |x|
        TensorAssert.Exact(Tensor.Where(x > 0, x, 0f), [4], 0, 3, 0, 4);             // relu
        TensorAssert.Exact(Tensor.Where(x > 0, 1f, x), [4], -2, 1, -1, 1);
        TensorAssert.Exact(Tensor.Where(x > 0, 1f, -1f), [4], -1, 1, -1, 1);         // sign
        // Any non-zero condition counts as true.
        TensorAssert.Exact(Tensor.Where(V(d, 0, 0.5f, -3, 0), V(d, 1, 1, 1, 1), V(d, 9, 9, 9, 9)), [4], 9, 1, 1, 9);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void WhereBroadcastsAllThreeOperands(string device)
    {
        var d = Devices.Get(device);
        // condition (2, 1), a (3,), b scalar → (2, 3)
        var y = Tensor.Where(Tensor.FromArray(new float[,] { { 1 }, { 0 } }, d), V(d, 1, 2, 3), Tensor.Scalar(-1, d));
        TensorAssert.Exact(y, [2, 3], 1, 2, 3, -1, -1, -1);
        // condition (3,), a (2, 1), b (2, 3)
        var z = Tensor.Where(V(d, 1, 0, 1), Tensor.FromArray(new float[,] { { 10 }, { 20 } }, d), Tensor.Zeros([2, 3], d));
        TensorAssert.Exact(z, [2, 3], 10, 0, 10, 20, 0, 20);
    }
}
