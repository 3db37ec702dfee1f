using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Optimizers.OptimizerTestKit;

namespace CourseKit.Tests.Keras.Optimizers;

/// <summary>Adagrad: a ← a + g² (a starting at initial_accumulator_value), w ← w − ηg/√(a+ε).</summary>
public class AdagradTests
{
    [Fact]
    public void DefaultsAreKeras()
    {
        var adagrad = new Adagrad();
        Assert.Equal(0.001f, adagrad.LearningRate);
        Assert.Equal(0.1, adagrad.InitialAccumulatorValue);
        Assert.Equal(1e-7, adagrad.Epsilon);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AccumulatorStartsAtTheInitialValueNotZero(string device)
    {
        var w = Weight(Devices.Get(device), 1f, 1f, 1f);
        var adagrad = new Adagrad(learningRate: 0.1);
        Step(adagrad, w, 0.5, -2, 0);
        // a = 0.1 + g²; with a zero start the first step would be 0.1·sign(g) instead.
        AssertValues(w, [1 - 0.1 * 0.5 / Math.Sqrt(0.1 + 0.25 + 1e-7), 1 + 0.1 * 2 / Math.Sqrt(0.1 + 4 + 1e-7), 1]);
        var (name, accumulator) = Assert.Single(adagrad.State());
        Assert.Equal("w/accumulator", name);
        TensorAssert.Close([0.1 + 0.25, 0.1 + 4, 0.1], accumulator.ToArray());
    }

    [Fact]
    public void ManyStepsFollowTheFormulaInDoublePrecision()
    {
        const double lr = 0.2, a0 = 0.5, eps = 1e-7;
        var adagrad = new Adagrad(learningRate: lr, initialAccumulatorValue: a0, epsilon: eps);
        var w = Weight(Device.Reference, 0.3f, -0.7f, 1.1f);
        double[] expected = [0.3, -0.7, 1.1], a = [a0, a0, a0];
        for (int t = 0; t < 10; t++)
        {
            var g = TensorAssert.RandomArray(3, seed: 400 + t).Select(x => (double)x).ToArray();
            Step(adagrad, w, g);
            for (int i = 0; i < 3; i++)
            {
                double gi = (float)g[i];
                a[i] += gi * gi;
                expected[i] -= lr * gi / Math.Sqrt(a[i] + eps);
            }
        }
        AssertValues(w, expected, 1e-5);
    }

    [Fact]
    public void NegativeInitialAccumulatorIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Adagrad(initialAccumulatorValue: -1));
        Assert.Contains("initialAccumulatorValue", e.Message);
    }
}
