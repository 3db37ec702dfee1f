using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.Metrics;

/// <summary>MeanAbsoluteErrorMetric and MeanSquaredErrorMetric: the losses' formulas, averaged over the epoch.</summary>
public class ErrorMetricTests
{
    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AccumulateOverBatchesWithWeights(string name)
    {
        var d = Devices.Get(name);
        Metric mae = new MeanAbsoluteErrorMetric(), mse = new MeanSquaredErrorMetric();
        foreach (var m in new[] { mae, mse })
        {
            m.Update(Tensor.FromData([1f, 2], [2, 1], d), Tensor.FromData([2f, 2], [2, 1], d)); // errors 1, 0
            m.Update(Tensor.FromData([0f], [1], d), Tensor.FromData([3f], [1, 1], d));          // error 3
        }
        Assert.Equal(4f / 3, mae.Result(), 6);   // (1 + 0 + 3)/3
        Assert.Equal(10f / 3, mse.Result(), 5);  // (1 + 0 + 9)/3

        mae.Reset();
        mae.Update(Tensor.FromData([1f, 2], [2, 1], d), Tensor.FromData([2f, 2], [2, 1], d), Tensor.FromData([3f, 1], [2], d));
        Assert.Equal(0.75f, mae.Result(), 6);    // (3·1 + 1·0)/(3 + 1)
    }

    [Fact]
    public void SeveralOutputsAreAveragedPerExample()
    {
        var mae = new MeanAbsoluteErrorMetric();
        mae.Update(Tensor.FromData([0f, 0, 0, 0], [2, 2]), Tensor.FromData([1f, 3, 0, 2], [2, 2])); // examples: 2, 1
        Assert.Equal(1.5f, mae.Result());
    }

    [Fact]
    public void NamesAreKerasDefaults()
    {
        Assert.Equal("mean_absolute_error", new MeanAbsoluteErrorMetric().Name);
        Assert.Equal("mean_squared_error", new MeanSquaredErrorMetric().Name);
    }
}
