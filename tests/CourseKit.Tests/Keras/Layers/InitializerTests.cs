using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.LayerTests;

public class InitializerTests
{
    private static (double Mean, double Std, float Min, float Max) Stats(Tensor t)
    {
        var v = t.ToArray();
        double mean = v.Average(x => (double)x);
        double std = Math.Sqrt(v.Average(x => (x - mean) * (x - mean)));
        return (mean, std, v.Min(), v.Max());
    }

    [Fact]
    public void ConstantsFillEveryValue()
    {
        TensorAssert.Exact(new Zeros().Create([2, 2]), [2, 2], 0, 0, 0, 0);
        TensorAssert.Exact(new Ones().Create([3]), [3], 1, 1, 1);
        TensorAssert.Exact(new Constant(0.1f).Create([1, 2]), [1, 2], 0.1f, 0.1f);
        TensorAssert.Exact(new Constant().Create([1]), [1], 0);
    }

    [Fact]
    public void RandomNormalHasKerasDefaults()
    {
        var init = new RandomNormal(seed: 1);
        Assert.Equal((0f, 0.05f), (init.Mean, init.Stddev));
        var (mean, std, _, _) = Stats(init.Create([200, 500]));
        Assert.InRange(mean, -0.001, 0.001);
        Assert.InRange(std, 0.049, 0.051);
        var (m2, s2, _, _) = Stats(new RandomNormal(mean: 3, stddev: 2, seed: 1).Create([200, 500]));
        Assert.InRange(m2, 2.98, 3.02);
        Assert.InRange(s2, 1.98, 2.02);
    }

    [Fact]
    public void RandomUniformHasKerasDefaults()
    {
        var (mean, std, min, max) = Stats(new RandomUniform(seed: 2).Create([200, 500]));
        Assert.True(min >= -0.05f && max < 0.05f, $"values in [{min}, {max}]");
        Assert.InRange(mean, -0.001, 0.001);
        Assert.InRange(std, 0.1 / Math.Sqrt(12) * 0.98, 0.1 / Math.Sqrt(12) * 1.02);
        Assert.Throws<ArgumentException>(() => new RandomUniform(0.1f, -0.1f));
    }

    [Fact]
    public void TruncatedNormalIsCutAtTwoStandardDeviations()
    {
        var (mean, std, min, max) = Stats(new TruncatedNormal(seed: 3).Create([200, 500]));
        Assert.True(min >= -0.1f && max <= 0.1f, $"values in [{min}, {max}]");
        Assert.InRange(mean, -0.001, 0.001);
        // The spread of a unit normal cut at ±2 is 0.8796.
        Assert.InRange(std, 0.05 * 0.8796 * 0.98, 0.05 * 0.8796 * 1.02);
        Assert.Throws<ArgumentException>(() => new TruncatedNormal(stddev: -1));
    }

    public static IEnumerable<object[]> VarianceScalingCases() =>
    [
        // initializer, shape, expected standard deviation, largest allowed |value|
        [new GlorotUniform(seed: 4), new[] { 300, 200 }, Math.Sqrt(6.0 / 500) / Math.Sqrt(3), Math.Sqrt(6.0 / 500)],
        [new GlorotNormal(seed: 4), new[] { 300, 200 }, Math.Sqrt(2.0 / 500), 2 * Math.Sqrt(2.0 / 500) / 0.8796],
        [new HeNormal(seed: 4), new[] { 400, 250 }, Math.Sqrt(2.0 / 400), 2 * Math.Sqrt(2.0 / 400) / 0.8796],
        [new HeUniform(seed: 4), new[] { 400, 250 }, Math.Sqrt(6.0 / 400) / Math.Sqrt(3), Math.Sqrt(6.0 / 400)],
        [new LecunNormal(seed: 4), new[] { 400, 250 }, Math.Sqrt(1.0 / 400), 2 * Math.Sqrt(1.0 / 400) / 0.8796],
        [new LecunUniform(seed: 4), new[] { 400, 250 }, Math.Sqrt(3.0 / 400) / Math.Sqrt(3), Math.Sqrt(3.0 / 400)],
        // A convolution kernel (3, 3, 16, 32): fanIn = 3·3·16 = 144, fanOut = 3·3·32 = 288.
        [new HeNormal(seed: 4), new[] { 3, 3, 16, 32 }, Math.Sqrt(2.0 / 144), 2 * Math.Sqrt(2.0 / 144) / 0.8796],
        [new GlorotUniform(seed: 4), new[] { 5, 5, 32, 64 }, Math.Sqrt(6.0 / (800 + 1600)) / Math.Sqrt(3), Math.Sqrt(6.0 / (800 + 1600))],
        [new VarianceScaling(2, "fan_out", "uniform", seed: 4), new[] { 400, 250 }, Math.Sqrt(2.0 / 250), Math.Sqrt(6.0 / 250)],
        [new VarianceScaling(1, "fan_avg", "untruncated_normal", seed: 4), new[] { 300, 200 }, Math.Sqrt(1.0 / 250), double.PositiveInfinity],
    ];

