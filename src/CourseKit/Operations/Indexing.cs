using CourseKit.Backends;

namespace CourseKit;

/// <summary>
/// One entry of a tensor index: a position (<c>2</c>, <c>^1</c>, or NumPy-style <c>-1</c> for the last), which removes
/// that axis, or a range (<c>0..10</c>, <c>..</c>, <c>^5..</c>), which keeps it.
/// </summary>
public readonly struct TensorIndex
{
    private TensorIndex(Index? position, Range? range)
    {
        Position = position;
        Range = range;
    }

    internal Index? Position { get; }
    internal Range? Range { get; }

    public static implicit operator TensorIndex(int position) =>
        new(position < 0 ? Index.FromEnd(-position) : Index.FromStart(position), null);

    public static implicit operator TensorIndex(Index position) => new(position, null);

    public static implicit operator TensorIndex(Range range) => new(null, range);

    public override string ToString() => Position?.ToString() ?? Range.ToString()!;
}

public sealed partial class Tensor
{
    /// <summary>
    /// Slicing with C# indices and ranges, one per leading axis: <c>x[0]</c> (first row), <c>x[.., 1]</c> (second column),
    /// <c>x[0..10]</c> (first ten rows), <c>x[^1]</c> or <c>x[-1]</c> (last row). Ranges past the end are cut short like
    /// NumPy's. The result is a copy; gradients flow back into the selected positions.
    /// </summary>
    [System.Runtime.CompilerServices.IndexerName("Slice")]
    public Tensor this[params TensorIndex[] indices]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(indices);
            if (indices.Length > Rank)
                throw new ShapeException($"Indexing: {indices.Length} indices given for a tensor of shape {ShapeMath.Format(_shape)}, which has only {Rank} axes.");
            var strides = Layout.Contiguous(_shape).Strides;
            int offset = 0;
            var shape = new List<int>();
            var viewStrides = new List<int>();
            var regionShape = (int[])_shape.Clone();
            for (int d = 0; d < Rank; d++)
            {
                var (start, length, keep) = d < indices.Length ? Resolve(indices[d], d) : (0, _shape[d], true);
                offset += start * strides[d];
                regionShape[d] = length;
                if (!keep) continue;
                shape.Add(length);
                viewStrides.Add(strides[d]);
            }
            var view = new Layout(offset, [.. viewStrides]);
            var resultShape = shape.ToArray();
            var y = NewResult(resultShape);
            Backend.Copy(Buffer, view, y.Buffer, Layout.Contiguous(resultShape), resultShape);
            return Record(y, "slice", [this], g =>
            {
                var dx = ZerosLike(this);
                Backend.Copy(g.Buffer, Layout.Contiguous(resultShape), dx.Buffer, view, resultShape);
                return [dx];
            });
        }
    }

    private (int Start, int Length, bool Keep) Resolve(TensorIndex index, int axis)
    {
        int size = _shape[axis];
        if (index.Position is Index p)
        {
            int at = p.GetOffset(size);
            if (at < 0 || at >= size)
                throw new IndexOutOfRangeException($"Index {(p.IsFromEnd ? "^" + p.Value : p.Value.ToString())} is out of range for axis {axis} with size {size} " +
                                                   $"(tensor shape {ShapeMath.Format(_shape)}); valid positions are 0 … {size - 1}.");
            return (at, 1, false);
        }
        var r = index.Range!.Value;
        int start = Math.Clamp(r.Start.IsFromEnd ? size - r.Start.Value : r.Start.Value, 0, size);
        int end = Math.Clamp(r.End.IsFromEnd ? size - r.End.Value : r.End.Value, 0, size);
        if (end <= start)
            throw new ShapeException($"Indexing: the range {r} selects no elements of axis {axis} (size {size}, tensor shape {ShapeMath.Format(_shape)}).");
        return (start, end - start, true);
    }

    /// <summary>Positions <paramref name="start"/> … start+length−1 along one axis (no graph; used by gradients).</summary>
    internal Tensor SliceAxis(int axis, int start, int length)
    {
        var index = Enumerable.Range(0, Rank).Select(d => d == axis ? (TensorIndex)(start..(start + length)) : (TensorIndex)Range.All).ToArray();
        return this[index];
    }

    /// <summary>
    /// Picks the slices at the given positions along <paramref name="axis"/>, in that order, repeats allowed
    /// (like <c>np.take</c>; e.g. a shuffled mini-batch <c>x.Take(batchIndices)</c>). The gradient is added back at those positions.
    /// </summary>
    public Tensor Take(Tensor indices, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(indices);
        SameDevice("Take", this, indices);
        int a = ShapeMath.Axis(axis, Rank, "Take");
        int size = _shape[a];
        var positions = indices.ToArray();
        for (int i = 0; i < positions.Length; i++)
            if (positions[i] != MathF.Floor(positions[i]) || positions[i] < 0 || positions[i] >= size)
                throw new IndexOutOfRangeException($"Take: index {positions[i]} (at position {i}) is not a whole number in 0 … {size - 1}, the range of axis {axis} of shape {ShapeMath.Format(_shape)}.");
        int outer = ShapeMath.Size(_shape.AsSpan(0, a)), inner = ShapeMath.Size(_shape.AsSpan(a + 1));
        int[] shape = [.. _shape[..a], .. indices._shape, .. _shape[(a + 1)..]];
        var y = NewResult(shape);
        Backend.Gather(Buffer, outer, size, inner, indices.Buffer, indices.Size, y.Buffer);
        return Record(y, "take", [this], g =>
        {
            var dx = ZerosLike(this);
            Backend.ScatterAdd(g.Buffer, outer, size, inner, indices.Buffer, indices.Size, dx.Buffer);
            return [dx];
        });
    }

    /// <summary>Positions given as C# integers.</summary>
    public Tensor Take(int[] indices, int axis = 0) =>
        Take(FromData(indices.Select(i => (float)i).ToArray(), [indices.Length], Device), axis);
}
