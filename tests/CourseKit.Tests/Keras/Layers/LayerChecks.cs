using System.Text.Json.Nodes;

namespace CourseKit.Tests.Keras.LayerTests;

/// <summary>Shared checks for the layer tests: finite-difference gradients through a layer, and a config round trip.</summary>
internal static class LayerChecks
{
    /// <summary>
    /// Compares the gradients of L = Σ output ⊙ u (u a fixed random upstream gradient) with respect to the input and to
    /// every trainable weight against central finite differences (forward passes without a graph, L summed in float64).
    /// </summary>
    public static void GradientsMatchFiniteDifferences(Layer layer, float[] input, int[] shape, bool training = false,
                                                       double h = 1e-3, double tolerance = 5e-3)
    {
        var x = Tensor.FromData(input, shape, requiresGrad: true);
        var y = layer.Call(x, training);
        var upstream = Tensors.TensorAssert.RandomArray(y.Size, seed: 99);
        y.Backward(Tensor.FromData(upstream, y.Shape));

        double LossAt(float[] data)
        {
            using var _ = global::CourseKit.Autograd.NoGrad();
            var values = layer.Call(Tensor.FromData(data, shape), training).ToArray();
            return values.Select((v, i) => (double)v * upstream[i]).Sum();
        }

        Compare("input", input, x.Grad, LossAt, h, tolerance);
        foreach (var weight in layer.TrainableWeights)
        {
            var original = weight.Value.ToArray();
            var weightShape = weight.Shape;
            Compare(weight.Name, original, weight.Grad, data =>
            {
                weight.Value = Tensor.FromData(data, weightShape);
                try { return LossAt(input); }
                finally { weight.Value = Tensor.FromData(original, weightShape); }
            }, h, tolerance);
        }
    }

    private static void Compare(string what, float[] at, Tensor? grad, Func<float[], double> loss, double h, double tolerance)
    {
        Assert.True(grad is not null, $"{what} received no gradient.");
        var analytic = grad!.ToArray();
        Assert.Equal(at.Length, analytic.Length);
        for (int j = 0; j < at.Length; j++)
        {
            var plus = (float[])at.Clone();
            var minus = (float[])at.Clone();
            plus[j] = (float)(at[j] + h);
            minus[j] = (float)(at[j] - h);
            double numeric = (loss(plus) - loss(minus)) / ((double)plus[j] - minus[j]);
            Assert.True(Math.Abs(analytic[j] - numeric) <= tolerance * Math.Max(1, Math.Abs(numeric)),
                $"∂L/∂{what}[{j}]: autograd gives {analytic[j]}, finite differences give {numeric:G6}.");
        }
    }

    /// <summary>GetConfig → JSON → LayerRegistry.FromConfig; checks the copy has the same class and the same config.</summary>
    public static T RoundTrip<T>(T layer) where T : Layer
    {
        var json = LayerRegistry.ToJson(layer.GetConfig());
        var copy = LayerRegistry.FromConfig(LayerRegistry.ClassName(layer), (JsonObject)JsonNode.Parse(json.ToJsonString())!);
        Assert.Equal(layer.GetType(), copy.GetType());
        Assert.Equal(json.ToJsonString(), LayerRegistry.ToJson(copy.GetConfig()).ToJsonString());
        return (T)copy;
    }
}
