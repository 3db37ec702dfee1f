using MathNet.Numerics.LinearAlgebra;

namespace CourseKit;

/// <summary>Conversions to and from MathNet.Numerics matrices and vectors, for students who already use that library.</summary>
public sealed partial class Tensor
{
    /// <summary>A (rows, columns) tensor with the matrix's numbers.</summary>
    public static Tensor FromMatrix(Matrix<float> matrix, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return FromData(matrix.ToRowMajorArray(), [matrix.RowCount, matrix.ColumnCount], device, requiresGrad);
    }

    /// <summary>A (rows, columns) tensor with the matrix's numbers, rounded to float32.</summary>
    public static Tensor FromMatrix(Matrix<double> matrix, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return FromData(matrix.ToRowMajorArray().Select(v => (float)v).ToArray(), [matrix.RowCount, matrix.ColumnCount], device, requiresGrad);
    }

    /// <summary>A rank-1 tensor with the vector's numbers.</summary>
    public static Tensor FromVector(Vector<float> vector, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return FromData(vector.ToArray(), [vector.Count], device, requiresGrad);
    }

    /// <summary>A rank-1 tensor with the vector's numbers, rounded to float32.</summary>
    public static Tensor FromVector(Vector<double> vector, Device? device = null, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return FromData(vector.Select(v => (float)v).ToArray(), [vector.Count], device, requiresGrad);
    }

    /// <summary>This matrix (rank 2) as a MathNet <c>Matrix&lt;float&gt;</c>.</summary>
    public Matrix<float> ToMatrix()
    {
        RequireRank(2, "ToMatrix");
        return Matrix<float>.Build.DenseOfRowMajor(_shape[0], _shape[1], ToArray());
    }

    /// <summary>This matrix (rank 2) as a MathNet <c>Matrix&lt;double&gt;</c>.</summary>
    public Matrix<double> ToDoubleMatrix()
    {
        RequireRank(2, "ToDoubleMatrix");
        return Matrix<double>.Build.DenseOfRowMajor(_shape[0], _shape[1], ToArray().Select(v => (double)v));
    }

    /// <summary>This vector (rank 1) as a MathNet <c>Vector&lt;float&gt;</c>.</summary>
    public Vector<float> ToVector()
    {
        RequireRank(1, "ToVector");
        return Vector<float>.Build.DenseOfArray(ToArray());
    }

    /// <summary>This vector (rank 1) as a MathNet <c>Vector&lt;double&gt;</c>.</summary>
    public Vector<double> ToDoubleVector()
    {
        RequireRank(1, "ToDoubleVector");
        return Vector<double>.Build.DenseOfEnumerable(ToArray().Select(v => (double)v));
    }

    private void RequireRank(int rank, string op)
    {
        if (Rank != rank)
            throw new ShapeException($"{op}: needs a rank-{rank} tensor, got shape {ShapeMath.Format(_shape)}; use Reshape or Flatten first.");
    }
}
