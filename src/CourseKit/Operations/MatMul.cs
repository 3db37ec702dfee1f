using CourseKit.Backends;

namespace CourseKit;

/// <summary>The matrix product, the workhorse of every dense layer.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product with NumPy's rules: (m, k)·(k, n) → (m, n); leading axes are batch axes and broadcast
    /// ((b, m, k)·(k, n) applies one matrix to every item); a vector operand is treated as a row (first) or column (second).
    /// ∂/∂A = G·Bᵀ and ∂/∂B = Aᵀ·G (each computed only when that operand needs a gradient: data needs none).
    /// </summary>
    public Tensor MatMul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        SameDevice("MatMul", this, other);
        if (Rank == 0 || other.Rank == 0)
            throw new ShapeException($"MatMul: {ShapeMath.Format(_shape)} · {ShapeMath.Format(other._shape)} — a scalar has no rows or columns; use * to scale a tensor.");
        CheckInnerDimensions(other);
        if (Rank == 1 && other.Rank == 1) return Reshape(1, Size).MatMul(other.Reshape(other.Size, 1)).Reshape();
        if (Rank == 1) return Reshape(1, Size).MatMul(other).Squeeze(-2);
        if (other.Rank == 1) return MatMul(other.Reshape(other.Size, 1)).Squeeze(-1);

        int m = _shape[^2], k = _shape[^1], n = other._shape[^1];
        if (other.Rank == 2)
        {
            // Every row of every batch item meets the same matrix: one big product of (rows, k)·(k, n).
            int rows = Size / k;
            var y = Product(this, false, other, false, 1, rows, n, k, [.. _shape[..^1], n]);
            return Record(y, "matmul", [this, other], g =>
            [
                RequiresGrad ? Product(g, false, other, true, 1, rows, k, n, _shape) : null,
                other.RequiresGrad ? Product(this, true, g, false, 1, k, n, rows, other._shape) : null,
            ]);
        }

        var batchShape = ShapeMath.Broadcast(_shape[..^2], other._shape[..^2], "MatMul (batch axes)");
        var a = BroadcastTo([.. batchShape, m, k]);
        var b = other.BroadcastTo([.. batchShape, k, n]);
        int batch = ShapeMath.Size(batchShape);
        var result = Product(a, false, b, false, batch, m, n, k, [.. batchShape, m, n]);
        return Record(result, "matmul", [a, b], g =>
        [
            a.RequiresGrad ? Product(g, false, b, true, batch, m, k, n, a._shape) : null,
            b.RequiresGrad ? Product(a, true, g, false, batch, k, n, m, b._shape) : null,
        ]);
    }

    /// <summary>One backend GEMM call: (batch of) op(a)·op(b) with op(a) m×k and op(b) k×n (no graph).</summary>
    private static Tensor Product(Tensor a, bool transA, Tensor b, bool transB, int batch, int m, int n, int k, int[] shape)
    {
        var y = a.NewResult(shape);
        a.Backend.Gemm(a.Buffer, b.Buffer, y.Buffer,
            new GemmShape(batch, m, n, k, transA, transB, batch == 1 ? 0 : m * k, batch == 1 ? 0 : k * n, m * n));
        return y;
    }

    /// <summary>Checks that the columns of the first operand meet the rows of the second, in the shapes the student wrote.</summary>
    private void CheckInnerDimensions(Tensor other)
    {
        int k1 = _shape[^1], k2 = other.Rank == 1 ? other._shape[0] : other._shape[^2];
        if (k1 == k2) return;
        string pair = $"{ShapeMath.Format(_shape)} · {ShapeMath.Format(other._shape)}";
        bool firstTransposedFits = Rank >= 2 && _shape[^2] == k2;
        bool secondTransposedFits = other.Rank >= 2 && k1 == other._shape[^1];
        string hint = (firstTransposedFits, secondTransposedFits) switch
        {
            (true, _) => $"; did you mean W.Transpose()? Transposing the first operand gives {ShapeMath.Format([.. _shape[..^2], k1, _shape[^2]])} · {ShapeMath.Format(other._shape)}, which fits.",
            (_, true) => $"; did you mean W.Transpose()? Transposing the second operand gives {ShapeMath.Format(_shape)} · {ShapeMath.Format([.. other._shape[..^2], other._shape[^1], k2])}, which fits.",
            _ => ". The number of columns of the first operand must equal the number of rows of the second.",
        };
        throw new ShapeException($"MatMul: {pair} — inner dimensions {k1} and {k2} differ{hint}");
    }
}
