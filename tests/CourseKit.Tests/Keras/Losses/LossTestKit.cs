using CourseKit.Tests.Autograd;

namespace CourseKit.Tests.Keras.Losses;

/// <summary>Small helpers for the loss tests: tensors from numbers, the batch loss as a number, its gradient.</summary>
internal static class LossTestKit
{
    /// <summary>A tensor of <paramref name="shape"/> holding <paramref name="data"/> on <paramref name="device"/>.</summary>
    public static Tensor T(Device device, float[] data, params int[] shape) => Tensor.FromData(data, shape, device);

    /// <summary>The batch loss (Keras's sum_over_batch_size) as a number.</summary>
    public static float Value(Loss loss, Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) =>
        loss.Call(yTrue, yPred, sampleWeight).Item();

    /// <summary>d(batch loss)/d(y_pred), from autograd.</summary>
    public static float[] Gradient(Loss loss, Device device, Tensor yTrue, float[] yPred, int[] shape)
    {
        var p = Tensor.FromData(yPred, shape, device, requiresGrad: true);
        loss.Call(yTrue, p).Backward();
        Assert.NotNull(p.Grad);
        Assert.Equal(shape, p.Grad!.Shape);
        return p.Grad.ToArray();
    }

    /// <summary>Autograd's d(loss)/d(y_pred) against central finite differences (<see cref="GradientChecker"/>).</summary>
    public static void MatchesFiniteDifferences(Device device, Loss loss, float[] yTrue, int[] trueShape, float[] yPred, int[] predShape,
                                                float[]? sampleWeight = null)
    {
        GradientChecker.Check(device, xs =>
        {
            var t = Tensor.FromData(yTrue, trueShape, device);
            var w = sampleWeight is null ? null : Tensor.FromData(sampleWeight, [sampleWeight.Length], device);
            return loss.Call(t, xs[0], w);
        }, [new GradientChecker.CheckInput(yPred, predShape)], h: 1e-3);
    }
}
