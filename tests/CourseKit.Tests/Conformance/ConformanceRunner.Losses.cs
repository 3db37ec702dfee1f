using System.Text.Json.Nodes;

namespace CourseKit.Tests.Conformance;

public static partial class ConformanceRunner
{
    /// <summary>
    /// A loss case: the loss by its Keras name and options (read through <see cref="Loss.FromConfig"/>, so the options are
    /// Keras's argument names), y_true and y_pred on <paramref name="device"/> with y_pred requiring a gradient; compares the
    /// batch loss (Keras's sum_over_batch_size reduction) and d(loss)/d(y_pred).
    /// </summary>
    private static void LossCase(ConformanceCase c, Device device, string label)
    {
        var (rtol, atol) = c.Tolerances();
        var config = new JsonObject { ["name"] = c.TryString("loss") };
        foreach (var (key, option) in c.Object("options")) config[key] = option?.DeepClone();
        var loss = Loss.FromConfig(config);

        var yTrue = c.Tensor("y_true").ToTensor(device);
        var yPred = c.Tensor("y_pred").ToTensor(device, requiresGrad: true);
        var value = loss.Call(yTrue, yPred);
        if (value.Device != device) throw new Xunit.Sdk.XunitException($"{label}: the loss is on {value.Device}, expected {device}.");
        if (value.Size != 1) throw new Xunit.Sdk.XunitException($"{label}: the loss has shape ({string.Join(", ", value.Shape)}), expected one number.");
        var expected = ConformanceCase.Number(c.Json["expected_loss"]) ?? throw c.Fail("\"expected_loss\" should be a number.");
        Tolerance.AssertClose(label, "loss", value.Item(), expected, rtol, atol);

        value.Backward();
        Check(label, "y_pred grad", GradOf(yPred, "y_pred", label), c.Tensor("expected_y_pred_grad"), rtol, atol, device);
    }
}
