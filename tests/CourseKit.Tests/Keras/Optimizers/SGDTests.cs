using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Optimizers.OptimizerTestKit;

namespace CourseKit.Tests.Keras.Optimizers;

/// <summary>SGD: w ← w − η·g; with momentum v ← μ·v − η·g, w ← w + v; Nesterov w ← w + μ·v − η·g.</summary>
public class SGDTests
{
    [Fact]
    public void DefaultsAreKeras()
    {
        var sgd = new SGD();
        Assert.Equal(0.01f, sgd.LearningRate);
        Assert.Equal(0.0, sgd.Momentum);
        Assert.False(sgd.Nesterov);
        Assert.Null(sgd.ClipNorm);
        Assert.Null(sgd.ClipValue);
        Assert.Null(sgd.Schedule);
        Assert.Equal("sgd", sgd.Name);
    }

    [Fact]
    public void DoubleLiteralsCompileAsInTheLecture()
    {
        var sgd = new SGD(learningRate: 0.15);
        Assert.Equal(0.15f, sgd.LearningRate);
        var withMomentum = new SGD(learningRate: 0.1, momentum: 0.9, nesterov: true);
        Assert.Equal(0.9, withMomentum.Momentum);
        Assert.True(withMomentum.Nesterov);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void PlainStepMovesAgainstTheGradient(string device)
    {
        var w = Weight(Devices.Get(device), 1f, -2f, 0.5f);
        Step(new SGD(learningRate: 0.1), w, 0.5, -1, 0);
        AssertValues(w, [1 - 0.1 * 0.5, -2 + 0.1 * 1, 0.5]);
        Assert.Equal(Devices.Get(device), w.Value.Device);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MomentumAccumulatesTheSteps(string device)
    {
        var sgd = new SGD(learningRate: 0.1, momentum: 0.9);
        var w = Weight(Devices.Get(device), 0f, 0f);
        Step(sgd, w, 1, -2);
        // v₁ = −0.1·g₁ = (−0.1, 0.2); w₁ = v₁
        AssertValues(w, [-0.1, 0.2]);
        Step(sgd, w, 0.5, 0.5);
        // v₂ = 0.9·v₁ − 0.1·g₂ = (−0.14, 0.13); w₂ = w₁ + v₂
        AssertValues(w, [-0.1 - 0.14, 0.2 + 0.13]);
        Assert.Equal(2, sgd.Iterations);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void NesterovLooksOneStepAhead(string device)
    {
        var sgd = new SGD(learningRate: 0.1, momentum: 0.9, nesterov: true);
        var w = Weight(Devices.Get(device), 0f, 0f);
        Step(sgd, w, 1, -2);
        // v₁ = (−0.1, 0.2); w₁ = 0.9·v₁ − 0.1·g₁ = (−0.19, 0.38)
        AssertValues(w, [-0.19, 0.38]);
        Step(sgd, w, 0.5, 0.5);
        // v₂ = (−0.14, 0.13); w₂ = w₁ + 0.9·v₂ − 0.1·g₂
        AssertValues(w, [-0.19 + 0.9 * -0.14 - 0.05, 0.38 + 0.9 * 0.13 - 0.05]);
    }

    [Fact]
    public void ManyStepsFollowTheFormulaInDoublePrecision()
    {
        var sgd = new SGD(learningRate: 0.05, momentum: 0.8);
        var w = Weight(Device.Cpu, 0.3f, -0.7f, 1.1f);
        double[] expected = [0.3, -0.7, 1.1], v = new double[3];
        var gradients = Enumerable.Range(0, 12).Select(t => TensorAssert.RandomArray(3, seed: 100 + t)).ToList();
        foreach (var g in gradients)
        {
            Step(sgd, w, g.Select(x => (double)x).ToArray());
            for (int i = 0; i < 3; i++)
            {
                v[i] = 0.8 * v[i] - 0.05 * g[i];
                expected[i] += v[i];
            }
        }
        AssertValues(w, expected, 1e-5);
    }

    [Fact]
    public void WithoutMomentumThereIsNoState()
    {
        var sgd = new SGD(learningRate: 0.1);
        Step(sgd, Weight(Device.Cpu, 1f), 1);
        Assert.Empty(sgd.State());
        var withMomentum = new SGD(learningRate: 0.1, momentum: 0.5);
        Step(withMomentum, Weight(Device.Cpu, 1f), 1);
        Assert.Equal(["w/momentum"], withMomentum.State().Select(s => s.Name));
    }

    [SkippableTheory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void MomentumOutsideZeroToOneIsRejected(double momentum)
    {
        var e = Assert.Throws<ArgumentException>(() => new SGD(momentum: momentum));
        Assert.Contains("momentum", e.Message);
        Assert.Contains("between 0 and 1", e.Message);
    }

    [SkippableTheory]
    [InlineData(0.0)]
    [InlineData(-0.01)]
    [InlineData(double.PositiveInfinity)]
    public void LearningRateMustBePositive(double learningRate)
    {
        var e = Assert.Throws<ArgumentException>(() => new SGD(learningRate: learningRate));
        Assert.Contains("learning rate must be a positive number", e.Message);
    }
}
