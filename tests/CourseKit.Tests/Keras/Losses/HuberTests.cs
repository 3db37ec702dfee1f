using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Losses.LossTestKit;

namespace CourseKit.Tests.Keras.Losses;

/// <summary>Huber: ½e² for |e| ≤ δ, δ|e| − ½δ² beyond; the gradient is capped at ±δ.</summary>
public class HuberTests
{
    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void QuadraticInsideDeltaLinearOutside(string name)
    {
        var d = Devices.Get(name);
        var yTrue = T(d, [0, 0], 2, 1);
        var yPred = T(d, [0.5f, -2], 2, 1);
        // e = 0.5: ½·0.25 = 0.125; e = −2: 1·2 − ½ = 1.5 → mean 0.8125
        Assert.Equal(0.8125f, Value(new Huber(), yTrue, yPred), 6);
        // gradient e/2 = 0.25 inside; δ·sign(e)/2 = −0.5 outside
        TensorAssert.Close([0.25f, -0.5f], Gradient(new Huber(), d, yTrue, [0.5f, -2], [2, 1]));
        // δ = 2: |e| = 2 is on the boundary and counts as quadratic: ½·4 = 2 → (0.125 + 2)/2
        Assert.Equal(1.0625f, Value(new Huber(delta: 2), yTrue, yPred), 6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        // errors away from ±δ, where the second derivative jumps
        var yPred = new[] { 0.3f, -0.6f, 2.5f, -1.7f, 0.1f, 3f };
        MatchesFiniteDifferences(Devices.Get(name), new Huber(), [0, 0, 0, 0, 0, 0], [3, 2], yPred, [3, 2]);
        MatchesFiniteDifferences(Devices.Get(name), new Huber(delta: 0.5f), [0, 0, 0, 0, 0, 0], [3, 2], yPred, [3, 2]);
    }

    [Fact]
    public void DefaultsNameAndConfigAreKeras()
    {
        var huber = new Huber();
        Assert.Equal(1f, huber.Delta);
        Assert.Equal("huber_loss", huber.Name); // Keras's Huber class is named "huber_loss"
        Assert.Equal(1f, huber.GetConfig()["delta"]);
        Assert.Contains("delta must be a positive number", Assert.Throws<ArgumentException>(() => new Huber(0)).Message);
    }
}
