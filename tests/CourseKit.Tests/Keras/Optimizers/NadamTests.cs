using System.Text.Json;
using System.Text.Json.Nodes;
using CourseKit.Tests.Tensors;
using static CourseKit.Tests.Keras.Optimizers.OptimizerTestKit;

namespace CourseKit.Tests.Keras.Optimizers;

/// <summary>
/// Nadam in Keras 3's form: μₜ = β₁(1 − ½·0.96ᵗ), Πₜ = μ₁⋯μₜ, m ← m + (1−β₁)(g−m), v ← v + (1−β₂)(g²−v),
/// m̂ = μₜ₊₁·m/(1−Πₜ₊₁) + (1−μₜ)·g/(1−Πₜ), v̂ = v/(1−β₂ᵗ), w ← w − η·m̂/(√v̂+ε).
/// </summary>
public class NadamTests
{
    [Fact]
    public void DefaultsAreKeras()
    {
        var nadam = new Nadam();
        Assert.Equal(0.001f, nadam.LearningRate);
        Assert.Equal(0.9, nadam.Beta1);
        Assert.Equal(0.999, nadam.Beta2);
        Assert.Equal(1e-7, nadam.Epsilon);
        Assert.Equal("nadam", nadam.Name);
        Assert.IsType<Nadam>(Optimizer.Get("nadam"));
        Assert.IsType<Nadam>(Optimizer.Get("NAdam"));
    }

