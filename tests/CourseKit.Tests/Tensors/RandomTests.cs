namespace CourseKit.Tests.Tensors;

/// <summary>Random tensors and the Keras weight initialisers: reproducibility, statistics and limits.</summary>
[Collection(GlobalRandomCollection.Name)]
public class RandomTests
{
    private static (double Mean, double Std) Stats(Tensor t)
    {
        var v = t.ToArray().Select(x => (double)x).ToArray();
        double mean = v.Average();
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Length));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void SetRandomSeedMakesRandomTensorsReproducible(string device)
    {
        var d = Devices.Get(device);
        Tensor.SetRandomSeed(42);
        var a = Tensor.RandomNormal([100], device: d).ToArray();
        var u = Tensor.RandomUniform([100], device: d).ToArray();
        Tensor.SetRandomSeed(42);
        var b = Tensor.RandomNormal([100], device: d).ToArray();
        var v = Tensor.RandomUniform([100], device: d).ToArray();
        Tensor.SetRandomSeed(43);
        var c = Tensor.RandomNormal([100], device: d).ToArray();

        Assert.Equal(a, b);
        Assert.Equal(u, v);
        Assert.NotEqual(a, c);
        Assert.True(a.Zip(c).Count(p => p.First != p.Second) > 90, "a different seed should change (almost) every number");
        // Successive draws from one seed differ from each other.
        Assert.NotEqual(a, Tensor.RandomNormal([100], device: d).ToArray());
    }

    [Fact]
    public void TheSameSeedGivesTheSameNumbersOnEveryDevice()
    {
        Tensor.SetRandomSeed(7);
        var cpu = Tensor.RandomNormal([50], device: Device.Cpu).ToArray();
        Tensor.SetRandomSeed(7);
        var reference = Tensor.RandomNormal([50], device: Device.Reference).ToArray();
        Assert.Equal(cpu, reference);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AnExplicitSeedIsReproducibleAndLeavesTheGlobalGeneratorAlone(string device)
    {
        var d = Devices.Get(device);
        Tensor.SetRandomSeed(1);
        var first = Tensor.RandomUniform([20], device: d).ToArray();

        Tensor.SetRandomSeed(1);
        var s1 = Tensor.RandomNormal([20], seed: 5, device: d).ToArray();
        var s2 = Tensor.RandomNormal([20], seed: 5, device: d).ToArray();
        var s3 = Tensor.RandomNormal([20], seed: 6, device: d).ToArray();
        var afterSeeded = Tensor.RandomUniform([20], device: d).ToArray();

        Assert.Equal(s1, s2);
        Assert.NotEqual(s1, s3);
        Assert.Equal(first, afterSeeded); // the seeded draws did not consume the global generator
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void RandomNormalHasTheRequestedMeanAndStandardDeviation(string device)
    {
        // 10 000 samples: the standard error of the mean is σ/100, of the standard deviation about σ/141.
        var (mean, std) = Stats(Tensor.RandomNormal([100, 100], mean: 3, stddev: 2, seed: 11, device: Devices.Get(device)));
        Assert.InRange(mean, 3 - 0.1, 3 + 0.1);
        Assert.InRange(std, 2 - 0.08, 2 + 0.08);

        var (m0, s0) = Stats(Tensor.RandomNormal([10_000], seed: 12, device: Devices.Get(device)));
        Assert.InRange(m0, -0.05, 0.05);
        Assert.InRange(s0, 0.96, 1.04);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void RandomUniformStaysInItsBoundsAndIsFlat(string device)
    {
        var t = Tensor.RandomUniform([10_000], minval: -2, maxval: 5, seed: 3, device: Devices.Get(device));
        var v = t.ToArray();
        Assert.All(v, x => Assert.InRange(x, -2f, 5f));
        Assert.True(v.All(x => x < 5f), "maxval is excluded");
        Assert.True(v.Min() < -1.95f && v.Max() > 4.95f, "10 000 draws should come close to both ends");
        var (mean, std) = Stats(t);
        Assert.InRange(mean, 1.5 - 0.1, 1.5 + 0.1);                       // (a + b) / 2
        Assert.InRange(std, 7 / Math.Sqrt(12) - 0.06, 7 / Math.Sqrt(12) + 0.06); // (b − a) / √12
        // Each of 7 unit-wide bins holds about a seventh.
        for (int bin = -2; bin < 5; bin++)
            Assert.InRange(v.Count(x => x >= bin && x < bin + 1), 1300, 1560);
    }

    [Fact]
    public void RandomUniformNeedsMaxAboveMin()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.RandomUniform([2], minval: 1, maxval: 1));
        Assert.Contains("maxval (1)", e.Message);
        Assert.Contains("minval (1)", e.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TruncatedNormalIsCutAtTwoStandardDeviations(string device)
    {
        var v = Tensor.TruncatedNormal([10_000], mean: 1, stddev: 0.5f, seed: 4, device: Devices.Get(device)).ToArray();
        Assert.All(v, x => Assert.InRange(x, 1 - 2 * 0.5f - 1e-6f, 1 + 2 * 0.5f + 1e-6f));
        Assert.InRange(v.Average(), 0.98, 1.02);
    }

    [Fact]
    public void FansFollowKeras()
    {
        Assert.Equal((300, 100), Tensor.Fans([300, 100]));
        Assert.Equal((9, 288), Tensor.Fans([3, 3, 1, 32]));   // receptive field 3·3 = 9: fanIn 9·1, fanOut 9·32
        Assert.Equal((5 * 5 * 16, 5 * 5 * 8), Tensor.Fans([5, 5, 16, 8]));
        Assert.Equal((7, 7), Tensor.Fans([7]));
        Assert.Equal((1, 1), Tensor.Fans([]));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void GlorotUniformRespectsItsLimit(string device)
    {
        var d = Devices.Get(device);
        float dense = MathF.Sqrt(6f / (300 + 100)); // 0.1225
        var w = Tensor.GlorotUniform([300, 100], seed: 1, device: d).ToArray();
        Assert.All(w, x => Assert.InRange(x, -dense, dense));
        Assert.True(w.Max() > 0.99f * dense && w.Min() < -0.99f * dense, "30 000 draws should reach the limit");

        float conv = MathF.Sqrt(6f / (9 + 288)); // 0.1421 (see FansFollowKeras)
        var k = Tensor.GlorotUniform([3, 3, 1, 32], seed: 2, device: d);
        Assert.Equal([3, 3, 1, 32], k.Shape);
        var kv = k.ToArray();
        Assert.All(kv, x => Assert.InRange(x, -conv, conv));
        Assert.True(kv.Max(MathF.Abs) > 0.9f * conv, "288 draws should come near the limit");
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void HeNormalHasStandardDeviationSqrtTwoOverFanIn(string device)
    {
        var t = Tensor.HeNormal([500, 40], seed: 9, device: Devices.Get(device));
        double expected = Math.Sqrt(2.0 / 500); // 0.0632
        var (mean, std) = Stats(t);
        Assert.InRange(mean, -0.003, 0.003);
        Assert.InRange(std, expected * 0.97, expected * 1.03);
        // The truncation is at two of the underlying (widened) standard deviations.
        Assert.All(t.ToArray(), x => Assert.InRange(Math.Abs(x), 0, 2 * expected / 0.8796 + 1e-6));
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void GlorotNormalAndHeUniformScaleWithTheFans(string device)
    {
        var d = Devices.Get(device);
        var (_, std) = Stats(Tensor.GlorotNormal([200, 100], seed: 5, device: d));
        double expected = Math.Sqrt(2.0 / 300);
        Assert.InRange(std, expected * 0.97, expected * 1.03);

        float limit = MathF.Sqrt(6f / 200);
        var u = Tensor.HeUniform([200, 100], seed: 6, device: d).ToArray();
        Assert.All(u, x => Assert.InRange(x, -limit, limit));
        Assert.True(u.Max() > 0.99f * limit);
    }

    [Fact]
    public void RequiresGradIsPassedThrough()
    {
        Assert.True(Tensor.RandomNormal([2], seed: 1, requiresGrad: true).RequiresGrad);
        Assert.True(Tensor.GlorotUniform([2, 2], seed: 1, requiresGrad: true).RequiresGrad);
        Assert.False(Tensor.HeNormal([2, 2], seed: 1).RequiresGrad);
    }
}
