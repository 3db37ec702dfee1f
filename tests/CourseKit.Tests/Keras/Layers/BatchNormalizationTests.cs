using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.LayerTests;

public class BatchNormalizationTests
{
    // Two features over a batch of three: column means 4 and 3, biased variances 26/3 and 2.
    private static readonly float[,] X = { { 1, 2 }, { 3, 2 }, { 8, 5 } };

    /// <summary>γ = [2, 1], β = [0.5, 0], moving mean/variance as given.</summary>
    private static BatchNormalization Layer(float[] movingMean, float[] movingVariance, float momentum = 0.99f)
    {
        var layer = new BatchNormalization(momentum: momentum, inputShape: [2]);
        layer.SetWeights([new float[] { 2, 1 }, new float[] { 0.5f, 0 }, movingMean, movingVariance]);
        return layer;
    }

    [Fact]
    public void WeightsAreGammaBetaAndTheMovingStatisticsInKerasOrder()
    {
        var layer = new BatchNormalization(inputShape: [3]);
        Assert.Equal(["gamma", "beta", "moving_mean", "moving_variance"], layer.Weights.Select(v => v.Name));
        Assert.Equal([true, true, false, false], layer.Weights.Select(v => v.Trainable));
        Assert.Equal(12, layer.CountParams());
        Assert.Equal(2, layer.TrainableWeights.Count);
        Assert.Equal(2, layer.NonTrainableWeights.Count);
        // γ and the moving variance start at 1, β and the moving mean at 0.
        Assert.Equal([1f, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1], layer.GetWeights().SelectMany(w => w.ToArray()));
        Assert.Matches("^batch_normalization(_[0-9]+)?$", layer.Name);
    }

    [Fact]
    public void CenterAndScaleCanBeLeftOut()
    {
        var layer = new BatchNormalization(center: false, scale: false, inputShape: [3]);
        Assert.Equal(["moving_mean", "moving_variance"], layer.Weights.Select(v => v.Name));
        Assert.Empty(layer.TrainableWeights);
        var onlyScale = new BatchNormalization(center: false, inputShape: [3]);
        Assert.Equal(["gamma", "moving_mean", "moving_variance"], onlyScale.Weights.Select(v => v.Name));
    }

    [Fact]
    public void TrainingNormalisesWithTheBatchMeanAndBiasedVariance()
    {
        var layer = Layer([0, 0], [1, 1]);
        // y = γ·(x − μ)/√(σ² + 0.001) + β, μ = [4, 3], σ² = [26/3, 2].
        TensorAssert.Close(layer.Call(X, training: true), [3, 2], [-1.537981f, -0.70693f, -0.179327f, -0.70693f, 3.217308f, 1.41386f]);
        // moving = 0.99·moving + 0.01·batch: the biased variance (26/3, not 13) goes in, as in Keras.
        TensorAssert.Close(layer.MovingMean!.Value, [2], [0.04f, 0.03f]);
        TensorAssert.Close(layer.MovingVariance!.Value, [2], [1.0766667f, 1.01f]);
    }

    [Fact]
    public void MomentumSetsHowFarTheMovingStatisticsMove()
    {
        var layer = Layer([1, 2], [4, 0.25f], momentum: 0.9f);
        layer.Call(X, training: true);
        TensorAssert.Close(layer.MovingMean!.Value, [2], [1.3f, 2.1f]);
        TensorAssert.Close(layer.MovingVariance!.Value, [2], [4.4666667f, 0.425f]);
        layer.Call(X, training: true);
        TensorAssert.Close(layer.MovingMean!.Value, [2], [0.9f * 1.3f + 0.4f, 0.9f * 2.1f + 0.3f]);
    }

    [Fact]
    public void InferenceUsesTheMovingStatisticsAndLeavesThemAlone()
    {
        var layer = Layer([1, 2], [4, 0.25f]);
        // y = γ·(x − moving mean)/√(moving variance + 0.001) + β.
        TensorAssert.Close(layer.Call(X), [3, 2], [0.5f, 0, 2.49975f, 0, 7.499125f, 5.988036f]);
        TensorAssert.Exact(layer.MovingMean!.Value, [2], 1, 2);
        TensorAssert.Exact(layer.MovingVariance!.Value, [2], 4, 0.25f);
        // One example gives the same answer alone as in the batch.
        TensorAssert.Close(layer.Call(new float[,] { { 3, 2 } }), [1, 2], [2.49975f, 0]);
    }

    [Fact]
    public void AFrozenLayerRunsInInferenceModeEvenInTraining()
    {
        var layer = Layer([1, 2], [4, 0.25f]);
        layer.Trainable = false;
        TensorAssert.Close(layer.Call(X, training: true), [3, 2], [0.5f, 0, 2.49975f, 0, 7.499125f, 5.988036f]);
        TensorAssert.Exact(layer.MovingMean!.Value, [2], 1, 2);
    }

    [Fact]
    public void GradientsFlowThroughTheBatchStatistics()
    {
        var layer = new BatchNormalization(gammaInitializer: new RandomUniform(0.5f, 1.5f, seed: 2), betaInitializer: new RandomNormal(seed: 3));
        LayerChecks.GradientsMatchFiniteDifferences(layer, TensorAssert.RandomArray(12, seed: 4, min: -2, max: 2), [4, 3], training: true);
    }

