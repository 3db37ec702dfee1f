using MathNet.Numerics.LinearAlgebra;

namespace CourseKit.Tests.Tensors;

/// <summary>Round trips between tensors and MathNet.Numerics matrices and vectors.</summary>
public class MathNetTests
{
    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FloatMatrixRoundTrip(string device)
    {
        var m = Matrix<float>.Build.DenseOfArray(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var t = Tensor.FromMatrix(m, Devices.Get(device), requiresGrad: true);
        TensorAssert.Exact(t, [3, 2], 1, 2, 3, 4, 5, 6); // row-major, although MathNet stores columns
        Assert.True(t.RequiresGrad);
        Assert.Equal(Devices.Get(device), t.Device);
        var back = t.ToMatrix();
        Assert.Equal(3, back.RowCount);
        Assert.Equal(2, back.ColumnCount);
        Assert.Equal(m, back);
        Assert.Equal(6f, back[2, 1]);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void DoubleMatrixRoundTrip(string device)
    {
        var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.5, -1, 2 }, { 3, 4.25, -6 } });
        var t = Tensor.FromMatrix(m, Devices.Get(device));
        TensorAssert.Exact(t, [2, 3], 0.5f, -1, 2, 3, 4.25f, -6);
        Assert.Equal(m, t.ToDoubleMatrix());
        // Doubles are rounded to float32 on the way in.
        var third = Tensor.FromMatrix(Matrix<double>.Build.Dense(1, 1, 1.0 / 3), Devices.Get(device));
        Assert.Equal((double)(1f / 3), third.ToDoubleMatrix()[0, 0]);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void VectorRoundTrips(string device)
    {
        var d = Devices.Get(device);
        var vf = Vector<float>.Build.DenseOfArray([1, -2, 3]);
        var tf = Tensor.FromVector(vf, d);
        TensorAssert.Exact(tf, [3], 1, -2, 3);
        Assert.Equal(vf, tf.ToVector());

        var vd = Vector<double>.Build.DenseOfArray([0.25, 8]);
        var td = Tensor.FromVector(vd, d);
        TensorAssert.Exact(td, [2], 0.25f, 8);
        Assert.Equal(vd, td.ToDoubleVector());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ConversionsWorkOnComputedTensors(string device)
    {
        var d = Devices.Get(device);
        var a = Tensor.FromMatrix(Matrix<float>.Build.DenseOfArray(new float[,] { { 1, 2 }, { 3, 4 } }), d);
        // (A·Aᵀ) computed by CourseKit agrees with MathNet's own product.
        var product = a.MatMul(a.T).ToMatrix();
        var expected = a.ToMatrix() * a.ToMatrix().Transpose();
        Assert.Equal(expected, product); // [[5, 11], [11, 25]]
        Assert.Equal(25f, product[1, 1]);
    }

    [Fact]
    public void WrongRanksExplain()
    {
        var e = Assert.Throws<ShapeException>(() => Tensor.Zeros([2, 2, 2]).ToMatrix());
        Assert.Contains("ToMatrix", e.Message);
        Assert.Contains("rank-2", e.Message);
        Assert.Contains("(2, 2, 2)", e.Message);
        Assert.Contains("rank-1", Assert.Throws<ShapeException>(() => Tensor.Zeros([2, 2]).ToVector()).Message);
        Assert.Throws<ShapeException>(() => Tensor.Zeros([3]).ToDoubleMatrix());
        Assert.Throws<ShapeException>(() => Tensor.Scalar(1).ToDoubleVector());
    }

    [Fact]
    public void NaNInAMatrixIsRejected()
    {
        var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, double.NaN } });
        Assert.Contains("[1, 1]", Assert.Throws<ArgumentException>(() => Tensor.FromMatrix(m)).Message);
    }
}
