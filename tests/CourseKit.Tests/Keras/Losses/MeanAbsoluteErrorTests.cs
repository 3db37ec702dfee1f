using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Losses.LossTestKit;

namespace CourseKit.Tests.Keras.Losses;

/// <summary>Mean absolute error: per example mean of |y_true − y_pred|; gradient ±1/n (0 at the target).</summary>
public class MeanAbsoluteErrorTests
{
    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void HandComputedValueAndGradient(string name)
    {
        var d = Devices.Get(name);
        var yTrue = T(d, [1, 2, 3, 4], 2, 2);
        var loss = new MeanAbsoluteError();
        // example 0: (1 + 0)/2 = 0.5; example 1: (2 + 0)/2 = 1 → 0.75
        Assert.Equal(0.75f, Value(loss, yTrue, T(d, [2, 2, 1, 4], 2, 2)), 6);
        // sign(p − t) / 4 values
        TensorAssert.Close([0.25f, 0, -0.25f, 0], Gradient(loss, d, yTrue, [2, 2, 1, 4], [2, 2]));
        // weights [0, 1]: (0·0.5 + 1·1) / 2 examples
        Assert.Equal(0.5f, Value(loss, yTrue, T(d, [2, 2, 1, 4], 2, 2), T(d, [0, 1], 2)), 6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        // errors kept away from 0, where |e| has its kink
        var yPred = new[] { 0.5f, -1.2f, 2f, 0.3f, -0.7f, 1.1f };
        MatchesFiniteDifferences(Devices.Get(name), new MeanAbsoluteError(), [0, 0, 1, 1, 0, 0], [2, 3], yPred, [2, 3]);
    }

    [Fact]
    public void NameAndConfigAreKeras()
    {
        var loss = new MeanAbsoluteError();
        Assert.Equal("mean_absolute_error", loss.Name);
        Assert.Equal("mean_absolute_error", loss.GetConfig()["name"]);
    }
}
