using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.Metrics;

/// <summary>AUC as Keras computes it: evenly spaced thresholds, ROC points, trapezoids.</summary>
public class AUCTests
{
    private static Tensor T(Device d, float[] data, params int[] shape) => Tensor.FromData(data, shape, d);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void KerasDocumentationExample(string name)
    {
        var d = Devices.Get(name);
        // keras.metrics.AUC(num_thresholds=3): update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9]) → 0.75
        // thresholds −ε, 0.5, 1 + ε: (FPR, TPR) = (1, 1), (0, 0.5), (0, 0); area (1 − 0)·(1 + 0.5)/2 = 0.75
        var auc = new AUC(numThresholds: 3);
        Assert.Equal([-1e-7f, 0.5f, 1 + 1e-7f], auc.Thresholds);
        auc.Update(T(d, [0, 0, 1, 1], 4), T(d, [0, 0.5f, 0.3f, 0.9f], 4));
        Assert.Equal([2.0, 1, 0], auc.TruePositives);
        Assert.Equal([2.0, 0, 0], auc.FalsePositives);
        Assert.Equal([0.0, 2, 2], auc.TrueNegatives);
        Assert.Equal([0.0, 1, 2], auc.FalseNegatives);
        Assert.Equal(0.75f, auc.Result(), 6);
        // with sample_weight [1, 0, 0, 1] → 1.0
        auc.Reset();
        auc.Update(T(d, [0, 0, 1, 1], 4), T(d, [0, 0.5f, 0.3f, 0.9f], 4), T(d, [1, 0, 0, 1], 4));
        Assert.Equal(1f, auc.Result(), 6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void WithTwoHundredThresholdsItMatchesTheExactArea(string name)
    {
        var d = Devices.Get(name);
        // exact AUC of [0, 0, 1, 1] vs [0.1, 0.4, 0.35, 0.8]: of the 4 (positive, negative) pairs, 3 are ordered right → 0.75;
        // every prediction lies between different thresholds, so Keras's curve has the same corners.
        var auc = new AUC();
        Assert.Equal(200, auc.Thresholds.Count);
        Assert.Equal(1f / 199, auc.Thresholds[1]);
        auc.Update(T(d, [0, 0, 1, 1], 4, 1), T(d, [0.1f, 0.4f, 0.35f, 0.8f], 4, 1));
        Assert.Equal(0.75f, auc.Result(), 5);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AccumulatesOverBatchesLikeOneBigBatch(string name)
    {
        var d = Devices.Get(name);
        var split = new AUC();
        split.Update(T(d, [0, 1], 2), T(d, [0.1f, 0.35f], 2));
        split.Update(T(d, [0, 1], 2), T(d, [0.4f, 0.8f], 2));
        Assert.Equal(0.75f, split.Result(), 5);
    }

    [Fact]
    public void PredictionsBetweenTheSameThresholdsTie()
    {
        // 0.500 and 0.501 both lie between 99/199 and 100/199: Keras's AUC sees a tie (0.5), the exact AUC is 1
        var auc = new AUC();
        auc.Update(Tensor.FromData([0f, 1], [2]), Tensor.FromData([0.5f, 0.501f], [2]));
        Assert.Equal(0.5f, auc.Result(), 6);
        auc.Reset();
        auc.Update(Tensor.FromData([0f, 1], [2]), Tensor.FromData([0.2f, 0.9f], [2]));
        Assert.Equal(1f, auc.Result(), 6);
    }

    [Fact]
    public void LogitsNeedFromLogits()
    {
        var logits = Tensor.FromData([-2.1972246f, -0.4054651f, -0.6190392f, 1.3862944f], [4]); // logit of 0.1, 0.4, 0.35, 0.8
        var labels = Tensor.FromData([0f, 0, 1, 1], [4]);
        var e = Assert.Throws<ArgumentException>(() => new AUC().Update(labels, logits));
        Assert.Contains("fromLogits: true", e.Message);
        var auc = new AUC(fromLogits: true);
        auc.Update(labels, logits);
        Assert.Equal(0.75f, auc.Result(), 5);
    }

    [Fact]
    public void DefaultsAndConfigAreKeras()
    {
        var auc = new AUC();
        Assert.Equal("auc", auc.Name);
        Assert.Equal(0f, auc.Result());
        var config = auc.GetConfig();
        Assert.Equal(200, config["num_thresholds"]);
        Assert.Equal("ROC", config["curve"]);
        Assert.Equal("interpolation", config["summation_method"]);
        Assert.Throws<ArgumentException>(() => new AUC(numThresholds: 1));
    }
}
