using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Optimizers.OptimizerTestKit;

namespace CourseKit.Tests.Keras.Optimizers;

/// <summary>RMSprop: s ← ρs + (1−ρ)g², Δ = ηg/√(s+ε), w ← w − Δ; momentum p ← μp + Δ; centered divides by √(s − ḡ² + ε).</summary>
public class RMSpropTests
{
    [Fact]
    public void DefaultsAreKeras()
    {
        var rmsprop = new RMSprop();
        Assert.Equal(0.001f, rmsprop.LearningRate);
        Assert.Equal(0.9, rmsprop.Rho);
        Assert.Equal(0.0, rmsprop.Momentum);
        Assert.Equal(1e-7, rmsprop.Epsilon);
        Assert.False(rmsprop.Centered);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FirstStep(string device)
    {
        var w = Weight(Devices.Get(device), 1f, 1f);
        Step(new RMSprop(learningRate: 0.01), w, 0.5, -2);
        // s = 0.1·g², so the step is 0.01·g/√(0.1·g² + ε) ≈ 0.01·sign(g)·√10.
        AssertValues(w, [1 - 0.01 * 0.5 / Math.Sqrt(0.1 * 0.25 + 1e-7), 1 + 0.01 * 2 / Math.Sqrt(0.1 * 4 + 1e-7)]);
    }

    [SkippableTheory]
    [InlineData("cpu", 0.0, false)]
    [InlineData("reference", 0.0, false)]
    [InlineData("cpu", 0.7, false)]
    [InlineData("cpu", 0.0, true)]
    [InlineData("reference", 0.5, true)]
    public void ManyStepsFollowTheFormulaInDoublePrecision(string device, double momentum, bool centered)
    {
        const double lr = 0.01, rho = 0.85, eps = 1e-7;
        var rmsprop = new RMSprop(learningRate: lr, rho: rho, momentum: momentum, epsilon: eps, centered: centered);
        var w = Weight(Devices.Get(device), 0.3f, -0.7f, 1.1f);
        double[] expected = [0.3, -0.7, 1.1], s = new double[3], mean = new double[3], p = new double[3];
        for (int t = 0; t < 12; t++)
        {
            var g = TensorAssert.RandomArray(3, seed: 300 + t).Select(x => (double)x).ToArray();
            Step(rmsprop, w, g);
            for (int i = 0; i < 3; i++)
            {
                double gi = (float)g[i];
                s[i] = rho * s[i] + (1 - rho) * gi * gi;
                mean[i] = rho * mean[i] + (1 - rho) * gi;
                double step = lr * gi / Math.Sqrt((centered ? s[i] - mean[i] * mean[i] : s[i]) + eps);
                p[i] = momentum * p[i] + step;
                expected[i] -= momentum > 0 ? p[i] : step;
            }
        }
        AssertValues(w, expected, 1e-5);
    }

    [Fact]
    public void StateHasKerasNames()
    {
        var rmsprop = new RMSprop(momentum: 0.5, centered: true);
        Step(rmsprop, Weight(Device.Cpu, 1f), 1);
        Assert.Equal(["w/average_gradient", "w/momentum", "w/velocity"], rmsprop.State().Select(s => s.Name).Order());
    }
}
