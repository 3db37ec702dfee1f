using CourseKit.Backends;

namespace CourseKit;

/// <summary>Elementwise functions of one tensor, each with its derivative.</summary>
public sealed partial class Tensor
{
    /// <summary>eˣ. ∂/∂x = eˣ (the value itself).</summary>
    public Tensor Exp()
    {
        var y = Map(UnaryOp.Exp);
        return Record(y, "exp", [this], g => [g * y]);
    }

    /// <summary>Natural logarithm. ∂/∂x = 1/x.</summary>
    public Tensor Log() => Record(Map(UnaryOp.Log), "log", [this], g => [g / this]);

    /// <summary>√x. ∂/∂x = 1/(2√x).</summary>
    public Tensor Sqrt()
    {
        var y = Map(UnaryOp.Sqrt);
        return Record(y, "sqrt", [this], g => [g * 0.5f / y]);
    }

    /// <summary>
    /// sin x (x in radians). ∂/∂x = cos x. A periodic feature: the TensorFlow Playground offers sin(x₁) and sin(x₂) as
    /// extra inputs, which help a network follow the turns of the spirals.
    /// </summary>
    public Tensor Sin() => Record(Map(UnaryOp.Sin), "sin", [this], g => [g * Map(UnaryOp.Cos)]);

    /// <summary>cos x (x in radians). ∂/∂x = −sin x.</summary>
    public Tensor Cos() => Record(Map(UnaryOp.Cos), "cos", [this], g => [-(g * Map(UnaryOp.Sin))]);

    /// <summary>|x|. ∂/∂x = sign(x) (0 at 0).</summary>
    public Tensor Abs() => Record(Map(UnaryOp.Abs), "abs", [this], g => [g * Map(UnaryOp.Sign)]);

    /// <summary>
    /// −1, 0 or 1 by the sign of each element (sign(0) = 0 as in NumPy; NaN stays NaN): the step of a threshold unit with
    /// outputs ±1. ∂/∂x = 0 on both sides of the jump, so nothing before it learns by gradient descent (Backward warns,
    /// see <see cref="Heaviside"/>).
    /// </summary>
    public Tensor Sign() => ThresholdSteps.Record(Map(UnaryOp.Sign), ThresholdSteps.Sign, this);

    /// <summary>Each element limited to [min, max] (Keras clips probabilities this way). The gradient is 1 inside
    /// the range and 0 where the value was clipped.</summary>
    public Tensor Clip(float min, float max)
    {
        if (!(min <= max)) throw new ArgumentException($"Clip: min ({min}) must not be greater than max ({max}).", nameof(min));
        var y = Map(UnaryOp.Clip, min, max);
        return Record(y, "clip", [this], g => [g * GreaterEqual(min) * LessEqual(max)]);
    }
}
