namespace CourseKit.Backends.Cpu;

/// <summary>
/// Where each row of an operand starts, for the row-at-a-time loops of <see cref="CpuBackend"/>. The layouts a
/// training step uses are contiguous (row r starts at r·length) or one row repeated for every row (a bias, a
/// per-channel scale), and those starts are a multiplication or a constant; only other broadcasts pay for the general
/// n-d index arithmetic of <see cref="Reference.ReferenceBackend.OffsetOf"/>.
/// </summary>
internal readonly struct RowStarts
{
    private enum Kind { Contiguous, Repeated, General }

    private readonly Kind _kind;
    private readonly int[] _shape;
    private readonly Layout _layout;

    public RowStarts(int[] shape, Layout layout)
    {
        _shape = shape;
        _layout = layout;
        _kind = IsContiguous(shape, layout) ? Kind.Contiguous : IsRepeated(shape, layout) ? Kind.Repeated : Kind.General;
    }

    /// <summary>The offset of the element at flat index <paramref name="first"/> (the first of a row) of the result.</summary>
    public int Of(int first) => _kind switch
    {
        Kind.Contiguous => _layout.Offset + first,
        Kind.Repeated => _layout.Offset,
        _ => Reference.ReferenceBackend.OffsetOf(first, _shape, _layout),
    };

    /// <summary>Row-major strides (axes of length 1 can have any stride: they are never stepped along).</summary>
    private static bool IsContiguous(int[] shape, Layout layout)
    {
        int expected = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] != 1 && layout.Strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /// <summary>Every axis but the last has stride 0 (or length 1): each row reads the same numbers.</summary>
    private static bool IsRepeated(int[] shape, Layout layout)
    {
        for (int d = 0; d < shape.Length - 1; d++)
            if (shape[d] != 1 && layout.Strides[d] != 0) return false;
        return true;
    }
}
