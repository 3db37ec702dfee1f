using CourseKit.Backends;

namespace CourseKit;

/// <summary>Shape arithmetic: sizes, axes, NumPy broadcasting, and how shapes are written in messages.</summary>
internal static class ShapeMath
{
    public static int Size(ReadOnlySpan<int> shape)
    {
        long size = 1;
        foreach (int d in shape)
        {
            size *= d;
            // Checked at every step: a long would wrap around (65 536⁴ = 2⁶⁴ → 0) before the end of a long shape.
            if (size > int.MaxValue)
            {
                var total = System.Numerics.BigInteger.One;
                foreach (int e in shape) total *= e;
                throw new ShapeException($"A tensor of shape {Format(shape)} would have {total:N0} elements, more than one buffer can hold (2³¹ − 1); " +
                                         $"{DeviceOutOfMemoryException.Hint}. {DeviceOutOfMemoryException.UnexpectedlyLarge}");
            }
        }
        return (int)size;
    }

    /// <summary>Writes a shape the way Keras and NumPy do: <c>(3, 2)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) => shape.Length switch
    {
        0 => "()",
        1 => $"({shape[0]},)",
        _ => "(" + string.Join(", ", shape.ToArray()) + ")",
    };

    /// <summary>Turns a possibly negative axis (−1 = last) into 0 … rank−1, or explains why it does not exist.</summary>
    public static int Axis(int axis, int rank, string op)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
            throw new ShapeException($"{op}: axis {axis} does not exist for a tensor of rank {rank}; valid axes are {-rank} … {rank - 1}.");
        return a;
    }

    /// <summary>The shape two operands broadcast to (NumPy rules: align on the right; each pair of sizes equal or one of them 1).</summary>
    public static int[] Broadcast(int[] a, int[] b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ShapeException(
                    $"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast together — axis {i - rank} has sizes {da} and {db}. " +
                    "Sizes must match or one of them must be 1; reshape one operand (e.g. x.Reshape(-1, 1)) or transpose it.");
            result[i] = Math.Max(da, db);
        }
        return result;
    }

    /// <summary>How to read a contiguous tensor of <paramref name="shape"/> as if it had the larger broadcast <paramref name="target"/> shape.</summary>
    public static Layout BroadcastLayout(int[] shape, int[] target)
    {
        var own = Layout.Contiguous(shape).Strides;
        var strides = new int[target.Length];
        int shift = target.Length - shape.Length;
        for (int i = 0; i < target.Length; i++)
            strides[i] = i < shift || shape[i - shift] == 1 ? 0 : own[i - shift];
        return new Layout(0, strides);
    }

    public static bool SameShape(int[] a, int[] b) => a.AsSpan().SequenceEqual(b);
}

/// <summary>
/// A shape that does not fit the operation. The message names the operation, the shapes involved, and what to change.
/// </summary>
public sealed class ShapeException(string message) : ArgumentException(message);
