using CourseKit.Backends;

namespace CourseKit;

/// <summary>How a Dense or Conv2D layer finishes: activation(z + bias), one bias per channel (the last axis).</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// <paramref name="activation"/>(this + <paramref name="bias"/>) with the bias added along the last axis: the same
    /// numbers as writing it out, but for relu, sigmoid, tanh and linear in one pass over memory forward and one
    /// backward (whose derivative comes from the output: 1[y &gt; 0], y(1 − y), 1 − y²), instead of a broadcast add, an
    /// activation, a mask and a product. The graph shows one node, "bias_add_relu" (or "bias_add", …).
    /// Other activations are applied after a fused bias add.
    /// </summary>
    internal Tensor BiasActivation(Tensor? bias, ActivationFunction activation)
    {
        var fused = Fusable(activation);
        int channels = Rank == 0 ? 0 : _shape[^1];
        if (bias is null || !IsBiasFor(bias, channels) || Size == 0) return activation.Apply(bias is null ? this : this + bias);
        var f = fused ?? FusedActivation.Linear;
        var y = NewResult(_shape);
        Backend.BiasActivation(f, Buffer, bias.Buffer, channels, y.Buffer);
        var z = Record(y, f == FusedActivation.Linear ? "bias_add" : "bias_add_" + activation.Name, [this, bias], g =>
        {
            var (dx, dbias) = BiasActivationGradients(f, y, g, bias);
            return [RequiresGrad ? dx : null, dbias];
        });
        return fused is null ? activation.Apply(z) : z;
    }

    /// <summary>Whether <paramref name="bias"/> is one number per channel (a vector as long as the last axis), on this
    /// tensor's device: the bias the fused kernels take. Other shapes broadcast through the plain addition.</summary>
    private bool IsBiasFor(Tensor bias, int channels) =>
        bias.Rank == 1 && bias._shape[0] == channels && channels > 0 && bias.Device == Device;

    /// <summary>
    /// The backward pass of f(z + bias) from its output y and upstream gradient g: ∂/∂z = g·f′ (g itself for a linear
    /// f) and, when the bias needs one, ∂/∂bias = the sum of ∂/∂z over every row.
    /// </summary>
    private static (Tensor Dz, Tensor? Dbias) BiasActivationGradients(FusedActivation f, Tensor y, Tensor g, Tensor? bias)
    {
        var dz = f == FusedActivation.Linear ? g : y.NewResult(y._shape);
        var dbias = bias?.RequiresGrad == true ? bias.NewResult(bias._shape) : null;
        if (dz != g || dbias is not null)
            y.Backend.BiasActivationBackward(f, y.Buffer, g.Buffer, y._shape[^1], dz == g ? null : dz.Buffer, dbias?.Buffer);
        return (dz, dbias);
    }

    /// <summary>The fused form of a built-in activation whose derivative is a function of its output, or null.</summary>
    private static FusedActivation? Fusable(ActivationFunction activation) =>
        ReferenceEquals(activation, Activations.Linear) ? FusedActivation.Linear
        : ReferenceEquals(activation, Activations.Relu) ? FusedActivation.Relu
        : ReferenceEquals(activation, Activations.Sigmoid) ? FusedActivation.Sigmoid
        : ReferenceEquals(activation, Activations.Tanh) ? FusedActivation.Tanh
        : null;
}
