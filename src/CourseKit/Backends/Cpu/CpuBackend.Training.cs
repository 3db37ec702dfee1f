using System.Numerics;

namespace CourseKit.Backends.Cpu;

/// <summary>The fused optimizer updates, a SIMD vector at a time; the same formulas as <see cref="Scalar.Step"/>, which
/// finishes the last few elements and is what the reference backend runs.</summary>
internal sealed partial class CpuBackend
{
    public override void OptimizerStep(UpdateRule rule, DeviceBuffer weight, DeviceBuffer gradient, DeviceBuffer result,
                                       DeviceBuffer? slot1, DeviceBuffer? slot2, DeviceBuffer? slot3, UpdateSettings settings)
    {
        float[] w = Host(weight), g = Host(gradient), r = Host(result);
        float[]? s1 = Slot(slot1), s2 = Slot(slot2), s3 = Slot(slot3);
        InChunks(w.Length, (start, count) =>
        {
            int vectorEnd = start + count - count % Vector<float>.Count;
            if (Vector.IsHardwareAccelerated) StepVectors(rule, w, g, r, s1, s2, s3, settings, start, vectorEnd);
            else vectorEnd = start;
            Scalar.Step(rule, w, g, r, s1, s2, s3, settings, vectorEnd, start + count - vectorEnd);
        });
    }

    private static void StepVectors(UpdateRule rule, float[] w, float[] g, float[] r, float[]? s1, float[]? s2, float[]? s3,
                                    UpdateSettings u, int start, int end)
    {
        int width = Vector<float>.Count;
        var lr = new Vector<float>(u.LearningRate);
        var mu = new Vector<float>(u.Momentum);
        var keep1 = new Vector<float>(1 - u.Beta1);
        var keep2 = new Vector<float>(1 - u.Beta2);
        var eps = new Vector<float>(u.Epsilon);
        for (int i = start; i < end; i += width)
        {
            var wi = new Vector<float>(w, i);
            var gi = new Vector<float>(g, i);
            switch (rule)
            {
                case UpdateRule.Sgd:
                    (wi - lr * gi).CopyTo(r, i);
                    break;
                case UpdateRule.Momentum:
                case UpdateRule.Nesterov:
                    var v = mu * new Vector<float>(s1!, i) - lr * gi;
                    v.CopyTo(s1!, i);
                    (rule == UpdateRule.Momentum ? wi + v : wi + mu * v - lr * gi).CopyTo(r, i);
                    break;
                default:
                    var m = new Vector<float>(s1!, i);
                    m += (gi - m) * keep1;
                    m.CopyTo(s1!, i);
                    var s = new Vector<float>(s2!, i);
                    s += (gi * gi - s) * keep2;
                    s.CopyTo(s2!, i);
                    if (rule == UpdateRule.AmsGrad)
                    {
                        s = Vector.Max(new Vector<float>(s3!, i), s);
                        s.CopyTo(s3!, i);
                    }
                    (wi - m * lr / (Vector.SquareRoot(s) + eps)).CopyTo(r, i);
                    break;
            }
        }
    }

    public override void Gather(DeviceBuffer x, int outer, int axisLength, int inner, DeviceBuffer indices, int count, DeviceBuffer y)
    {
        float[] xv = Host(x), iv = Host(indices), yv = Host(y);
        ForRows(outer * count, inner, row =>
        {
            int o = row / count, j = row % count;
            xv.AsSpan((o * axisLength + (int)iv[j]) * inner, inner).CopyTo(yv.AsSpan(row * inner, inner));
        });
    }
}
