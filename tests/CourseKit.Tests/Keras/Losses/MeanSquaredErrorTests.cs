using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Losses.LossTestKit;

namespace CourseKit.Tests.Keras.Losses;

/// <summary>Mean squared error: per example mean over the outputs of (y_true − y_pred)², then the mean over the batch.</summary>
public class MeanSquaredErrorTests
{
    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AveragesOverOutputsThenOverTheBatch(string name)
    {
        var d = Devices.Get(name);
        var yTrue = T(d, [1, 2, 3, 4], 2, 2);
        var yPred = T(d, [1.5f, 2, 2, 6], 2, 2);
        var loss = new MeanSquaredError();
        // example 0: (0.5² + 0²)/2 = 0.125; example 1: (1² + 2²)/2 = 2.5
        TensorAssert.Close(loss.PerExample(yTrue, yPred), [2], [0.125f, 2.5f]);
        Assert.Equal(1.3125f, Value(loss, yTrue, yPred), 6);
        // ∂/∂p = 2(p − t) / (2 outputs · 2 examples) = (p − t)/2
        TensorAssert.Close([0.25f, 0, -0.5f, 1], Gradient(loss, d, yTrue, [1.5f, 2, 2, 6], [2, 2]));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SampleWeightsScaleExamplesAndDivideByTheBatchSize(string name)
    {
        var d = Devices.Get(name);
        var yTrue = T(d, [1, 2, 3, 4], 2, 2);
        var yPred = T(d, [1.5f, 2, 2, 6], 2, 2);
        var loss = new MeanSquaredError();
        // (2·0.125 + 0·2.5) / 2 examples: Keras's sum_over_batch_size divides by the batch, not by the weights.
        Assert.Equal(0.125f, Value(loss, yTrue, yPred, T(d, [2, 0], 2)), 6);
        Assert.Equal(0.125f, Value(loss, yTrue, yPred, T(d, [2, 0], 2, 1)), 6); // (batch, 1) weights: same, not (batch, batch)
        Assert.Equal(2 * 1.3125f, Value(loss, yTrue, yPred, Tensor.Scalar(2, d)), 5);
        var e = Assert.Throws<ShapeException>(() => loss.Call(yTrue, yPred, T(d, [1, 1, 1], 3)));
        Assert.Contains("sampleWeight has shape (3,) but the batch has 2 examples", e.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TargetsOfShapeBatchFitPredictionsOfShapeBatchByOne(string name)
    {
        var d = Devices.Get(name);
        var loss = new MeanSquaredError();
        // Keras expands (3,) to (3, 1): per-example errors 0, 0, 2² = 4, so no (3, 3) broadcast
        Assert.Equal(4f / 3, Value(loss, T(d, [1, 2, 3], 3), T(d, [1, 2, 5], 3, 1)), 6);
        Assert.Equal(4f / 3, Value(loss, T(d, [1, 2, 3], 3, 1), T(d, [1, 2, 5], 3)), 6);
        Assert.Equal(4f / 3, Value(loss, T(d, [1, 2, 3], 3), T(d, [1, 2, 5], 3)), 6);
    }

    [Fact]
    public void MismatchedShapesNameBothShapes()
    {
        var loss = new MeanSquaredError();
        var e = Assert.Throws<ShapeException>(() => loss.Call(Tensor.Zeros([4, 3]), Tensor.Zeros([4, 1])));
        Assert.Contains("mean_squared_error: y_true has shape (4, 3) but y_pred has shape (4, 1)", e.Message);
        Assert.Contains("units of the last layer", e.Message);

        e = Assert.Throws<ShapeException>(() => loss.Call(Tensor.Zeros([5, 1]), Tensor.Zeros([4, 1])));
        Assert.Contains("y_true has 5 examples (shape (5, 1)) but y_pred has 4 (shape (4, 1))", e.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var d = Devices.Get(name);
        MatchesFiniteDifferences(d, new MeanSquaredError(), TensorAssert.RandomArray(6, 1), [3, 2], TensorAssert.RandomArray(6, 2), [3, 2]);
        MatchesFiniteDifferences(d, new MeanSquaredError(), TensorAssert.RandomArray(3, 3), [3], TensorAssert.RandomArray(3, 4), [3, 1], [0.5f, 2, 1]);
    }

    [Fact]
    public void LabelsOnAnotherDeviceAreMovedToThePredictions()
    {
        var yTrue = Tensor.FromData([1f, 2], [2, 1], Device.Reference);
        var yPred = Tensor.FromData([2f, 2], [2, 1], Device.Cpu, requiresGrad: true);
        var value = new MeanSquaredError().Call(yTrue, yPred);
        Assert.Equal(Device.Cpu, value.Device);
        Assert.Equal(0.5f, value.Item(), 6);
    }
}
