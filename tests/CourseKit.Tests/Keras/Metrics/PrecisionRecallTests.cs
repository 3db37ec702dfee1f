using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.Metrics;

/// <summary>Precision = TP/(TP + FP), recall = TP/(TP + FN), with decisions "prediction > threshold".</summary>
public class PrecisionRecallTests
{
    private static Tensor T(Device d, float[] data, params int[] shape) => Tensor.FromData(data, shape, d);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void KerasDocumentationExamples(string name)
    {
        var d = Devices.Get(name);
        // keras.metrics.Precision / Recall: update_state([0, 1, 1, 1], [1, 0, 1, 1]) → 0.6667; with sample_weight [0, 0, 1, 0] → 1.0
        var precision = new Precision();
        precision.Update(T(d, [0, 1, 1, 1], 4), T(d, [1, 0, 1, 1], 4));
        Assert.Equal(2f / 3, precision.Result(), 6);
        precision.Reset();
        precision.Update(T(d, [0, 1, 1, 1], 4), T(d, [1, 0, 1, 1], 4), T(d, [0, 0, 1, 0], 4));
        Assert.Equal(1f, precision.Result());

        var recall = new Recall();
        recall.Update(T(d, [0, 1, 1, 1], 4), T(d, [1, 0, 1, 1], 4));
        Assert.Equal(2f / 3, recall.Result(), 6);
        recall.Reset();
        recall.Update(T(d, [0, 1, 1, 1], 4), T(d, [1, 0, 1, 1], 4), T(d, [0, 0, 1, 0], 4));
        Assert.Equal(1f, recall.Result());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void HandCountedOverTwoBatches(string name)
    {
        var d = Devices.Get(name);
        var precision = new Precision();
        var recall = new Recall();
        // batch 1: 0.6 on a negative (FP), 0.9 on a positive (TP), 0.2 on a positive (FN), 0.5 on a negative (not above 0.5: TN)
        // batch 2: 0.7 on a positive (TP), 0.3 on a positive (FN)
        foreach (var m in new Metric[] { precision, recall })
        {
            m.Update(T(d, [0, 1, 1, 0], 4, 1), T(d, [0.6f, 0.9f, 0.2f, 0.5f], 4, 1));
            m.Update(T(d, [1, 1], 2), T(d, [0.7f, 0.3f], 2, 1));
        }
        Assert.Equal((2.0, 1.0), (precision.TruePositives, precision.FalsePositives));
        Assert.Equal((2.0, 2.0), (recall.TruePositives, recall.FalseNegatives));
        Assert.Equal(2f / 3, precision.Result(), 6); // 2/(2 + 1)
        Assert.Equal(0.5f, recall.Result(), 6);      // 2/(2 + 2)
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ThresholdAndWeights(string name)
    {
        var d = Devices.Get(name);
        var precision = new Precision(threshold: 0.8f);
        // only 0.9 is above 0.8 (a TP) → 1; weights make the FP at 0.85 count 3 → 1/(1 + 3)
        precision.Update(T(d, [1, 0, 1], 3, 1), T(d, [0.9f, 0.6f, 0.7f], 3, 1));
        Assert.Equal(1f, precision.Result());
        precision.Update(T(d, [0], 1, 1), T(d, [0.85f], 1, 1), T(d, [3], 1));
        Assert.Equal(0.25f, precision.Result());
    }

    [Fact]
    public void NothingToCountGivesZero()
    {
        var precision = new Precision();
        precision.Update(Tensor.FromData([1f, 0], [2, 1]), Tensor.FromData([0.1f, 0.2f], [2, 1])); // nothing predicted positive
        Assert.Equal(0f, precision.Result());
        var recall = new Recall();
        recall.Update(Tensor.FromData([0f, 0], [2, 1]), Tensor.FromData([0.9f, 0.2f], [2, 1])); // no positive targets
        Assert.Equal(0f, recall.Result());
    }

    [Fact]
    public void OneHotRowsAreJudgedOutputByOutput()
    {
        var precision = new Precision();
        // 6 decisions: above 0.5 are 0.7 (target 1: TP) and 0.6 (target 0: FP)
        precision.Update(Tensor.FromData([0f, 1, 0, 1, 0, 0], [2, 3]), Tensor.FromData([0.2f, 0.7f, 0.1f, 0.3f, 0.6f, 0.1f], [2, 3]));
        Assert.Equal(0.5f, precision.Result());
        var e = Assert.Throws<ShapeException>(() => precision.Update(Tensor.FromData([1f, 2], [2]), Tensor.Full([2, 3], 0.3f)));
        Assert.Contains("Preprocessing.ToCategorical", e.Message);
    }
}