    [Fact]
    public void TheMomentumWarmsUpTowardsBeta1()
    {
        var nadam = new Nadam();
        Assert.Equal(0.468, nadam.MomentumAt(1), 12);       // 0.9·(1 − 0.5·0.96)
        Assert.Equal(0.48528, nadam.MomentumAt(2), 12);     // 0.9·(1 − 0.5·0.9216)
        Assert.Equal(0.9, nadam.MomentumAt(100_000), 12);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void FirstStepIsWorkedOutByHand(string device)
    {
        var w = Weight(Devices.Get(device), 1f, 1f, 1f);
        Step(new Nadam(learningRate: 0.01), w, 0.5, -2, 0);
        // t = 1: μ₁ = 0.468, μ₂ = 0.48528, Π₁ = 0.468, Π₂ = 0.22711104; m = 0.1·g, v = 0.001·g², v̂ = g².
        // m̂ = 0.48528·0.1·g/0.77288896 + 0.532·g/0.532 = 1.0627878·g, so the step is 0.01·1.0627878·sign(g)
        // (a little more than Adam's first step of η, because Nadam also counts the fresh gradient in full).
        AssertValues(w, [0.98937212, 1.01062788, 1], 1e-7);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ManyStepsFollowKerasFormulaInDoublePrecision(string device)
    {
        const double lr = 0.05, b1 = 0.8, b2 = 0.99, eps = 1e-7;
        var nadam = new Nadam(learningRate: lr, beta1: b1, beta2: b2, epsilon: eps);
        var w = Weight(Devices.Get(device), 0.3f, -0.7f, 1.1f, 0f);
        double[] expected = [0.3, -0.7, 1.1, 0], m = new double[4], v = new double[4];
        double product = 1; // Πₜ
        for (int t = 1; t <= 20; t++)
        {
            double scale = t <= 5 ? 3 : 0.1;
            var g = TensorAssert.RandomArray(4, seed: 300 + t).Select(x => scale * x).ToArray();
            Step(nadam, w, g);
            double muNow = b1 * (1 - 0.5 * Math.Pow(0.96, t)), muNext = b1 * (1 - 0.5 * Math.Pow(0.96, t + 1));
            product *= muNow;
            double productNext = product * muNext;
            for (int i = 0; i < 4; i++)
            {
                double gi = (float)g[i];
                m[i] += (gi - m[i]) * (1 - b1);
                v[i] += (gi * gi - v[i]) * (1 - b2);
                double mHat = muNext * m[i] / (1 - productNext) + (1 - muNow) * gi / (1 - product);
                double vHat = v[i] / (1 - Math.Pow(b2, t));
                expected[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
        }
        AssertValues(w, expected, 1e-5);
        Assert.Equal(20, nadam.Iterations);
        Assert.Equal(["w/momentum", "w/velocity"], nadam.State().Select(s => s.Name).Order());
    }

    [Fact]
    public void ItDiffersFromAdamAndFindsTheMinimumOfAParabola()
    {
        var a = Weight(Device.Cpu, 3f);
        var b = Copy(a);
        var nadam = new Nadam(learningRate: 0.1);
        var adam = new Adam(learningRate: 0.1);
        for (int step = 0; step < 300; step++)
        {
            Step(nadam, a, 2 * a.Value.Item()); // d/dw of w²
            Step(adam, b, 2 * b.Value.Item());
            if (step == 0) Assert.NotEqual(a.Value.Item(), b.Value.Item());
        }
        Assert.InRange(a.Value.Item(), -0.05f, 0.05f);
    }

    [Fact]
    public void ConfigUsesKerasKeysAndReadsKerasSerializedForm()
    {
        var config = new Nadam(learningRate: 0.002, beta1: 0.85, clipvalue: 0.5).GetConfig();
        Assert.Equal("nadam", config["name"]);
        Assert.Equal(0.002f, config["learning_rate"]);
        Assert.Equal(0.85, config["beta_1"]);
        Assert.Equal(0.999, config["beta_2"]);
        Assert.Equal(1e-7, config["epsilon"]);
        Assert.Equal(0.5f, config["clipvalue"]);
        Assert.False(config.ContainsKey("amsgrad"));

        // As Keras 3 writes a Nadam into a .keras file's config.json.
        const string keras = """
            {"module": "keras.optimizers", "class_name": "Nadam", "registered_name": null,
             "config": {"name": "nadam", "learning_rate": 0.0020000000949949026, "weight_decay": null, "clipnorm": null,
                        "global_clipnorm": null, "clipvalue": null, "use_ema": false, "ema_momentum": 0.99,
                        "ema_overwrite_frequency": null, "loss_scale_factor": null, "gradient_accumulation_steps": null,
                        "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-07}}
            """;
        var nadam = Assert.IsType<Nadam>(Optimizer.FromConfig(JsonNode.Parse(keras)!.AsObject()));
        Assert.Equal(0.002f, nadam.LearningRate);
        Assert.Equal(0.8, nadam.Beta1);
        Assert.Equal(0.99, nadam.Beta2);
    }

    [Fact]
    public void AnAdamOnlySettingInItsConfigIsNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizer.FromConfig(new JsonObject { ["name"] = "nadam", ["amsgrad"] = false }));
        Assert.Contains("amsgrad", e.Message);
    }

    [Fact]
    public void RestoredMidwayItContinuesExactly()
    {
        // Πₜ is not saved: the restored optimizer recomputes it from the step count.
        var original = new Nadam(learningRate: 0.01);
        var w = Weight(Device.Cpu, 0.5f, -1f);
        for (int step = 0; step < 7; step++) Step(original, w, 0.3 * step - 1, 0.2);
        var restored = Optimizer.FromConfig(JsonNode.Parse(JsonSerializer.Serialize(original.GetConfig()))!.AsObject());
        var wRestored = Copy(w);
        restored.LoadState([wRestored], original.State().ToDictionary(s => s.Name, s => s.Value.Clone()), original.Iterations);
        for (int step = 0; step < 3; step++)
        {
            Step(original, w, 0.7, -0.4 * step);
            Step(restored, wRestored, 0.7, -0.4 * step);
        }
        Assert.Equal(w.Value.ToArray(), wRestored.Value.ToArray());
    }

    [SkippableTheory]
    [InlineData(1.0, 0.999)]
    [InlineData(-0.1, 0.999)]
    [InlineData(0.9, 1.0)]
    public void BetasMustBeBelowOne(double beta1, double beta2)
    {
        var e = Assert.Throws<ArgumentException>(() => new Nadam(beta1: beta1, beta2: beta2));
        Assert.Contains("nadam: beta", e.Message);
        Assert.Contains("[0, 1)", e.Message);
    }
}
