using System.Numerics.Tensors;
using System.Runtime.Intrinsics.X86;
using CourseKit.Backends.Reference;

namespace CourseKit.Backends.Cpu;

/// <summary>
/// The fast CPU backend. It is the <see cref="ReferenceBackend"/> with the primitives that dominate training
/// replaced: SIMD elementwise math (<see cref="TensorPrimitives"/>), broadcasting done a contiguous row at a time,
/// reductions over rows, a cache-blocked packed GEMM (<see cref="PackedGemm"/>), and large jobs split across all
/// cores. Anything rare falls through to the reference loops, so both backends always agree.
/// </summary>
internal sealed partial class CpuBackend : ReferenceBackend
{
    /// <summary>Below this many elements a job runs on one core (threads cost more than they save).</summary>
    private const int ParallelThreshold = 1 << 16;

    public override string Name => "cpu";

    /// <summary>The widest SIMD instruction set the kernels use on this machine.</summary>
    public static string InstructionSet =>
        Avx512F.IsSupported ? "AVX-512" : Fma.IsSupported ? "AVX2+FMA" : System.Numerics.Vector.IsHardwareAccelerated ? "SIMD" : "scalar";

    public override void Fill(DeviceBuffer buffer, float value) => Host(buffer).AsSpan().Fill(value);

    public override void Unary(UnaryOp op, DeviceBuffer x, DeviceBuffer y, float a = 0, float b = 0)
    {
        float[] xs = Host(x), ys = Host(y);
        if (!HasFastUnary(op)) { base.Unary(op, x, y, a, b); return; }
        InChunks(xs.Length, (start, length) => FastUnary(op, xs.AsSpan(start, length), ys.AsSpan(start, length), a, b));
    }

    private static bool HasFastUnary(UnaryOp op) => op is not (UnaryOp.Sign or UnaryOp.Erf or UnaryOp.Softplus or UnaryOp.Heaviside);

