using System.Numerics;
using System.Numerics.Tensors;

namespace CourseKit.Backends.Cpu;

/// <summary>A layer's bias add and activation in one pass (forward) and its gradients in one more (backward), a block
/// of <see cref="FusedLayers.BiasBlockRows"/> rows at a time, blocks in parallel.</summary>
internal sealed partial class CpuBackend
{
    public override void BiasActivation(FusedActivation f, DeviceBuffer x, DeviceBuffer? bias, int channels, DeviceBuffer y)
    {
        float[] xv = Host(x), yv = Host(y);
        float[]? b = bias is null ? null : Host(bias);
        int rows = yv.Length / channels;
        ForRows(FusedLayers.Blocks(rows), FusedLayers.BiasBlockRows * channels, block =>
        {
            var (first, count) = BlockRows(block, rows);
            var dst = yv.AsSpan(first * channels, count * channels);
            var src = xv.AsSpan(first * channels, count * channels);
            if (b is null) src.CopyTo(dst);
            else for (int r = 0; r < count; r++) Sum(src.Slice(r * channels, channels), b.AsSpan(0, channels), dst.Slice(r * channels, channels));
            if (FusedLayers.Unary(f) is UnaryOp op) FastUnary(op, dst, dst, 0, 0);
        });
    }

    public override void BiasActivationBackward(FusedActivation f, DeviceBuffer y, DeviceBuffer dy, int channels, DeviceBuffer? dx, DeviceBuffer? dbias)
    {
        float[] yv = Host(y), g = Host(dy);
        float[]? d = dx is null ? null : Host(dx), db = dbias is null ? null : Host(dbias);
        int rows = yv.Length / channels, blocks = FusedLayers.Blocks(rows);
        if (blocks == 0) { if (db is not null) Array.Clear(db, 0, channels); return; }
        float[]? sums = db is null ? null : HostMemoryPool.Rent(blocks * channels, zeroed: false);
        ForRows(blocks, FusedLayers.BiasBlockRows * channels, block =>
        {
            var (first, count) = BlockRows(block, rows);
            int start = first * channels, length = count * channels;
            float[] slopes = d ?? g; // Linear: dx is dy itself, and the bias gradient sums dy
            if (d is not null) Backward(f, yv.AsSpan(start, length), g.AsSpan(start, length), d.AsSpan(start, length));
            if (sums is null) return;
            var sum = sums.AsSpan(block * channels, channels);
            slopes.AsSpan(start, channels).CopyTo(sum);
            for (int r = 1; r < count; r++) Sum(sum, slopes.AsSpan(start + r * channels, channels), sum);
        });
        if (db is null) return;
        sums.AsSpan(0, channels).CopyTo(db);
        for (int block = 1; block < blocks; block++) TensorPrimitives.Add(db.AsSpan(0, channels), sums.AsSpan(block * channels, channels), db.AsSpan(0, channels));
        HostMemoryPool.Return(sums!);
    }

    /// <summary>dx = dy·f′(y), a SIMD vector at a time (the formulas of <see cref="FusedLayers.Backward"/>).</summary>
    private static void Backward(FusedActivation f, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int i = 0, width = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<float>.One;
            for (; i <= dx.Length - width; i += width)
            {
                var yi = new Vector<float>(y[i..]);
                var gi = new Vector<float>(dy[i..]);
                var result = f switch
                {
                    FusedActivation.Relu => Vector.ConditionalSelect(Vector.GreaterThan(yi, Vector<float>.Zero), gi, Vector<float>.Zero),
                    FusedActivation.Sigmoid => gi * (yi * (one - yi)),
                    FusedActivation.Tanh => gi * (one - yi * yi),
                    _ => gi,
                };
                result.CopyTo(dx[i..]);
            }
        }
        for (; i < dx.Length; i++) dx[i] = FusedLayers.Backward(f, y[i], dy[i]);
    }

    /// <summary>sum = x + y for the short rows of a layer (a pixel's channels): a plain SIMD loop, because at a few dozen
    /// numbers the checks of a general library call cost as much as the additions.</summary>
    internal static void Sum(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> sum)
    {
        int i = 0, width = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
            for (; i <= sum.Length - width; i += width) (new Vector<float>(x[i..]) + new Vector<float>(y[i..])).CopyTo(sum[i..]);
        for (; i < sum.Length; i++) sum[i] = x[i] + y[i];
    }

    /// <summary>The rows of block <paramref name="block"/>: (first row, how many).</summary>
    private static (int First, int Count) BlockRows(int block, int rows)
    {
        int first = block * FusedLayers.BiasBlockRows;
        return (first, Math.Min(FusedLayers.BiasBlockRows, rows - first));
    }
}
