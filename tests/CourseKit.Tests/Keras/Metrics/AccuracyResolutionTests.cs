namespace CourseKit.Tests.Keras.Metrics;

/// <summary>How the string "accuracy" becomes a metric: from the loss, then the output shape, then the first batch's shapes.</summary>
public class AccuracyResolutionTests
{
    [Fact]
    public void TheLossDecides()
    {
        var binary = Assert.IsType<BinaryAccuracy>(Metric.Get("accuracy", new BinaryCrossentropy()));
        Assert.Equal("accuracy", binary.Name); // logged as "accuracy", as Keras does
        Assert.Equal(0.5f, binary.Threshold);
        Assert.IsType<CategoricalAccuracy>(Metric.Get("accuracy", new CategoricalCrossentropy()));
        Assert.IsType<SparseCategoricalAccuracy>(Metric.Get("accuracy", new SparseCategoricalCrossentropy(fromLogits: true)));
        Assert.IsType<SparseCategoricalAccuracy>(Metric.Get("accuracy", "sparse_categorical_crossentropy"));
        // a binary loss on logits: threshold 0, which means the same as p > 0.5
        Assert.Equal(0f, Assert.IsType<BinaryAccuracy>(Metric.Get("accuracy", new BinaryCrossentropy(fromLogits: true))).Threshold);
        // "acc" is logged as "acc"
        Assert.Equal("acc", Metric.Get("acc", new CategoricalCrossentropy()).Name);
    }

    [Fact]
    public void OtherwiseAnOutputOfOneUnitMeansBinary()
    {
        Assert.IsType<BinaryAccuracy>(Metric.Get("accuracy", new MeanSquaredError(), [1]));
        Assert.IsType<BinaryAccuracy>(Metric.Get("accuracy", null, [-1, 1]));
        Assert.IsType<Accuracy>(Metric.Get("accuracy", new MeanSquaredError(), [10]));
        Assert.IsType<Accuracy>(Metric.Get("accuracy"));
    }

    [Theory]
    [InlineData(new[] { 4, 1 }, new[] { 4, 1 }, typeof(BinaryAccuracy))]
    [InlineData(new[] { 4 }, new[] { 4, 1 }, typeof(BinaryAccuracy))]
    [InlineData(new[] { 4 }, new[] { 4 }, typeof(BinaryAccuracy))]
    [InlineData(new[] { 4 }, new[] { 4, 3 }, typeof(SparseCategoricalAccuracy))]
    [InlineData(new[] { 4, 1 }, new[] { 4, 3 }, typeof(SparseCategoricalAccuracy))]
    [InlineData(new[] { 4, 3 }, new[] { 4, 3 }, typeof(CategoricalAccuracy))]
    public void WithoutEitherTheFirstBatchDecides(int[] trueShape, int[] predShape, Type expected)
    {
        var accuracy = (Accuracy)Metric.Get("accuracy");
        Assert.Null(accuracy.Resolved);
        Assert.Equal(0f, accuracy.Result());
        var yTrue = Tensor.Zeros(trueShape);
        var yPred = Tensor.Full(predShape, 0.2f);
        accuracy.Update(yTrue, yPred);
        Assert.IsType(expected, accuracy.Resolved);
        Assert.Equal("accuracy", accuracy.Resolved!.Name);
        Assert.Equal(accuracy.Resolved.Result(), accuracy.Result());
    }

    [Fact]
    public void TheLazyAccuracyAccumulatesAndResets()
    {
        var accuracy = new Accuracy();
        var p = Tensor.FromData([0.1f, 0.8f, 0.1f, 0.3f, 0.6f, 0.1f], [2, 3]);
        accuracy.Update(Tensor.FromData([1f, 0], [2]), p); // sparse: 1 of 2
        accuracy.Update(Tensor.FromData([1f, 1], [2]), p); // 3 of 4
        Assert.Equal(0.75f, accuracy.Result());
        accuracy.Reset();
        Assert.Equal(0f, accuracy.Result());
        Assert.IsType<SparseCategoricalAccuracy>(accuracy.Resolved); // the kind is kept
    }
}
