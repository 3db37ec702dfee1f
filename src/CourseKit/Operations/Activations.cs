using CourseKit.Backends;

namespace CourseKit;

/// <summary>
/// Activation functions, as Keras defines them, each with its derivative. Each is one node in the computational
/// graph (named after the function), even where its forward value is assembled from simpler operations.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>σ(x) = 1 / (1 + e⁻ˣ), computed without overflow. ∂/∂x = σ(x)·(1 − σ(x)).</summary>
    public Tensor Sigmoid()
    {
        var y = Map(UnaryOp.Sigmoid);
        return Record(y, "sigmoid", [this], g => [g * y * (1 - y)]);
    }

    /// <summary>tanh(x). ∂/∂x = 1 − tanh²(x).</summary>
    public Tensor Tanh()
    {
        var y = Map(UnaryOp.Tanh);
        return Record(y, "tanh", [this], g => [g * (1 - y * y)]);
    }

    /// <summary>max(x, 0). ∂/∂x = 1 where x &gt; 0, else 0.</summary>
    public Tensor Relu() => Record(Map(UnaryOp.Relu), "relu", [this], g => [g * Greater(0)]);

    /// <summary>
    /// Softmax over <paramref name="axis"/> (the last by default): e^xᵢ / Σⱼ e^xⱼ, computed as e^(xᵢ − max x) so that large
    /// logits cannot overflow. ∂/∂x = y ⊙ (g − Σ g⊙y).
    /// </summary>
    public Tensor Softmax(int axis = -1)
    {
        Tensor y;
        using (Autograd.NoGrad())
        {
            var e = (this - Max(axis, keepDims: true)).Exp();
            y = e / e.Sum(axis, keepDims: true);
        }
        return Record(y, "softmax", [this], g => [y * (g - (g * y).Sum(axis, keepDims: true))]);
    }

    /// <summary>log(softmax(x)) computed stably as (x − max) − log Σ e^(x − max). ∂/∂x = g − softmax(x)·Σ g.</summary>
    public Tensor LogSoftmax(int axis = -1)
    {
        Tensor y;
        using (Autograd.NoGrad())
        {
            var shifted = this - Max(axis, keepDims: true);
            y = shifted - shifted.Exp().Sum(axis, keepDims: true).Log();
        }
        return Record(y, "log_softmax", [this], g => [g - y.Exp() * g.Sum(axis, keepDims: true)]);
    }

    /// <summary>x for x &gt; 0, α(eˣ − 1) otherwise. ∂/∂x = 1 for x &gt; 0, else y + α.</summary>
    public Tensor Elu(float alpha = 1f)
    {
        Tensor y, positive;
        using (Autograd.NoGrad())
        {
            positive = Greater(0);
            y = Where(positive, this, alpha * (Exp() - 1));
        }
        return Record(y, "elu", [this], g => [g * Where(positive, 1f, y + alpha)]);
    }

    /// <summary>Scaled ELU with Keras's constants (self-normalising networks).</summary>
    public Tensor Selu()
    {
        const float alpha = 1.6732632423543772f, scale = 1.0507009873554805f;
        Tensor y, positive;
        using (Autograd.NoGrad())
        {
            positive = Greater(0);
            y = scale * Where(positive, this, alpha * (Exp() - 1));
        }
        return Record(y, "selu", [this], g => [g * Where(positive, scale, y + scale * alpha)]);
    }

    /// <summary>log(1 + eˣ), a smooth ReLU. ∂/∂x = σ(x).</summary>
    public Tensor Softplus() => Record(Map(UnaryOp.Softplus), "softplus", [this], g => [g * Map(UnaryOp.Sigmoid)]);

    /// <summary>x for x ≥ 0, slope·x otherwise (Keras's default slope is 0.2). ∂/∂x = 1 or slope.</summary>
    public Tensor LeakyRelu(float negativeSlope = 0.2f)
    {
        Tensor y, positive;
        using (Autograd.NoGrad())
        {
            positive = GreaterEqual(0);
            y = Where(positive, this, negativeSlope * this);
        }
        return Record(y, "leaky_relu", [this], g => [g * Where(positive, 1f, negativeSlope)]);
    }

    /// <summary>Swish (SiLU): x·σ(x). ∂/∂x = σ(x) + x·σ(x)·(1 − σ(x)).</summary>
    public Tensor Swish()
    {
        Tensor y, s;
        using (Autograd.NoGrad())
        {
            s = Map(UnaryOp.Sigmoid);
            y = this * s;
        }
        return Record(y, "swish", [this], g => [g * (s + y * (1 - s))]);
    }

    /// <summary>
    /// GELU: x·Φ(x) with Φ the standard normal CDF (Keras's default, <paramref name="approximate"/> = false), or the
    /// tanh approximation 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))).
    /// </summary>
    public Tensor Gelu(bool approximate = false)
    {
        Tensor y, slope;
        using (Autograd.NoGrad())
        {
            if (approximate)
            {
                const float c = 0.7978845608028654f, k = 0.044715f; // √(2/π)
                var t = (c * (this + k * Pow(3))).Tanh();
                y = 0.5f * this * (1 + t);
                slope = 0.5f * (1 + t) + 0.5f * this * (1 - t * t) * c * (1 + 3 * k * Square());
            }
            else
            {
                var cdf = 0.5f * (1 + (this * 0.7071067811865476f).Map(UnaryOp.Erf));
                var pdf = (-0.5f * Square()).Exp() * 0.3989422804014327f; // e^(−x²/2) / √(2π)
                y = this * cdf;
                slope = cdf + this * pdf;
            }
        }
        return Record(y, "gelu", [this], g => [g * slope]);
    }

    /// <summary>Keras 3's hard sigmoid: relu6(x + 3) / 6, a piecewise-linear σ. ∂/∂x = 1/6 for −3 &lt; x &lt; 3, else 0.</summary>
    public Tensor HardSigmoid()
    {
        var y = Map(UnaryOp.Affine, 1f / 6, 0.5f).Map(UnaryOp.Clip, 0, 1);
        return Record(y, "hard_sigmoid", [this], g => [g * Greater(-3) * Less(3) / 6]);
    }

    /// <summary>
    /// The Heaviside step of a threshold logic unit: 1 where x &gt; 0, 0 where x &lt; 0 and <paramref name="valueAtZero"/>
    /// at exactly 0 (NumPy's <c>heaviside(x, h0)</c>; NaN stays NaN). The default 0 makes a unit fire only when
    /// w·x + b &gt; 0, which is how scikit-learn's Perceptron predicts (and <see cref="Perceptron.Predict"/>); Géron's
    /// book takes heaviside(0) = 1: <c>z.Heaviside(1)</c>.
    /// ∂/∂x = 0 on both sides of the jump, so nothing before a step learns by gradient descent: Backward warns when a
    /// weight gets its gradient only through one. Train such a unit with the perceptron rule (<see cref="Perceptron"/>),
    /// or use <see cref="Sigmoid"/>, a smooth step.
    /// </summary>
    public Tensor Heaviside(float valueAtZero = 0f) =>
        ThresholdSteps.Record(Map(UnaryOp.Heaviside, valueAtZero), ThresholdSteps.Heaviside, this);

    /// <summary>
    /// Applies an activation by its Keras name: linear, relu, sigmoid, tanh, softmax, log_softmax, elu, selu, softplus,
    /// leaky_relu, swish (silu), gelu, exponential, hard_sigmoid, and the threshold steps heaviside (or step) and sign (as <see cref="ActivationFunction.Get"/> finds them).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name; the message suggests the closest and lists the valid ones.</exception>
    public Tensor Activation(string name) => name is null ? this : ActivationFunction.Get(name).Apply(this);

    /// <summary>The names <see cref="Activation"/> accepts.</summary>
    public static IReadOnlyList<string> ActivationNames => [.. CourseKit.Activations.ByName.Keys];
}
