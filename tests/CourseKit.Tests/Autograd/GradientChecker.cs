using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Autograd;

/// <summary>
/// Compares the gradients autograd computes with central finite differences. The function is evaluated (in float32,
/// without recording a graph) on copies of the inputs with one element moved by ±h; the scalar compared is
/// L = Σ output ⊙ u for a fixed random upstream gradient u, accumulated in float64, so that every output element and
/// every input element is checked. Backward is run with u as the explicit upstream gradient.
/// </summary>
public static class GradientChecker
{
    /// <summary>One input of the checked function: its numbers and shape.</summary>
    public sealed record CheckInput(float[] Data, int[] Shape)
    {
        public int Size => Data.Length;
    }

    public const double DefaultStep = 1e-2;

    /// <summary>|analytic − numeric| must not exceed this times max(1, |numeric|): loose enough for float32 forward
    /// passes, tight enough that a wrong derivative (a missing factor of 2, a wrong sign) fails.</summary>
    public const double DefaultTolerance = 1e-2;

    public static void Check(Device device, Func<Tensor[], Tensor> f, CheckInput[] inputs, double h = DefaultStep, double tolerance = DefaultTolerance)
    {
        var xs = inputs.Select(i => Tensor.FromData(i.Data, i.Shape, device, requiresGrad: true)).ToArray();
        var y = f(xs);
        Assert.True(y.RequiresGrad, "the output should require a gradient");
        var upstream = TensorAssert.RandomArray(y.Size, seed: 12345, min: -1, max: 1);
        y.Backward(Tensor.FromData(upstream, y.Shape, device));

        for (int n = 0; n < inputs.Length; n++)
        {
            var grad = xs[n].Grad;
            Assert.True(grad is not null, $"input {n} received no gradient");
            Assert.Equal(inputs[n].Shape, grad!.Shape);
            var analytic = grad.ToArray();
            for (int j = 0; j < inputs[n].Size; j++)
            {
                float x = inputs[n].Data[j], plus = (float)(x + h), minus = (float)(x - h);
                double numeric = (Loss(device, f, inputs, upstream, n, j, plus) - Loss(device, f, inputs, upstream, n, j, minus)) / ((double)plus - minus);
                double error = Math.Abs(analytic[j] - numeric);
                Assert.True(error <= tolerance * Math.Max(1, Math.Abs(numeric)),
                    $"∂L/∂input{n}[{j}] (value {x}): autograd gives {analytic[j]}, finite differences give {numeric:G6}.");
            }
        }
    }

    private static double Loss(Device device, Func<Tensor[], Tensor> f, CheckInput[] inputs, float[] upstream, int which, int at, float value)
    {
        var tensors = inputs.Select((input, n) =>
        {
            var data = (float[])input.Data.Clone();
            if (n == which) data[at] = value;
            return Tensor.FromData(data, input.Shape, device);
        }).ToArray();
        float[] y;
        using (global::CourseKit.Autograd.NoGrad()) y = f(tensors).ToArray();
        double sum = 0;
        for (int i = 0; i < y.Length; i++) sum += (double)y[i] * upstream[i];
        return sum;
    }
}
