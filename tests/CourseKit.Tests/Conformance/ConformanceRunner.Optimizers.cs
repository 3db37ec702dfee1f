using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace CourseKit.Tests.Conformance;

public static partial class ConformanceRunner
{
    /// <summary>
    /// Keras optimizer from the case's settings (read by <see cref="Optimizer.FromConfig"/>, as a saved config would be),
    /// one variable starting at "initial", one step per gradient in order (each gradient reaching the variable through a
    /// backward pass of Σ w·g, whose gradient is g), then the variable compared with "expected".
    /// </summary>
    private static void OptimizerCase(ConformanceCase c, Device device, string label)
    {
        var (rtol, atol) = c.Tolerances();
        var settings = c.Object("optimizer");
        Optimizer optimizer;
        try { optimizer = Optimizer.FromConfig(settings); }
        catch (ArgumentException e) { throw new XunitException($"{label}: the optimizer {settings.ToJsonString()} cannot be created: {e.Message}"); }

        var variable = new Variable("w", c.Tensor("initial").ToTensor(device), trainable: true);
        if (c.Json["gradients"] is not JsonArray gradients) throw c.Fail("\"gradients\" should be an array of tensors.");
        for (int step = 0; step < gradients.Count; step++)
        {
            var g = JsonTensor.Parse(gradients[step] ?? throw c.Fail($"gradients[{step}] is null."), $"{label}: gradients[{step}]");
            (variable.Value * g.ToTensor(device)).Sum().Backward();
            if (variable.Grad is null) throw new XunitException($"{label}: the variable has no gradient after the backward pass of step {step + 1}.");
            optimizer.Apply([variable]);
            if (optimizer.Iterations != step + 1)
                throw new XunitException($"{label}: Iterations is {optimizer.Iterations} after {step + 1} step(s).");
        }
        Check(label, $"variable after {gradients.Count} step(s) of {optimizer.Name}", variable.Value, c.Tensor("expected"), rtol, atol, device);
    }
}
