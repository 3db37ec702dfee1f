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
        bool fits = bias is not null && bias.Rank == 1 && bias._shape[0] == channels && channels > 0 && bias.Device == Device;
        if (!fits || Size == 0) return activation.Apply(bias is null ? this : this + bias);
        var f = fused ?? FusedActivation.Linear;
        var y = NewResult(_shape);
        Backend.BiasActivation(f, Buffer, bias!.Buffer, channels, y.Buffer);
        var z = Record(y, f == FusedActivation.Linear ? "bias_add" : "bias_add_" + activation.Name, [this, bias], g =>
        {
            var dx = f == FusedActivation.Linear ? g : NewResult(_shape);
            var dbias = bias.RequiresGrad ? bias.NewResult(bias._shape) : null;
            Backend.BiasActivationBackward(f, y.Buffer, g.Buffer, channels, f == FusedActivation.Linear ? null : dx.Buffer, dbias?.Buffer);
            return [RequiresGrad ? dx : null, dbias];
        });
        return fused is null ? activation.Apply(z) : z;
    }

    /// <summary>The fused form of a built-in activation whose derivative is a function of its output, or null.</summary>
    private static FusedActivation? Fusable(ActivationFunction activation) =>
        ReferenceEquals(activation, Activations.Linear) ? FusedActivation.Linear
        : ReferenceEquals(activation, Activations.Relu) ? FusedActivation.Relu
        : ReferenceEquals(activation, Activations.Sigmoid) ? FusedActivation.Sigmoid
        : ReferenceEquals(activation, Activations.Tanh) ? FusedActivation.Tanh
        : null;
}
