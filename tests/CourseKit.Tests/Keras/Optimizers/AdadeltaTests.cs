using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Optimizers.OptimizerTestKit;

namespace CourseKit.Tests.Keras.Optimizers;

/// <summary>Adadelta: s ← ρs + (1−ρ)g², Δ = −√(d+ε)/√(s+ε)·g, d ← ρd + (1−ρ)Δ², w ← w + ηΔ.</summary>
public class AdadeltaTests
{
    [Fact]
    public void DefaultsAreKeras()
    {
        var adadelta = new Adadelta();
        Assert.Equal(0.001f, adadelta.LearningRate);
        Assert.Equal(0.95, adadelta.Rho);
        Assert.Equal(1e-7, adadelta.Epsilon);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FirstStepIsTinyBecauseNoStepsHaveBeenTakenYet(string device)
    {
        var w = Weight(Devices.Get(device), 1f, 1f);
        Step(new Adadelta(learningRate: 1.0), w, 0.5, -2);
        // d = 0, so Δ = −√ε·g/√(0.05·g² + ε) ≈ −√(ε/0.05)·sign(g), about 1.4e-3.
        double Delta(double g) => -Math.Sqrt(1e-7) * g / Math.Sqrt(0.05 * g * g + 1e-7);
        AssertValues(w, [1 + Delta(0.5), 1 + Delta(-2)], 1e-7);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ManyStepsFollowTheFormulaInDoublePrecision(string device)
    {
        const double lr = 1.0, rho = 0.9, eps = 1e-6;
        var adadelta = new Adadelta(learningRate: lr, rho: rho, epsilon: eps);
        var w = Weight(Devices.Get(device), 0.3f, -0.7f, 1.1f);
        double[] expected = [0.3, -0.7, 1.1], s = new double[3], d = new double[3];
        for (int t = 0; t < 20; t++)
        {
            var g = TensorAssert.RandomArray(3, seed: 500 + t).Select(x => (double)x).ToArray();
            Step(adadelta, w, g);
            for (int i = 0; i < 3; i++)
            {
                double gi = (float)g[i];
                s[i] = rho * s[i] + (1 - rho) * gi * gi;
                double delta = -Math.Sqrt(d[i] + eps) / Math.Sqrt(s[i] + eps) * gi;
                d[i] = rho * d[i] + (1 - rho) * delta * delta;
                expected[i] += lr * delta;
            }
        }
        AssertValues(w, expected, 1e-5);
        Assert.Equal(["w/accumulated_delta_var", "w/accumulated_grad"], adadelta.State().Select(x => x.Name).Order());
    }
}
