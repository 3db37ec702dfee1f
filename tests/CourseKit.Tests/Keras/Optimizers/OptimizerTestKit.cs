using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.Optimizers;

/// <summary>Small helpers for the optimizer tests: a weight, one step with a given gradient, checks against doubles.</summary>
internal static class OptimizerTestKit
{
    /// <summary>A trainable 1-D weight named "w" with these numbers on <paramref name="device"/>.</summary>
    public static Variable Weight(Device device, params float[] values) =>
        new("w", Tensor.FromData(values, [values.Length], device), trainable: true);

    /// <summary>Gives <paramref name="w"/> the gradient <paramref name="gradient"/> and applies one step.</summary>
    public static void Step(Optimizer optimizer, Variable w, params double[] gradient)
    {
        w.Value.Grad = Tensor.FromData(gradient.Select(g => (float)g).ToArray(), w.Shape, w.Value.Device);
        optimizer.Apply([w]);
    }

    /// <summary>The weight holds these numbers (float32 computation against double expectations).</summary>
    public static void AssertValues(Variable w, double[] expected, double tolerance = 1e-6) =>
        TensorAssert.Close(expected, w.Value.ToArray(), tolerance);

    /// <summary>The same weight on the same device with the same numbers, for running two optimizers side by side.</summary>
    public static Variable Copy(Variable w) => new(w.Name, w.Value.Clone(), trainable: true);
}