    private static void FastUnary(UnaryOp op, ReadOnlySpan<float> x, Span<float> y, float a, float b)
    {
        switch (op)
        {
            case UnaryOp.Neg: TensorPrimitives.Negate(x, y); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(x, y); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(x, y); break;
            case UnaryOp.Log: TensorPrimitives.Log(x, y); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(x, y); break;
            case UnaryOp.Sigmoid: TensorPrimitives.Sigmoid(x, y); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(x, y); break;
            case UnaryOp.Sin: TensorPrimitives.Sin(x, y); break;
            case UnaryOp.Cos: TensorPrimitives.Cos(x, y); break;
            // MaxNumber, not Max: relu(NaN) is 0 as Scalar.Apply defines it (Max would propagate the NaN).
            case UnaryOp.Relu: TensorPrimitives.Max(x, 0f, y); break;
            case UnaryOp.Affine: TensorPrimitives.Multiply(x, a, y); TensorPrimitives.Add(y, b, y); break;
            // The exponents Scalar.Power computes exactly get the same formulas here, so that both backends agree
            // (Pow(−∞, 0.5) is +∞ but √−∞ is NaN; x·x·x differs from pow(x, 3) in the last bit).
            case UnaryOp.Pow when a == 2f: TensorPrimitives.Multiply(x, x, y); break;
            case UnaryOp.Pow when a == 1f: x.CopyTo(y); break;
            case UnaryOp.Pow when a == 3f: TensorPrimitives.Multiply(x, x, y); TensorPrimitives.Multiply(y, x, y); break;
            case UnaryOp.Pow when a == -1f: TensorPrimitives.Divide(1f, x, y); break;
            case UnaryOp.Pow when a == 0.5f: TensorPrimitives.Sqrt(x, y); break;
            case UnaryOp.Pow: TensorPrimitives.Pow(x, a, y); break;
            case UnaryOp.Clip: TensorPrimitives.Max(x, a, y); TensorPrimitives.Min(y, b, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    public override void Binary(BinaryOp op, DeviceBuffer a, Layout aLayout, DeviceBuffer b, Layout bLayout, DeviceBuffer y, int[] shape)
    {
        int row = shape.Length == 0 ? 1 : shape[^1];
        bool rowsReadable = shape.Length == 0 || (IsUnitOrZero(aLayout.Strides[^1]) && IsUnitOrZero(bLayout.Strides[^1]));
        if (!rowsReadable || row < 8 || op == BinaryOp.Pow) { base.Binary(op, a, aLayout, b, bLayout, y, shape); return; }

        float[] av = Host(a), bv = Host(b), yv = Host(y);
        bool aRow = aLayout.Strides[^1] == 1, bRow = bLayout.Strides[^1] == 1; // else 0: one number repeated along the row
        RowStarts aStarts = new(shape, aLayout), bStarts = new(shape, bLayout);
        ForRows(yv.Length / row, row, r =>
        {
            int first = r * row;
            Span<float> dst = yv.AsSpan(first, row);
            int ao = aStarts.Of(first), bo = bStarts.Of(first);
            if (aRow && bRow) RowOp(op, av.AsSpan(ao, row), bv.AsSpan(bo, row), dst);
            else if (aRow) RowOp(op, av.AsSpan(ao, row), bv[bo], dst);
            else if (bRow) RowOp(op, av[ao], bv.AsSpan(bo, row), dst);
            else dst.Fill(Scalar.Apply(op, av[ao], bv[bo]));
        });
    }

    private static bool IsUnitOrZero(int stride) => stride is 0 or 1;

    private static void RowOp(BinaryOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, d); break;
            case BinaryOp.Sub: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Mul: TensorPrimitives.Multiply(x, y, d); break;
            case BinaryOp.Div: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Max: TensorPrimitives.Max(x, y, d); break;
            case BinaryOp.Min: TensorPrimitives.Min(x, y, d); break;
            default: Compare(op, x, y, broadcastY: false, d); break;
        }
    }

    private static void RowOp(BinaryOp op, ReadOnlySpan<float> x, float y, Span<float> d)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, d); break;
            case BinaryOp.Sub: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Mul: TensorPrimitives.Multiply(x, y, d); break;
            case BinaryOp.Div: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Max: TensorPrimitives.Max(x, y, d); break;
            case BinaryOp.Min: TensorPrimitives.Min(x, y, d); break;
            default: Compare(op, x, [y], broadcastY: true, d); break;
        }
    }

    private static void RowOp(BinaryOp op, float x, ReadOnlySpan<float> y, Span<float> d)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(y, x, d); break;
            case BinaryOp.Sub: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Mul: TensorPrimitives.Multiply(y, x, d); break;
            case BinaryOp.Div: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Max: TensorPrimitives.Max(y, x, d); break;
            case BinaryOp.Min: TensorPrimitives.Min(y, x, d); break;
            default: Compare(Mirror(op), y, [x], broadcastY: true, d); break;
        }
    }

    /// <summary>Comparison masks (1 or 0) a SIMD vector at a time; y is a row or, when <paramref name="broadcastY"/>, one number.</summary>
    private static void Compare(BinaryOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, bool broadcastY, Span<float> d)
    {
        int i = 0, width = System.Numerics.Vector<float>.Count;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var one = System.Numerics.Vector<float>.One;
            var scalar = new System.Numerics.Vector<float>(y[0]);
            for (; i <= d.Length - width; i += width)
            {
                var a = new System.Numerics.Vector<float>(x[i..]);
                var b = broadcastY ? scalar : new System.Numerics.Vector<float>(y[i..]);
                var mask = op switch
                {
                    BinaryOp.Greater => System.Numerics.Vector.GreaterThan(a, b),
                    BinaryOp.GreaterEqual => System.Numerics.Vector.GreaterThanOrEqual(a, b),
                    BinaryOp.Less => System.Numerics.Vector.LessThan(a, b),
                    BinaryOp.LessEqual => System.Numerics.Vector.LessThanOrEqual(a, b),
                    BinaryOp.Equal => System.Numerics.Vector.Equals(a, b),
                    BinaryOp.NotEqual => ~System.Numerics.Vector.Equals(a, b),
                    _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
                };
                System.Numerics.Vector.ConditionalSelect(mask, one, System.Numerics.Vector<float>.Zero).CopyTo(d[i..]);
            }
        }
        for (; i < d.Length; i++) d[i] = Scalar.Apply(op, x[i], broadcastY ? y[0] : y[i]);
    }

    /// <summary>The comparison with its operands swapped: a &gt; b is b &lt; a.</summary>
    private static BinaryOp Mirror(BinaryOp op) => op switch
    {
        BinaryOp.Greater => BinaryOp.Less,
        BinaryOp.Less => BinaryOp.Greater,
        BinaryOp.GreaterEqual => BinaryOp.LessEqual,
        BinaryOp.LessEqual => BinaryOp.GreaterEqual,
        _ => op,
    };

    public override void Where(DeviceBuffer cond, Layout condLayout, DeviceBuffer a, Layout aLayout, DeviceBuffer b, Layout bLayout,
                               DeviceBuffer y, int[] shape)
    {
        int row = shape.Length == 0 ? 1 : shape[^1];
        if (shape.Length == 0 || row < 8 || !IsUnitOrZero(condLayout.Strides[^1]) || !IsUnitOrZero(aLayout.Strides[^1]) || !IsUnitOrZero(bLayout.Strides[^1]))
        {
            base.Where(cond, condLayout, a, aLayout, b, bLayout, y, shape);
            return;
        }
        float[] cv = Host(cond), av = Host(a), bv = Host(b), yv = Host(y);
        int cs = condLayout.Strides[^1], @as = aLayout.Strides[^1], bs = bLayout.Strides[^1];
        RowStarts cStarts = new(shape, condLayout), aStarts = new(shape, aLayout), bStarts = new(shape, bLayout);
        ForRows(yv.Length / row, row, r =>
        {
            int first = r * row;
            int co = cStarts.Of(first), ao = aStarts.Of(first), bo = bStarts.Of(first);
            for (int i = 0; i < row; i++)
                yv[first + i] = cv[co + i * cs] != 0 ? av[ao + i * @as] : bv[bo + i * bs];
        });
    }

    public override void Copy(DeviceBuffer src, Layout srcLayout, DeviceBuffer dst, Layout dstLayout, int[] shape)
    {
        if (shape.Length == 0) { base.Copy(src, srcLayout, dst, dstLayout, shape); return; }
        float[] s = Host(src), d = Host(dst);
        int row = shape[^1], srcStep = srcLayout.Strides[^1], dstStep = dstLayout.Strides[^1];
        RowStarts srcStarts = new(shape, srcLayout), dstStarts = new(shape, dstLayout);
        ForRows(ShapeMath.Size(shape) / row, row, r =>
        {
            int from = srcStarts.Of(r * row), to = dstStarts.Of(r * row);
            if (srcStep == 1 && dstStep == 1) s.AsSpan(from, row).CopyTo(d.AsSpan(to, row));
            else if (srcStep == 0) d.AsSpan(to, row).Fill(s[from]);
            else for (int i = 0; i < row; i++) d[to + i * dstStep] = s[from + i * srcStep];
        });
    }

    public override void Reduce(ReduceOp op, DeviceBuffer x, int outer, int length, int inner, DeviceBuffer y)
    {
        float[] xv = Host(x), yv = Host(y);
        if (inner == 1)
        {
            ForRows(outer, length, o =>
            {
                var row = xv.AsSpan(o * length, length);
                yv[o] = op switch
                {
                    ReduceOp.Sum => TensorPrimitives.Sum(row),
                    ReduceOp.Max => TensorPrimitives.Max(row),
                    ReduceOp.Min => TensorPrimitives.Min(row),
                    ReduceOp.ArgMax => TensorPrimitives.IndexOfMax(row),
                    _ => TensorPrimitives.IndexOfMin(row),
                };
            });
        }
        else if (op is ReduceOp.Sum or ReduceOp.Max or ReduceOp.Min)
        {
            ForRows(outer, length * inner, o =>
            {
                var acc = yv.AsSpan(o * inner, inner);
                xv.AsSpan(o * length * inner, inner).CopyTo(acc);
                for (int j = 1; j < length; j++)
                {
                    var next = xv.AsSpan((o * length + j) * inner, inner);
                    if (op == ReduceOp.Sum) TensorPrimitives.Add(acc, next, acc);
                    else if (op == ReduceOp.Max) TensorPrimitives.Max(acc, next, acc);
                    else TensorPrimitives.Min(acc, next, acc);
                }
            });
        }
        else base.Reduce(op, x, outer, length, inner, y);
    }

    public override unsafe void Gemm(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, GemmShape s)
    {
        fixed (float* ap = Host(a), bp = Host(b), cp = Host(c))
        {
            int lda = s.TransA ? s.M : s.K, ldb = s.TransB ? s.K : s.N;
            for (int p = 0; p < s.Batch; p++)
                PackedGemm.Multiply(s.TransA, s.TransB, s.M, s.N, s.K,
                    ap + (long)p * s.StrideA, lda, bp + (long)p * s.StrideB, ldb, cp + (long)p * s.StrideC, s.N);
        }
    }

    /// <summary>Runs <paramref name="body"/>(start, length) over [0, total) in chunks, on all cores when the job is large.</summary>
    private static void InChunks(int total, Action<int, int> body)
    {
        if (total < ParallelThreshold) body(0, total);
        else CpuWorkers.Instance.For(total, body);
    }

    /// <summary>Runs <paramref name="body"/> for each of <paramref name="rows"/> rows of <paramref name="rowCost"/> elements,
    /// in parallel when the total work is large.</summary>
    internal static void ForRows(int rows, int rowCost, Action<int> body)
    {
        if ((long)rows * rowCost < ParallelThreshold || rows == 1)
        {
            for (int r = 0; r < rows; r++) body(r);
            return;
        }
        CpuWorkers.Instance.For(rows, (start, count) =>
        {
            for (int r = start; r < start + count; r++) body(r);
        });
    }
}
