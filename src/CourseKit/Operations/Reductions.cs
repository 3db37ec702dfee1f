using CourseKit.Backends;

namespace CourseKit;

/// <summary>Sums, means, maxima and minima over axes (all axes by default), and ArgMax/ArgMin.</summary>
public sealed partial class Tensor
{
    /// <summary>Sum over <paramref name="axis"/> (all elements if null). ∂/∂x = 1: the gradient is copied to every summed element.</summary>
    public Tensor Sum(int? axis = null, bool keepDims = false) => Sum(AxesOf(axis), keepDims);

    /// <summary>Sum over several axes.</summary>
    public Tensor Sum(int[] axes, bool keepDims = false)
    {
        var (kept, result) = Reduced(axes, keepDims, "Sum");
        var y = ReduceAxes(ReduceOp.Sum, kept).Reshape(result);
        return Record(y, "sum", [this], g => [g.Reshape(kept).BroadcastTo(_shape)]);
    }

    /// <summary>Mean over <paramref name="axis"/> (all elements if null). ∂/∂x = 1/n for each of the n averaged elements.</summary>
    public Tensor Mean(int? axis = null, bool keepDims = false) => Mean(AxesOf(axis), keepDims);

    /// <summary>Mean over several axes.</summary>
    public Tensor Mean(int[] axes, bool keepDims = false)
    {
        var (kept, _) = Reduced(axes, keepDims, "Mean");
        return Sum(axes, keepDims) / (Size / ShapeMath.Size(kept));
    }

    /// <summary>Largest element over <paramref name="axis"/> (all if null). The gradient goes to the largest element (shared equally among ties).</summary>
    public Tensor Max(int? axis = null, bool keepDims = false) => Extreme(ReduceOp.Max, AxesOf(axis), keepDims, "max");

    /// <summary>Largest element over several axes.</summary>
    public Tensor Max(int[] axes, bool keepDims = false) => Extreme(ReduceOp.Max, axes, keepDims, "max");

    /// <summary>Smallest element over <paramref name="axis"/> (all if null). The gradient goes to the smallest element (shared equally among ties).</summary>
    public Tensor Min(int? axis = null, bool keepDims = false) => Extreme(ReduceOp.Min, AxesOf(axis), keepDims, "min");

    /// <summary>Smallest element over several axes.</summary>
    public Tensor Min(int[] axes, bool keepDims = false) => Extreme(ReduceOp.Min, axes, keepDims, "min");

    /// <summary>Index of the largest element along <paramref name="axis"/> (of the flattened tensor if null); the first one on ties.
    /// The usual way to turn class probabilities into a predicted class.</summary>
    public Tensor ArgMax(int? axis = null, bool keepDims = false) =>
        NoGradient.Mark(ArgExtreme(ReduceOp.ArgMax, axis, keepDims), "ArgMax", this);

    /// <summary>Index of the smallest element along <paramref name="axis"/> (of the flattened tensor if null).</summary>
    public Tensor ArgMin(int? axis = null, bool keepDims = false) =>
        NoGradient.Mark(ArgExtreme(ReduceOp.ArgMin, axis, keepDims), "ArgMin", this);

    private Tensor Extreme(ReduceOp op, int[] axes, bool keepDims, string name)
    {
        var (kept, result) = Reduced(axes, keepDims, name == "max" ? "Max" : "Min");
        var best = ReduceAxes(op, kept);
        var y = best.Reshape(result);
        return Record(y, name, [this], g =>
        {
            var winners = Equal(best);
            return [winners / winners.Sum(axes, keepDims: true) * g.Reshape(kept)];
        });
    }

    private Tensor ArgExtreme(ReduceOp op, int? axis, bool keepDims)
    {
        if (axis is null)
        {
            var flat = Reshape(Size).ArgExtreme(op, 0, false);
            return keepDims ? flat.Reshape(Enumerable.Repeat(1, Rank).ToArray()) : flat;
        }
        string name = op == ReduceOp.ArgMax ? "ArgMax" : "ArgMin";
        int a = ShapeMath.Axis(axis.Value, Rank, name);
        var (_, result) = Reduced([a], keepDims, name);
        return ReduceOne(op, a).Reshape(result);
    }

    private int[] AxesOf(int? axis) => axis is int a ? [a] : Enumerable.Range(0, Rank).ToArray();

    /// <summary>The result shape with reduced axes kept as 1 (for broadcasting gradients back) and as the caller asked.</summary>
    private (int[] Kept, int[] Result) Reduced(int[] axes, bool keepDims, string op)
    {
        var normalized = axes.Select(a => ShapeMath.Axis(a, Rank, op)).ToHashSet();
        if (normalized.Count != axes.Length) throw new ArgumentException($"{op}: axes [{string.Join(", ", axes)}] repeat an axis.", nameof(axes));
        var kept = _shape.Select((d, i) => normalized.Contains(i) ? 1 : d).ToArray();
        var result = keepDims ? kept : _shape.Where((_, i) => !normalized.Contains(i)).ToArray();
        return (kept, result);
    }

    /// <summary>Reduces every axis whose kept size is 1 but whose own size is not, one axis at a time (no graph).</summary>
    private Tensor ReduceAxes(ReduceOp op, int[] kept)
    {
        var x = this;
        for (int d = 0; d < Rank; d++)
            if (kept[d] == 1 && _shape[d] != 1) x = x.ReduceOne(op, d);
        return x.Rank == Rank ? x : x.Reshape(kept);
    }

    /// <summary>One backend reduction along axis <paramref name="d"/>; the axis stays with size 1.</summary>
    private Tensor ReduceOne(ReduceOp op, int d)
    {
        int outer = ShapeMath.Size(_shape.AsSpan(0, d)), inner = ShapeMath.Size(_shape.AsSpan(d + 1));
        var shape = (int[])_shape.Clone();
        shape[d] = 1;
        var y = NewResult(shape);
        Backend.Reduce(op, Buffer, outer, _shape[d], inner, y.Buffer);
        return y;
    }
}
