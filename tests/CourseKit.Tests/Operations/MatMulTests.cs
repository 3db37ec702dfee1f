using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Operations;

/// <summary>The matrix product with NumPy's rules: 2-D, batched, broadcast batches and vector operands.</summary>
public class MatMulTests
{
    // A = [[1, 2, 3], [4, 5, 6]], B = [[7, 8], [9, 10], [11, 12]]; A·B = [[58, 64], [139, 154]].
    private static Tensor A(Device d) => Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, d);
    private static Tensor B(Device d) => Tensor.FromArray(new float[,] { { 7, 8 }, { 9, 10 }, { 11, 12 } }, d);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TwoMatrices(string device)
    {
        var d = Devices.Get(device);
        TensorAssert.Exact(A(d).MatMul(B(d)), [2, 2], 58, 64, 139, 154);
        // Bᵀ·Aᵀ = (A·B)ᵀ
        TensorAssert.Exact(B(d).T.MatMul(A(d).T), [2, 2], 58, 139, 64, 154);
        TensorAssert.Exact(B(d).MatMul(A(d)), [3, 3], 39, 54, 69, 49, 68, 87, 59, 82, 105);
        TensorAssert.Exact(A(d).MatMul(Tensor.Eye(3, device: d)), [2, 3], 1, 2, 3, 4, 5, 6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BatchTimesMatrixAppliesTheMatrixToEveryItem(string device)
    {
        var d = Devices.Get(device);
        // Item 0 is A, item 1 picks the first two rows of B.
        var batch = Tensor.FromData([1, 2, 3, 4, 5, 6, 1, 0, 0, 0, 1, 0], [2, 2, 3], d);
        TensorAssert.Exact(batch.MatMul(B(d)), [2, 2, 2], 58, 64, 139, 154, 7, 8, 9, 10);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BatchTimesBatchMultipliesItemByItem(string device)
    {
        var d = Devices.Get(device);
        var left = Tensor.FromData([1, 2, 3, 4, 5, 6, 1, 0, 0, 0, 1, 0], [2, 2, 3], d);
        var right = Tensor.Stack([B(d), B(d) * 2]); // (2, 3, 2)
        TensorAssert.Exact(left.MatMul(right), [2, 2, 2], 58, 64, 139, 154, 14, 16, 18, 20);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BatchAxesBroadcast(string device)
    {
        var d = Devices.Get(device);
        // (1, 2, 3)·(4, 3, 2) → (4, 2, 2): item i is A·((i + 1)·B) = (i + 1)·[[58, 64], [139, 154]].
        var right = Tensor.Stack([B(d), B(d) * 2, B(d) * 3, B(d) * 4]);
        var y = A(d).Reshape(1, 2, 3).MatMul(right);
        var expected = Enumerable.Range(1, 4).SelectMany(i => new float[] { 58 * i, 64 * i, 139 * i, 154 * i }).ToArray();
        TensorAssert.Exact(y, [4, 2, 2], expected);
        // A plain matrix on the left broadcasts the same way.
        TensorAssert.Exact(A(d).MatMul(right), [4, 2, 2], expected);
        // (2, 1, 2, 3)·(3, 3, 2) → (2, 3, 2, 2)
        var four = Tensor.Stack([A(d), A(d) * -1]).Reshape(2, 1, 2, 3);
        var y4 = four.MatMul(Tensor.Stack([B(d), B(d), B(d)]));
        Assert.Equal([2, 3, 2, 2], y4.Shape);
        Assert.Equal(new float[] { -58, -64, -139, -154 }, y4[1, 2].ToArray());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void VectorOperands(string device)
    {
        var d = Devices.Get(device);
        var v = Tensor.FromArray(new float[] { 1, 2, 3 }, d);
        TensorAssert.Exact(v.MatMul(Tensor.FromArray(new float[] { 4, 5, 6 }, d)), [], 32);      // dot product
        TensorAssert.Exact(v.MatMul(B(d)), [2], 58, 64);                                          // row vector · matrix
        TensorAssert.Exact(A(d).MatMul(Tensor.FromArray(new float[] { 1, 0, -1 }, d)), [2], -2, -2); // matrix · column vector
        // vector · batch → (2, 2): the column sums of B and of 2B.
        TensorAssert.Exact(Tensor.Ones([3], d).MatMul(Tensor.Stack([B(d), B(d) * 2])), [2, 2], 27, 30, 54, 60);
        // batch · vector → (2, 2): row sums.
        TensorAssert.Exact(Tensor.FromData([1, 2, 3, 4, 5, 6, 1, 0, 0, 0, 1, 0], [2, 2, 3], d).MatMul(Tensor.Ones([3], d)), [2, 2], 6, 15, 1, 1);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void LargerProductsMatchANaiveDoubleLoop(string device)
    {
        var d = Devices.Get(device);
        foreach (var (m, k, n) in new[] { (1, 1, 1), (5, 7, 3), (17, 33, 9), (64, 64, 64), (130, 257, 70) })
        {
            var a = TensorAssert.RandomArray(m * k, seed: m + k);
            var b = TensorAssert.RandomArray(k * n, seed: k + n + 1);
            var expected = new double[m * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    for (int l = 0; l < k; l++)
                        expected[i * n + j] += (double)a[i * k + l] * b[l * n + j];
            var y = Tensor.FromData(a, [m, k], d).MatMul(Tensor.FromData(b, [k, n], d));
            Assert.Equal([m, n], y.Shape);
            TensorAssert.Close(expected, y.ToArray(), 1e-4);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ScalarsAreRejected(string device)
    {
        var d = Devices.Get(device);
        var e = Assert.Throws<ShapeException>(() => Tensor.Scalar(2, d).MatMul(A(d)));
        Assert.Contains("use * to scale", e.Message);
    }
}
