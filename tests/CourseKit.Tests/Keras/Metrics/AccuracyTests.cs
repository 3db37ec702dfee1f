using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.Metrics;

/// <summary>Binary, categorical and sparse categorical accuracy: running weighted means over the batches of an epoch.</summary>
public class AccuracyTests
{
    private static Tensor T(Device d, float[] data, params int[] shape) => Tensor.FromData(data, shape, d);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BinaryAccuracyAccumulatesOverBatches(string name)
    {
        var d = Devices.Get(name);
        var accuracy = new BinaryAccuracy();
        Assert.Equal(0f, accuracy.Result()); // nothing seen yet
        // 0.9 → 1 right, 0.6 → 1 wrong, 0.4 → 0 wrong, 0.1 → 0 right: 2 of 4
        accuracy.Update(T(d, [1, 0, 1, 0], 4, 1), T(d, [0.9f, 0.6f, 0.4f, 0.1f], 4, 1));
        Assert.Equal(0.5f, accuracy.Result());
        // a second, smaller batch with both right: 4 of 6 over the epoch (not the mean of the batch results, 0.75)
        accuracy.Update(T(d, [1, 1], 2), T(d, [0.7f, 0.8f], 2, 1));
        Assert.Equal(4f / 6, accuracy.Result(), 6);
        Assert.Equal(6, accuracy.Count);
        accuracy.Reset();
        Assert.Equal(0f, accuracy.Result());
        Assert.Equal(0, accuracy.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BinaryAccuracyThresholdIsStrictAndConfigurable(string name)
    {
        var d = Devices.Get(name);
        var atHalf = new BinaryAccuracy();
        atHalf.Update(T(d, [1, 0], 2, 1), T(d, [0.5f, 0.5f], 2, 1)); // 0.5 is not above 0.5: predicted 0
        Assert.Equal(0.5f, atHalf.Result());

        var logits = new BinaryAccuracy(threshold: 0);
        logits.Update(T(d, [1, 0, 1], 3, 1), T(d, [0.3f, -2, -0.1f], 3, 1));
        Assert.Equal(2f / 3, logits.Result(), 6);
        Assert.Equal(0f, logits.GetConfig()["threshold"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SampleWeightsWeighTheExamples(string name)
    {
        var d = Devices.Get(name);
        var accuracy = new BinaryAccuracy();
        // right, wrong, wrong, right with weights 1, 0, 0, 3: 4/4; then wrong with weight 4: 4/8
        accuracy.Update(T(d, [1, 0, 1, 0], 4, 1), T(d, [0.9f, 0.6f, 0.4f, 0.1f], 4, 1), T(d, [1, 0, 0, 3], 4));
        Assert.Equal(1f, accuracy.Result());
        accuracy.Update(T(d, [1], 1, 1), T(d, [0.2f], 1, 1), T(d, [4], 1, 1));
        Assert.Equal(0.5f, accuracy.Result());
        Assert.Equal(8, accuracy.Count);
        Assert.Throws<ShapeException>(() => accuracy.Update(T(d, [1, 0], 2, 1), T(d, [0.9f, 0.1f], 2, 1), T(d, [1, 1, 1], 3)));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void CategoricalAccuracyComparesArgMaxes(string name)
    {
        var d = Devices.Get(name);
        var accuracy = new CategoricalAccuracy();
        // predicted classes 1, 1, 2 against 1, 0, 2: 2 of 3
        accuracy.Update(T(d, [0, 1, 0, 1, 0, 0, 0, 0, 1], 3, 3), T(d, [0.1f, 0.8f, 0.1f, 0.3f, 0.6f, 0.1f, 0.2f, 0.3f, 0.5f], 3, 3));
        Assert.Equal(2f / 3, accuracy.Result(), 6);
        // logits work as well (the order is what counts); right: 3 of 4
        accuracy.Update(T(d, [1, 0, 0], 1, 3), T(d, [2.5f, -1, 0.3f], 1, 3));
        Assert.Equal(0.75f, accuracy.Result(), 6);
        // with weights: the wrong example weighs 2 → (1 + 0 + 1)/(1 + 2 + 1)
        accuracy.Reset();
        accuracy.Update(T(d, [0, 1, 0, 1, 0, 0, 0, 0, 1], 3, 3), T(d, [0.1f, 0.8f, 0.1f, 0.3f, 0.6f, 0.1f, 0.2f, 0.3f, 0.5f], 3, 3), T(d, [1, 2, 1], 3));
        Assert.Equal(0.5f, accuracy.Result(), 6);

        var e = Assert.Throws<ShapeException>(() => accuracy.Update(T(d, [1, 0, 2], 3), T(d, new float[9], 3, 3)));
        Assert.Contains("(3,), which looks like class indices", e.Message);
        Assert.Contains("use sparse_categorical_accuracy or Preprocessing.ToCategorical(y, 3)", e.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SparseCategoricalAccuracyComparesLabelsWithTheArgMax(string name)
    {
        var d = Devices.Get(name);
        var accuracy = new SparseCategoricalAccuracy();
        var p = T(d, [0.1f, 0.8f, 0.1f, 0.3f, 0.6f, 0.1f, 0.2f, 0.3f, 0.5f], 3, 3);
        accuracy.Update(T(d, [1, 0, 2], 3), p);
        Assert.Equal(2f / 3, accuracy.Result(), 6);
        accuracy.Update(T(d, [1, 0, 2], 3, 1), p); // (batch, 1) labels too
        Assert.Equal(2f / 3, accuracy.Result(), 6);
        Assert.Equal(6, accuracy.Count);
        accuracy.Reset();
        accuracy.Update(T(d, [1, 0, 2], 3), p, T(d, [0, 1, 0], 3)); // only the wrong one counts
        Assert.Equal(0f, accuracy.Result());

        var e = Assert.Throws<ShapeException>(() => accuracy.Update(Tensor.Zeros([32, 10], d), Tensor.Zeros([32, 10], d)));
        Assert.Equal("sparse_categorical_accuracy received one-hot targets of shape (32, 10); use categorical_accuracy, " +
                     "or pass class indices (y.ArgMax(-1)).", e.Message);
    }

    [Fact]
    public void NamesAreKerasDefaults()
    {
        Assert.Equal("binary_accuracy", new BinaryAccuracy().Name);
        Assert.Equal(0.5f, new BinaryAccuracy().Threshold);
        Assert.Equal("categorical_accuracy", new CategoricalAccuracy().Name);
        Assert.Equal("sparse_categorical_accuracy", new SparseCategoricalAccuracy().Name);
        Assert.Equal("accuracy", new SparseCategoricalAccuracy("accuracy").Name);
    }

    [Fact]
    public void UpdatesRecordNoGraph()
    {
        var p = Tensor.FromData([0.9f, 0.2f], [2, 1], requiresGrad: true);
        var accuracy = new BinaryAccuracy();
        accuracy.Update(Tensor.FromData([1f, 0], [2, 1]), p);
        Assert.Equal(1f, accuracy.Result());
        Assert.Null(p.Grad);
    }
}
