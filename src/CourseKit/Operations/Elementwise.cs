using CourseKit.Backends;

namespace CourseKit;

/// <summary>The plumbing every elementwise operation shares: one device, broadcast shapes, one backend call.</summary>
public sealed partial class Tensor
{
    /// <summary>Applies a one-input backend function to every element (no graph).</summary>
    internal Tensor Map(UnaryOp op, float a = 0, float b = 0)
    {
        var y = NewResult(_shape);
        Backend.Unary(op, Buffer, y.Buffer, a, b);
        return y;
    }

    /// <summary>Applies a two-input backend function with NumPy broadcasting (no graph).</summary>
    internal static Tensor Combine(BinaryOp op, Tensor a, Tensor b, string name)
    {
        SameDevice(name, a, b);
        var shape = ShapeMath.Broadcast(a._shape, b._shape, name);
        var y = a.NewResult(shape);
        a.Backend.Binary(op, a.Buffer, ShapeMath.BroadcastLayout(a._shape, shape), b.Buffer, ShapeMath.BroadcastLayout(b._shape, shape), y.Buffer, shape);
        return y;
    }

    /// <summary>A constant on this tensor's device, for mixing tensors with plain numbers.</summary>
    internal Tensor Constant(float value) => Scalar(value, Device);

    internal static void SameDevice(string op, params Tensor[] tensors)
    {
        foreach (var t in tensors)
            if (t.Device != tensors[0].Device)
                throw new ArgumentException($"{op}: the tensors are on different devices ({tensors[0].Device} and {t.Device}); " +
                                            $"move one with .To(Device.{char.ToUpperInvariant(tensors[0].Device.Name[0])}{tensors[0].Device.Name[1..]}) first.");
    }

    /// <summary>
    /// The gradient of a broadcast input: where the input was stretched (a size-1 axis, or an axis it did not have),
    /// the stretched copies all contributed to the output, so their gradients are summed back to the input's shape.
    /// </summary>
    internal Tensor SumTo(int[] shape)
    {
        if (ShapeMath.SameShape(_shape, shape)) return this;
        int extra = Rank - shape.Length;
        var axes = Enumerable.Range(0, Rank).Where(d => d < extra || shape[d - extra] == 1 && _shape[d] != 1).ToArray();
        return Sum(axes, keepDims: true).Reshape(shape);
    }
}
