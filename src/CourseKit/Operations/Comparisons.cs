using CourseKit.Backends;

namespace CourseKit;

/// <summary>Comparisons give masks (1 where true, 0 where false) and <see cref="Where(Tensor, Tensor, Tensor)"/> picks by mask. Masks carry no gradient (see <see cref="NoGradient"/>).</summary>
public sealed partial class Tensor
{
    public Tensor Greater(Tensor other) => Compare(BinaryOp.Greater, other, "Greater");
    public Tensor GreaterEqual(Tensor other) => Compare(BinaryOp.GreaterEqual, other, "GreaterEqual");
    public Tensor Less(Tensor other) => Compare(BinaryOp.Less, other, "Less");
    public Tensor LessEqual(Tensor other) => Compare(BinaryOp.LessEqual, other, "LessEqual");
    /// <summary>1 where the elements are exactly equal (use with care on computed floats).</summary>
    public Tensor Equal(Tensor other) => Compare(BinaryOp.Equal, other, "Equal");
    public Tensor NotEqual(Tensor other) => Compare(BinaryOp.NotEqual, other, "NotEqual");

    /// <summary>A comparison's mask, marked as having no gradient.</summary>
    private Tensor Compare(BinaryOp op, Tensor other, string name) => NoGradient.Mark(Combine(op, this, other, name), name, this, other);

    public Tensor Greater(float value) => Greater(Constant(value));
    public Tensor GreaterEqual(float value) => GreaterEqual(Constant(value));
    public Tensor Less(float value) => Less(Constant(value));
    public Tensor LessEqual(float value) => LessEqual(Constant(value));
    public Tensor Equal(float value) => Equal(Constant(value));
    public Tensor NotEqual(float value) => NotEqual(Constant(value));

    public static Tensor operator >(Tensor a, Tensor b) => a.Greater(b);
    public static Tensor operator <(Tensor a, Tensor b) => a.Less(b);
    public static Tensor operator >=(Tensor a, Tensor b) => a.GreaterEqual(b);
    public static Tensor operator <=(Tensor a, Tensor b) => a.LessEqual(b);
    public static Tensor operator >(Tensor a, float b) => a.Greater(b);
    public static Tensor operator <(Tensor a, float b) => a.Less(b);
    public static Tensor operator >=(Tensor a, float b) => a.GreaterEqual(b);
    public static Tensor operator <=(Tensor a, float b) => a.LessEqual(b);

    /// <summary>
    /// Elementwise choice: <paramref name="a"/> where <paramref name="condition"/> is non-zero, else <paramref name="b"/>
    /// (all three broadcast). The gradient flows to whichever input was chosen.
    /// </summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        SameDevice("Where", condition, a, b);
        var shape = ShapeMath.Broadcast(ShapeMath.Broadcast(condition._shape, a._shape, "Where"), b._shape, "Where");
        var y = a.NewResult(shape);
        a.Backend.Where(condition.Buffer, ShapeMath.BroadcastLayout(condition._shape, shape),
            a.Buffer, ShapeMath.BroadcastLayout(a._shape, shape), b.Buffer, ShapeMath.BroadcastLayout(b._shape, shape), y.Buffer, shape);
        Record(y, "where", [a, b], g =>
        {
            var zero = g.Constant(0);
            return [Where(condition, g, zero).SumTo(a._shape), Where(condition, zero, g).SumTo(b._shape)];
        });
        // Choosing between constants by a comparison of the parameters is a step function: no gradient, named by the mask.
        return NoGradient.Mark(y, "Where", condition);
    }

    public static Tensor Where(Tensor condition, Tensor a, float b) => Where(condition, a, a.Constant(b));
    public static Tensor Where(Tensor condition, float a, Tensor b) => Where(condition, b.Constant(a), b);
    public static Tensor Where(Tensor condition, float a, float b) => Where(condition, condition.Constant(a), condition.Constant(b));

    /// <summary>The larger of a and b, elementwise. The gradient goes to the larger one (to a on ties).</summary>
    public static Tensor Maximum(Tensor a, Tensor b)
    {
        var y = Combine(BinaryOp.Max, a, b, "Maximum");
        return Record(y, "maximum", [a, b], g =>
        {
            var aWins = a >= b;
            return [(g * aWins).SumTo(a._shape), (g * (1 - aWins)).SumTo(b._shape)];
        });
    }

    /// <summary>The smaller of a and b, elementwise. The gradient goes to the smaller one (to a on ties).</summary>
    public static Tensor Minimum(Tensor a, Tensor b)
    {
        var y = Combine(BinaryOp.Min, a, b, "Minimum");
        return Record(y, "minimum", [a, b], g =>
        {
            var aWins = a <= b;
            return [(g * aWins).SumTo(a._shape), (g * (1 - aWins)).SumTo(b._shape)];
        });
    }

    public Tensor Maximum(float value) => Maximum(this, Constant(value));
    public Tensor Minimum(float value) => Minimum(this, Constant(value));
}
