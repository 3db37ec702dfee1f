using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Optimizers.OptimizerTestKit;

namespace CourseKit.Tests.Keras.Optimizers;

/// <summary>Adam in Keras 3's form: m ← m + (1−β₁)(g−m), v ← v + (1−β₂)(g²−v), ηₜ = η√(1−β₂ᵗ)/(1−β₁ᵗ), w ← w − ηₜ·m/(√v+ε).</summary>
public class AdamTests
{
    [Fact]
    public void DefaultsAreKeras()
    {
        var adam = new Adam();
        Assert.Equal(0.001f, adam.LearningRate);
        Assert.Equal(0.9, adam.Beta1);
        Assert.Equal(0.999, adam.Beta2);
        Assert.Equal(1e-7, adam.Epsilon);
        Assert.False(adam.Amsgrad);
        Assert.Equal("adam", adam.Name);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FirstStepIsAboutTheLearningRateTimesTheSign(string device)
    {
        var w = Weight(Devices.Get(device), 1f, 1f, 1f);
        Step(new Adam(learningRate: 0.01), w, 0.5, -2, 0);
        // t = 1: m = 0.1·g, v = 0.001·g², ηₜ = 0.01·√0.001/0.1, so the step is ηₜ·0.1·g/(√0.001·|g| + ε) ≈ 0.01·sign(g).
        double stepSize = 0.01 * Math.Sqrt(1 - 0.999) / (1 - 0.9);
        double Step1(double g) => stepSize * 0.1 * g / (Math.Sqrt(0.001 * g * g) + 1e-7);
        AssertValues(w, [1 - Step1(0.5), 1 - Step1(-2), 1]);
        Assert.InRange(1 - w.Value.ToArray()[0], 0.0099, 0.01); // just under η: ε takes a little
    }

    [SkippableTheory]
    [InlineData("cpu", false)]
    [InlineData("reference", false)]
    [InlineData("cpu", true)]
    [InlineData("reference", true)]
    public void ManyStepsFollowTheFormulaInDoublePrecision(string device, bool amsgrad)
    {
        const double lr = 0.05, b1 = 0.8, b2 = 0.99, eps = 1e-7;
        var adam = new Adam(learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, amsgrad: amsgrad);
        var w = Weight(Devices.Get(device), 0.3f, -0.7f, 1.1f, 0f);
        double[] expected = [0.3, -0.7, 1.1, 0], m = new double[4], v = new double[4], vMax = new double[4];
        for (int t = 1; t <= 15; t++)
        {
            // Large gradients first, then small ones, so that AMSGrad's max(v) differs from v.
            double scale = t <= 5 ? 3 : 0.1;
            var g = TensorAssert.RandomArray(4, seed: 200 + t).Select(x => scale * x).ToArray();
            Step(adam, w, g);
            double stepSize = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
            for (int i = 0; i < 4; i++)
            {
                double gi = (float)g[i];
                m[i] += (gi - m[i]) * (1 - b1);
                v[i] += (gi * gi - v[i]) * (1 - b2);
                vMax[i] = Math.Max(vMax[i], v[i]);
                expected[i] -= stepSize * m[i] / (Math.Sqrt(amsgrad ? vMax[i] : v[i]) + eps);
            }
        }
        AssertValues(w, expected, 1e-5);
        Assert.Equal(15, adam.Iterations);
    }

    [Fact]
    public void AmsgradChangesTheResultWhenGradientsShrink()
    {
        var plain = Weight(Device.Cpu, 0f);
        var ams = Copy(plain);
        var a = new Adam(learningRate: 0.1);
        var b = new Adam(learningRate: 0.1, amsgrad: true);
        foreach (var g in new[] { 10.0, 10, 0.01, 0.01, 0.01 })
        {
            Step(a, plain, g);
            Step(b, ams, g);
        }
        Assert.NotEqual(plain.Value.Item(), ams.Value.Item());
        Assert.Equal(["w/momentum", "w/velocity", "w/velocity_hat"], b.State().Select(s => s.Name).Order());
        Assert.Equal(["w/momentum", "w/velocity"], a.State().Select(s => s.Name).Order());
    }

    [Fact]
    public void ScheduleAsTheLearningRateCompiles()
    {
        var adam = new Adam(learningRate: new ExponentialDecay(1e-3, decaySteps: 1000, decayRate: 0.96));
        Assert.Equal(1e-3f, adam.LearningRate);
        Assert.IsType<ExponentialDecay>(adam.Schedule);
    }

    [SkippableTheory]
    [InlineData(1.0, 0.999)]
    [InlineData(-0.1, 0.999)]
    [InlineData(0.9, 1.0)]
    public void BetasMustBeBelowOne(double beta1, double beta2)
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam(beta1: beta1, beta2: beta2));
        Assert.Contains("[0, 1)", e.Message);
    }
}
