using CourseKit.Backends;

namespace CourseKit;

/// <summary>+ − × ÷ and powers, elementwise with NumPy broadcasting, each with its derivative.</summary>
public sealed partial class Tensor
{
    /// <summary>a + b. ∂/∂a = 1, ∂/∂b = 1: the sum passes the gradient through unchanged.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        var y = Combine(BinaryOp.Add, a, b, "Add");
        return Record(y, "add", [a, b], g => [g.SumTo(a._shape), g.SumTo(b._shape)]);
    }

    /// <summary>a − b. ∂/∂a = 1, ∂/∂b = −1.</summary>
    public static Tensor Subtract(Tensor a, Tensor b)
    {
        var y = Combine(BinaryOp.Sub, a, b, "Subtract");
        return Record(y, "sub", [a, b], g => [g.SumTo(a._shape), (-g).SumTo(b._shape)]);
    }

    /// <summary>a · b elementwise. ∂/∂a = b, ∂/∂b = a: the product "switches" its inputs.</summary>
    public static Tensor Multiply(Tensor a, Tensor b)
    {
        var y = Combine(BinaryOp.Mul, a, b, "Multiply");
        return Record(y, "mul", [a, b], g => [(g * b).SumTo(a._shape), (g * a).SumTo(b._shape)]);
    }

    /// <summary>a / b elementwise. ∂/∂a = 1/b, ∂/∂b = −a/b².</summary>
    public static Tensor Divide(Tensor a, Tensor b)
    {
        var y = Combine(BinaryOp.Div, a, b, "Divide");
        return Record(y, "div", [a, b], g => [(g / b).SumTo(a._shape), (-g * y / b).SumTo(b._shape)]);
    }

    /// <summary>−x. ∂/∂x = −1.</summary>
    public Tensor Negate() => Record(Map(UnaryOp.Neg), "neg", [this], g => [-g]);

    /// <summary>x to the power <paramref name="exponent"/>. ∂/∂x = p·x^(p−1).</summary>
    public Tensor Pow(float exponent)
    {
        var y = Map(UnaryOp.Pow, exponent);
        return Record(y, "pow", [this], g => [g * exponent * Map(UnaryOp.Pow, exponent - 1)]);
    }

    /// <summary>x^e elementwise with a tensor of exponents. ∂/∂x = e·x^(e−1), ∂/∂e = x^e·ln x.</summary>
    public Tensor Pow(Tensor exponent)
    {
        var y = Combine(BinaryOp.Pow, this, exponent, "Pow");
        return Record(y, "pow", [this, exponent], g =>
        [
            (g * exponent * Combine(BinaryOp.Pow, this, exponent - 1, "Pow")).SumTo(_shape),
            exponent.RequiresGrad ? (g * y * Log()).SumTo(exponent._shape) : null,
        ]);
    }

    /// <summary>x² (the same as <c>Pow(2)</c>).</summary>
    public Tensor Square() => Pow(2);

    public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);
    public static Tensor operator +(Tensor a, float b) => Add(a, a.Constant(b));
    public static Tensor operator +(float a, Tensor b) => Add(b.Constant(a), b);
    public static Tensor operator -(Tensor a, Tensor b) => Subtract(a, b);
    public static Tensor operator -(Tensor a, float b) => Subtract(a, a.Constant(b));
    public static Tensor operator -(float a, Tensor b) => Subtract(b.Constant(a), b);
    public static Tensor operator *(Tensor a, Tensor b) => Multiply(a, b);
    public static Tensor operator *(Tensor a, float b) => Multiply(a, a.Constant(b));
    public static Tensor operator *(float a, Tensor b) => Multiply(b.Constant(a), b);
    public static Tensor operator /(Tensor a, Tensor b) => Divide(a, b);
    public static Tensor operator /(Tensor a, float b) => Divide(a, a.Constant(b));
    public static Tensor operator /(float a, Tensor b) => Divide(b.Constant(a), b);
    public static Tensor operator -(Tensor x) => x.Negate();
}