    [Theory]
    [MemberData(nameof(VarianceScalingCases))]
    public void VarianceScalingFamilyHasTheRightSpread(Initializer init, int[] shape, double expectedStd, double limit)
    {
        var (mean, std, min, max) = Stats(init.Create(shape));
        Assert.Equal(shape, init.Create(shape).Shape);
        Assert.True(Math.Max(-min, max) <= limit * 1.0001, $"{init.ClassName}: |values| up to {Math.Max(-min, max)}, limit {limit}");
        Assert.InRange(mean, -expectedStd * 0.03, expectedStd * 0.03);
        Assert.InRange(std, expectedStd * 0.97, expectedStd * 1.03);
    }

    [Fact]
    public void ASeedGivesTheSameNumbersEveryTime()
    {
        var a = new HeNormal(seed: 7);
        Assert.Equal(a.Create([20, 20]).ToArray(), a.Create([20, 20]).ToArray());
        Assert.Equal(a.Create([20, 20]).ToArray(), new HeNormal(seed: 7).Create([20, 20]).ToArray());
        Assert.NotEqual(a.Create([20, 20]).ToArray(), new HeNormal(seed: 8).Create([20, 20]).ToArray());
        var layer1 = new Dense(5, kernelInitializer: new GlorotUniform(seed: 1), inputShape: [3]);
        var layer2 = new Dense(5, kernelInitializer: new GlorotUniform(seed: 1), inputShape: [3]);
        Assert.Equal(layer1.Kernel!.Value.ToArray(), layer2.Kernel!.Value.ToArray());
    }

    [Fact]
    public void GetAcceptsKerasNamesAndClassNames()
    {
        Assert.IsType<GlorotUniform>(Initializer.Get("glorot_uniform"));
        Assert.IsType<GlorotNormal>(Initializer.Get("glorot_normal"));
        Assert.IsType<HeNormal>(Initializer.Get("he_normal"));
        Assert.IsType<HeUniform>(Initializer.Get("HeUniform"));
        Assert.IsType<LecunNormal>(Initializer.Get("lecun_normal"));
        Assert.IsType<LecunUniform>(Initializer.Get("lecun_uniform"));
        Assert.IsType<Zeros>(Initializer.Get("zeros"));
        Assert.IsType<Ones>(Initializer.Get("Ones"));
        Assert.IsType<Constant>(Initializer.Get("constant"));
        Assert.IsType<RandomNormal>(Initializer.Get("random_normal"));
        Assert.IsType<RandomNormal>(Initializer.Get("normal"));
        Assert.IsType<RandomUniform>(Initializer.Get("uniform"));
        Assert.IsType<TruncatedNormal>(Initializer.Get("truncated_normal"));
        Assert.IsType<VarianceScaling>(Initializer.Get("variance_scaling"));
        foreach (var name in Initializer.Names) Assert.NotNull(Initializer.Get(name));
        Initializer fromString = "he_normal";
        Assert.IsType<HeNormal>(fromString);
    }

    [Fact]
    public void UnknownNamesListTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Initializer.Get("xavier"));
        Assert.Contains("Unknown initializer \"xavier\". Valid names: zeros, ones, constant, random_normal, random_uniform, truncated_normal, " +
                        "glorot_uniform, glorot_normal, he_normal, he_uniform", e.Message);
        Assert.Contains("VarianceScaling: unknown mode \"fan_middle\". Valid values: fan_in, fan_out, fan_avg.",
            Assert.Throws<ArgumentException>(() => new VarianceScaling(mode: "fan_middle")).Message);
    }

    [Fact]
    public void ConfigsUseKerasKeys()
    {
        Assert.Equal(new Dictionary<string, object?> { ["mean"] = 0f, ["stddev"] = 0.05f, ["seed"] = 3 }, new RandomNormal(seed: 3).GetConfig());
        Assert.Equal(new Dictionary<string, object?> { ["minval"] = -0.05f, ["maxval"] = 0.05f, ["seed"] = null }, new RandomUniform().GetConfig());
        Assert.Equal(new Dictionary<string, object?> { ["value"] = 2f }, new Constant(2).GetConfig());
        Assert.Equal(new Dictionary<string, object?> { ["seed"] = 5 }, new HeNormal(5).GetConfig());
        Assert.Empty(new Zeros().GetConfig());
        Assert.Equal("HeNormal", new HeNormal().ClassName);
        Assert.Equal(new Dictionary<string, object?> { ["scale"] = 2f, ["mode"] = "fan_out", ["distribution"] = "uniform", ["seed"] = null },
                     new VarianceScaling(2, "fan_out", "uniform").GetConfig());
    }
}

[Collection(GlobalRandomCollection.Name)]
public class InitializerGlobalRandomTests
{
    [Fact]
    public void WithoutASeedTheGlobalGeneratorDecides()
    {
        Tensor.SetRandomSeed(11);
        var first = new Dense(4, inputShape: [3]).Kernel!.Value.ToArray();
        var second = new HeNormal().Create([10]).ToArray();
        Tensor.SetRandomSeed(11);
        Assert.Equal(first, new Dense(4, inputShape: [3]).Kernel!.Value.ToArray());
        Assert.Equal(second, new HeNormal().Create([10]).ToArray());
        Assert.NotEqual(new HeNormal().Create([10]).ToArray(), second);
    }
}
