using CourseKit.Backends;

namespace CourseKit;

/// <summary>Operations that move numbers around without changing them: reshape, transpose, broadcast, concatenate.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// The same numbers in a new shape with the same number of elements; one axis may be −1 to be inferred
    /// (<c>x.Reshape(-1, 784)</c>). Shares memory with this tensor. The gradient is reshaped back.
    /// </summary>
    public Tensor Reshape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var target = InferShape(shape);
        var y = new Tensor(Buffer, target, Device);
        return Record(y, "reshape", [this], g => [g.Reshape(_shape)]);
    }

    private int[] InferShape(int[] shape)
    {
        var target = (int[])shape.Clone();
        int unknown = Array.IndexOf(target, -1);
        if (Array.LastIndexOf(target, -1) != unknown)
            throw new ShapeException($"Reshape: {ShapeMath.Format(shape)} has more than one −1; only one axis can be inferred.");
        if (target.Any(d => d == 0 || d < -1))
            throw new ShapeException($"Reshape: {ShapeMath.Format(shape)} has an axis of size {target.First(d => d == 0 || d < -1)}; sizes must be positive (or −1 to infer one).");
        if (unknown >= 0)
        {
            int known = ShapeMath.Size(target.Where(d => d != -1).ToArray());
            if (Size % known != 0)
                throw new ShapeException($"Reshape: cannot reshape {ShapeMath.Format(_shape)} ({Size} elements) into {ShapeMath.Format(shape)}: {Size} is not a multiple of {known}.");
            target[unknown] = Size / known;
        }
        if (ShapeMath.Size(target) != Size)
            throw new ShapeException($"Reshape: cannot reshape {ShapeMath.Format(_shape)} ({Size} elements) into {ShapeMath.Format(target)} ({ShapeMath.Size(target)} elements); " +
                                     "the number of elements must stay the same (use −1 for one axis to have it computed).");
        return target;
    }

    /// <summary>
    /// Joins the axes from <paramref name="startAxis"/> on into one: <c>Flatten()</c> gives a vector; <c>Flatten(1)</c> keeps the
    /// batch axis, turning (n, 28, 28) images into (n, 784) rows, as Keras's Flatten layer does.
    /// </summary>
    public Tensor Flatten(int startAxis = 0)
    {
        if (Rank == 0) return Reshape(1);
        int start = ShapeMath.Axis(startAxis, Rank, "Flatten");
        return Reshape([.. _shape[..start], -1]);
    }

    /// <summary>Reverses the axes; for a matrix, rows become columns (Wᵀ).</summary>
    public Tensor Transpose() => Permute(Enumerable.Range(0, Rank).Reverse().ToArray());

    /// <summary>Reorders the axes: axis i of the result is axis <paramref name="axes"/>[i] of this tensor (like <c>np.transpose(x, axes)</c>).</summary>
    public Tensor Transpose(params int[] axes) => Permute(axes);

    /// <summary>Short for <see cref="Transpose()"/>, as NumPy's <c>.T</c>.</summary>
    public Tensor T => Transpose();

    /// <summary>Reorders the axes: axis i of the result is axis <paramref name="axes"/>[i] of this tensor. The gradient is permuted back.</summary>
    public Tensor Permute(params int[] axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var normalized = axes.Select(a => ShapeMath.Axis(a, Rank, "Permute")).ToArray();
        if (axes.Length != Rank || normalized.Distinct().Count() != Rank)
            throw new ShapeException($"Permute: [{string.Join(", ", axes)}] is not an ordering of the {Rank} axes of a tensor of shape {ShapeMath.Format(_shape)}; " +
                                     $"name each of 0 … {Rank - 1} exactly once.");
        var shape = normalized.Select(a => _shape[a]).ToArray();
        var own = Layout.Contiguous(_shape).Strides;
        var y = NewResult(shape);
        Backend.Copy(Buffer, new Layout(0, normalized.Select(a => own[a]).ToArray()), y.Buffer, Layout.Contiguous(shape), shape);
        var inverse = new int[Rank];
        for (int i = 0; i < Rank; i++) inverse[normalized[i]] = i;
        return Record(y, "permute", [this], g => [g.Permute(inverse)]);
    }

    /// <summary>Inserts an axis of size 1 at <paramref name="axis"/> (like <c>tf.expand_dims</c>).</summary>
    public Tensor ExpandDims(int axis)
    {
        int a = ShapeMath.Axis(axis, Rank + 1, "ExpandDims");
        return Reshape([.. _shape[..a], 1, .. _shape[a..]]);
    }

    /// <summary>Removes axes of size 1 (only <paramref name="axis"/> if given).</summary>
    public Tensor Squeeze(int? axis = null)
    {
        if (axis is int a)
        {
            int d = ShapeMath.Axis(a, Rank, "Squeeze");
            if (_shape[d] != 1)
                throw new ShapeException($"Squeeze: axis {a} of shape {ShapeMath.Format(_shape)} has size {_shape[d]}, not 1.");
            return Reshape(_shape.Where((_, i) => i != d).ToArray());
        }
        return Reshape(_shape.Where(s => s != 1).ToArray());
    }

    /// <summary>Repeats the numbers along axes of size 1 (and new leading axes) to reach <paramref name="shape"/>, by NumPy's
    /// broadcasting rules. The gradient sums the copies back.</summary>
    public Tensor BroadcastTo(int[] shape)
    {
        var target = ShapeMath.Broadcast(_shape, shape, "BroadcastTo");
        if (!ShapeMath.SameShape(target, shape))
            throw new ShapeException($"BroadcastTo: shape {ShapeMath.Format(_shape)} cannot be broadcast to {ShapeMath.Format(shape)}.");
        if (ShapeMath.SameShape(_shape, shape)) return this;
        var y = NewResult(shape);
        Backend.Copy(Buffer, ShapeMath.BroadcastLayout(_shape, shape), y.Buffer, Layout.Contiguous(shape), shape);
        return Record(y, "broadcast", [this], g => [g.SumTo(_shape)]);
    }

    /// <summary>Joins tensors along an existing axis; all other axes must match. The gradient is cut back into pieces.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("Concat: give at least one tensor.", nameof(tensors));
        var first = tensors[0];
        int a = ShapeMath.Axis(axis, first.Rank, "Concat");
        SameDevice("Concat", [.. tensors]);
        foreach (var t in tensors)
            if (t.Rank != first.Rank || Enumerable.Range(0, first.Rank).Any(d => d != a && t._shape[d] != first._shape[d]))
                throw new ShapeException($"Concat: shapes {string.Join(", ", tensors.Select(x => ShapeMath.Format(x._shape)))} differ outside axis {axis}; " +
                                         "all tensors must have the same shape except along the joining axis.");
        var shape = (int[])first._shape.Clone();
        shape[a] = tensors.Sum(t => t._shape[a]);
        var y = first.NewResult(shape);
        var strides = Layout.Contiguous(shape).Strides;
        int at = 0;
        var starts = new int[tensors.Count];
        for (int i = 0; i < tensors.Count; i++)
        {
            starts[i] = at;
            var t = tensors[i];
            first.Backend.Copy(t.Buffer, Layout.Contiguous(t._shape), y.Buffer, new Layout(at * strides[a], strides), t._shape);
            at += t._shape[a];
        }
        return Record(y, "concat", [.. tensors], g =>
            tensors.Select((t, i) => (Tensor?)g.SliceAxis(a, starts[i], t._shape[a])).ToArray());
    }

    /// <summary>Joins tensors of equal shape along a new axis (like <c>np.stack</c>).</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("Stack: give at least one tensor.", nameof(tensors));
        foreach (var t in tensors)
            if (!ShapeMath.SameShape(t._shape, tensors[0]._shape))
                throw new ShapeException($"Stack: all tensors must have the same shape; got {string.Join(", ", tensors.Select(x => ShapeMath.Format(x._shape)))}.");
        int a = ShapeMath.Axis(axis, tensors[0].Rank + 1, "Stack");
        return Concat(tensors.Select(t => t.ExpandDims(a)).ToList(), a);
    }
}
