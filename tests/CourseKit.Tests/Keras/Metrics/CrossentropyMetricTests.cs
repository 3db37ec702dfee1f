namespace CourseKit.Tests.Keras.Metrics;

/// <summary>The cross-entropies as metrics: the loss's value per example, averaged over the epoch, and — unlike the
/// reported loss — without the weights' penalties.</summary>
public class CrossentropyMetricTests
{
    // Two examples: p = (0.5, 0.25, 0.25) for class 0 and (0.1, 0.8, 0.1) for class 1: −ln 0.5 = 0.6931, −ln 0.8 = 0.2231.
    private static readonly Tensor Probabilities = Tensor.FromData([0.5f, 0.25f, 0.25f, 0.1f, 0.8f, 0.1f], [2, 3]);
    private const float MeanOfBoth = (0.693147f + 0.223144f) / 2;

    [Fact]
    public void SparseAndOneHotGiveMinusTheLogOfTheRightClassesProbability()
    {
        var sparse = new SparseCategoricalCrossentropyMetric();
        sparse.Update(Tensor.FromData([0, 1], [2]), Probabilities);
        Assert.Equal(MeanOfBoth, sparse.Result(), 5);
        var oneHot = new CategoricalCrossentropyMetric();
        oneHot.Update(Tensor.FromData([1, 0, 0, 0, 1, 0], [2, 3]), Probabilities);
        Assert.Equal(MeanOfBoth, oneHot.Result(), 5);
    }

    [Fact]
    public void TheMeanRunsOverBatchesOfDifferentSizes()
    {
        // Binary: y = 1 with p = 0.8 (0.2231), then y = 0 with p = 0.4 and 0.4 (0.5108 each): (0.2231 + 2·0.5108) / 3.
        var metric = new BinaryCrossentropyMetric();
        metric.Update(Tensor.FromData([1], [1, 1]), Tensor.FromData([0.8f], [1, 1]));
        metric.Update(Tensor.FromData([0, 0], [2, 1]), Tensor.FromData([0.4f, 0.4f], [2, 1]));
        Assert.Equal((0.223144f + 2 * 0.510826f) / 3, metric.Result(), 5);
        metric.Reset();
        Assert.Equal(0f, metric.Result());
    }

    /// <summary>With an L2 penalty the reported loss is J + λΩ while the metric is J alone: their difference is λΩ.</summary>
    [Fact]
    public void WithAPenaltyTheLossMinusTheMetricIsThePenalty()
    {
        var model = new Sequential([new Dense(3, inputShape: [2], activation: "softmax", kernelRegularizer: new L2(0.5f))]);
        model.SetWeights([Tensor.FromData([1, 0, -1, 2, 1, 0], [2, 3]), Tensor.Zeros([3])]); // Σw² = 7: λΩ = 3.5
        model.Compile("sgd", "sparse_categorical_crossentropy", ["sparse_categorical_crossentropy"]);
        var result = model.Evaluate(Tensor.FromData([1, 0, 0, 1], [2, 2]), Tensor.FromData([0, 1], [2]));
        Assert.Equal(3.5f, result.Loss - result["sparse_categorical_crossentropy"], 5);
        // x = (1, 0): scores (1, 0, −1); x = (0, 1): scores (2, 1, 0); each softmax's right class has p = 0.6652 and 0.2447.
        Assert.Equal((-MathF.Log(0.665241f) - MathF.Log(0.244728f)) / 2, result["sparse_categorical_crossentropy"], 4);
    }
}