    [Fact]
    public void InTrainingTheInputGradientOfEachFeatureSumsToZero()
    {
        // Shifting a whole feature shifts its batch mean equally, so the output (and the loss) does not change.
        var layer = new BatchNormalization(inputShape: [2]);
        var x = Tensor.FromArray(X, requiresGrad: true);
        layer.Call(x, training: true).Backward(new float[,] { { 1, -2 }, { 0.5f, 3 }, { 2, 1 } });
        var sums = x.Grad!.Sum(0).ToArray();
        Assert.All(sums, s => Assert.True(Math.Abs(s) < 1e-5, $"column sum {s}"));
        // γ's gradient is Σ upstream · normalised x; β's is Σ upstream.
        TensorAssert.Close(layer.Beta!.Grad!, [2], [3.5f, 2]);
    }

    [Fact]
    public void GradientsInInferenceMatchFiniteDifferences()
    {
        var layer = new BatchNormalization(movingMeanInitializer: new Constant(0.5f), movingVarianceInitializer: new Constant(2f),
                                           gammaInitializer: new Constant(1.5f));
        LayerChecks.GradientsMatchFiniteDifferences(layer, TensorAssert.RandomArray(6, seed: 6), [3, 2]);
    }

    [Fact]
    public void ImagesAreNormalisedPerChannelOverBatchHeightAndWidth()
    {
        var layer = new BatchNormalization();
        var x = Tensor.FromData(TensorAssert.RandomArray(2 * 3 * 3 * 4, seed: 7, min: -3, max: 5), [2, 3, 3, 4]);
        var y = layer.Call(x, training: true);
        Assert.Equal([4], layer.Gamma!.Shape);
        TensorAssert.Close(y.Mean([0, 1, 2]), [4], [0, 0, 0, 0], 1e-4);
        // The output's variance is σ²/(σ² + ε), just under 1.
        var centered = x - x.Mean([0, 1, 2], keepDims: true);
        var before = (centered * centered).Mean([0, 1, 2]).ToArray();
        var after = (y * y).Mean([0, 1, 2]).ToArray();
        for (int c = 0; c < 4; c++) Assert.Equal(before[c] / (before[c] + 1e-3), after[c], 4);
    }

    [Fact]
    public void AnotherFeatureAxisCanBeChosen()
    {
        // (batch 2, features 2, length 3), normalised over axes 0 and 2.
        var layer = new BatchNormalization(axis: 1);
        var x = Tensor.FromData([1, 2, 3, 0, 0, 0, 4, 5, 6, 0, 0, 6], [2, 2, 3]);
        var y = layer.Call(x, training: true).ToArray();
        Assert.Equal([2], layer.Gamma!.Shape);
        // Feature 0: 1 … 6, mean 3.5, variance 17.5/6. Feature 1: five 0s and one 6, mean 1, variance 5.
        float s0 = MathF.Sqrt(17.5f / 6 + 1e-3f), s1 = MathF.Sqrt(5 + 1e-3f);
        TensorAssert.Close([(1 - 3.5f) / s0, (2 - 3.5f) / s0, (3 - 3.5f) / s0, -1 / s1, -1 / s1, -1 / s1,
                            (4 - 3.5f) / s0, (5 - 3.5f) / s0, (6 - 3.5f) / s0, -1 / s1, -1 / s1, 5 / s1], y);
        TensorAssert.Close(layer.MovingMean!.Value, [2], [0.035f, 0.01f]);
    }

    [Fact]
    public void ShapeErrorsNameTheProblem()
    {
        var layer = new BatchNormalization(inputShape: [3]);
        Assert.Contains("expected axis -1 of input shape to have value 3, but received input with shape (None, 4)",
            Assert.Throws<ShapeException>(() => layer.Call(Tensor.Zeros([2, 4]))).Message);
        Assert.Contains("expected ndim=2, found ndim=3",
            Assert.Throws<ShapeException>(() => layer.Call(Tensor.Zeros([2, 5, 3]))).Message);
        Assert.Contains("is the batch axis", Assert.Throws<ShapeException>(() => new BatchNormalization(axis: 0).Call(Tensor.Zeros([2, 3]))).Message);
        Assert.Contains("does not exist", Assert.Throws<ShapeException>(() => new BatchNormalization(axis: 2).Call(Tensor.Zeros([2, 3]))).Message);
        Assert.Throws<ArgumentException>(() => new BatchNormalization(momentum: 1.5f));
        Assert.Throws<ArgumentException>(() => new BatchNormalization(epsilon: 0));
    }

    [Fact]
    public void ConfigHasKerasKeys()
    {
        var config = new BatchNormalization(momentum: 0.9f, epsilon: 1e-5f, center: false).GetConfig();
        Assert.Equal(-1, config["axis"]);
        Assert.Equal(0.9f, config["momentum"]);
        Assert.Equal(1e-5f, config["epsilon"]);
        Assert.Equal(false, config["center"]);
        Assert.Equal(true, config["scale"]);
        Assert.Equal("Ones", Assert.IsType<Dictionary<string, object?>>(config["gamma_initializer"])["class_name"]);
        Assert.Equal("Ones", Assert.IsType<Dictionary<string, object?>>(config["moving_variance_initializer"])["class_name"]);
    }
}
