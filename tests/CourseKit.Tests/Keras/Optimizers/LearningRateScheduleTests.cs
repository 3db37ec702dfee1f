using static CourseKit.Tests.Keras.Optimizers.OptimizerTestKit;

namespace CourseKit.Tests.Keras.Optimizers;

/// <summary>ExponentialDecay, InverseTimeDecay, PiecewiseConstantDecay, and an optimizer following one step by step.</summary>
public class LearningRateScheduleTests
{
    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(5, 0.070710678118654752)] // 0.1·0.5^0.5
    [InlineData(10, 0.05)]
    [InlineData(25, 0.017677669529663688)] // 0.1·0.5^2.5
    public void ExponentialDecaySmooth(long step, double expected) =>
        Assert.Equal(expected, new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5).At(step), 1e-8);

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(9, 0.1)]
    [InlineData(10, 0.05)]
    [InlineData(19, 0.05)]
    [InlineData(25, 0.025)]
    public void ExponentialDecayStaircase(long step, double expected) =>
        Assert.Equal(expected, new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5, staircase: true).At(step), 1e-8);

    [Theory]
    [InlineData(0, false, 1.0)]
    [InlineData(3, false, 1 / 1.75)] // 1/(1 + 0.5·3/2)
    [InlineData(3, true, 1 / 1.5)] // 1/(1 + 0.5·⌊3/2⌋)
    [InlineData(4, true, 0.5)]
    public void InverseTimeDecayFallsLikeOneOverTime(long step, bool staircase, double expected) =>
        Assert.Equal(expected, new InverseTimeDecay(1.0, decaySteps: 2, decayRate: 0.5, staircase: staircase).At(step), 1e-7);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(2, 1.0)] // step ≤ b₀
    [InlineData(3, 0.5)]
    [InlineData(5, 0.5)]
    [InlineData(6, 0.1)]
    [InlineData(1000, 0.1)]
    public void PiecewiseConstantDecayChangesAfterEachBoundary(long step, double expected) =>
        Assert.Equal(expected, new PiecewiseConstantDecay([2, 5], [1.0, 0.5, 0.1]).At(step), 1e-7);

    [Fact]
    public void PiecewiseConstantDecayNeedsOneMoreValueThanBoundaries()
    {
        var e = Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([2, 5], [1.0, 0.5]));
        Assert.Contains("one more value than boundaries", e.Message);
        Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([5, 2], [1.0, 0.5, 0.1]));
    }

    [Fact]
    public void DecayStepsMustBePositive()
    {
        var e = Assert.Throws<ArgumentException>(() => new ExponentialDecay(0.1, decaySteps: 0, decayRate: 0.9));
        Assert.Contains("decaySteps must be > 0", e.Message);
    }

    [Fact]
    public void TheOptimizerUsesTheScheduleAtItsIterationCount()
    {
        // η = 1, 0.5, 0.25 at steps 0, 1, 2; with g = 1 every step, w = −1 − 0.5 − 0.25.
        var sgd = new SGD(learningRate: new PiecewiseConstantDecay([0, 1], [1.0, 0.5, 0.25]));
        var w = Weight(Device.Cpu, 0f);
        double[] rates = [1.0, 0.5, 0.25];
        double expected = 0;
        for (int step = 0; step < 3; step++)
        {
            Assert.Equal(step, sgd.Iterations);
            Assert.Equal(rates[step], sgd.LearningRate);
            Step(sgd, w, 1);
            expected -= rates[step];
            AssertValues(w, [expected]);
        }
        Assert.Equal(0.25f, sgd.LearningRate); // stays at the last value
    }

    [Fact]
    public void ExponentialDecayDrivesAdamStepByStep()
    {
        var schedule = new ExponentialDecay(0.1, decaySteps: 2, decayRate: 0.5);
        var adam = new Adam(learningRate: schedule);
        for (int step = 0; step < 5; step++)
        {
            Assert.Equal(0.1 * Math.Pow(0.5, step / 2.0), adam.LearningRate, 1e-7);
            Step(adam, Weight(Device.Cpu, 0f), 1);
        }
    }

    [Fact]
    public void AScheduledLearningRateCannotBeSet()
    {
        var sgd = new SGD(learningRate: new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5));
        var e = Assert.Throws<InvalidOperationException>(() => sgd.LearningRate = 0.01f);
        Assert.Contains("follows a schedule", e.Message);
    }

    [Fact]
    public void AFixedLearningRateCanBeSet()
    {
        var sgd = new SGD(learningRate: 0.1);
        sgd.LearningRate = 0.02f;
        var w = Weight(Device.Cpu, 1f);
        Step(sgd, w, 1);
        AssertValues(w, [0.98]);
    }
}
