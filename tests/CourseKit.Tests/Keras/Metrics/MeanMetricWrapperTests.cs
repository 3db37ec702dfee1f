namespace CourseKit.Tests.Keras.Metrics;

/// <summary>The running weighted mean behind the accuracy and error metrics, and custom metrics built on it.</summary>
public class MeanMetricWrapperTests
{
    [Fact]
    public void ACustomFunctionIsAveragedOverTheEpoch()
    {
        var maxError = new MeanMetricWrapper((yTrue, yPred) => (yTrue - yPred).Abs().Max(-1), "max_error");
        maxError.Update(Tensor.FromData([0f, 0, 0, 0], [2, 2]), Tensor.FromData([1f, -3, 0.5f, 0], [2, 2])); // 3, 0.5
        maxError.Update(Tensor.FromData([0f, 0], [1, 2]), Tensor.FromData([2f, 1], [1, 2]), Tensor.FromData([2f], [1])); // 2, weight 2
        Assert.Equal((3 + 0.5 + 2 * 2) / 4.0, maxError.Result(), 6);
        Assert.Equal(7.5, maxError.Total, 6);
        Assert.Equal(4, maxError.Count);
        Assert.Equal("max_error: 1.875", maxError.ToString());
    }

    [Fact]
    public void AFunctionMustGiveOneValuePerExample()
    {
        var wrong = new MeanMetricWrapper((yTrue, yPred) => (yTrue - yPred).Abs().Mean(), "mean_of_batch");
        var e = Assert.Throws<InvalidOperationException>(() => wrong.Update(Tensor.Zeros([2, 1]), Tensor.Ones([2, 1])));
        Assert.Contains("one value per example", e.Message);
    }
}
