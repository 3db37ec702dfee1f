using System.Globalization;
using System.Text.RegularExpressions;
using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Data.DatasetTests;

/// <summary>The generated two-feature datasets: sizes, balance, geometry, reproducibility and argument checks.</summary>
[Collection(GlobalRandomCollection.Name)]
public class GeneratedDatasetsTests
{
    private static (float X1, float X2, int Label)[] Points(TabularDataset d)
    {
        var x = d.X.ToArray();
        var y = d.Y.ToArray();
        return Enumerable.Range(0, d.Count).Select(i => (x[2 * i], x[2 * i + 1], (int)y[i])).ToArray();
    }

    private static void AssertTwoFeatureClassification(TabularDataset d, int samples, int classes)
    {
        Assert.Equal([samples, 2], d.X.Shape);
        Assert.Equal([samples], d.Y.Shape);
        Assert.Equal(["x1", "x2"], d.FeatureNames);
        Assert.Equal(Enumerable.Range(0, classes).Select(k => k.ToString(CultureInfo.InvariantCulture)), d.ClassNames!);
        Assert.StartsWith("generated: ", d.Source);
        Assert.All(d.Y.ToArray(), v => Assert.InRange(v, 0, classes - 1));
    }

    private static bool IsSorted(float[] labels) => labels.Zip(labels.Skip(1)).All(p => p.First <= p.Second);

    public static IEnumerable<object[]> Generators =>
    [
        ["moons", (Func<int?, TabularDataset>)(s => Datasets.Moons(60, 0.1f, s))],
        ["circles", (Func<int?, TabularDataset>)(s => Datasets.Circles(60, 0.1f, 0.5f, s))],
        ["spirals", (Func<int?, TabularDataset>)(s => Datasets.Spirals(60, 0.1f, s))],
        ["blobs", (Func<int?, TabularDataset>)(s => Datasets.Blobs(60, 3, 1, s))],
        ["linearly separable", (Func<int?, TabularDataset>)(s => Datasets.LinearlySeparable(60, 0.5f, s))],
        ["xor quadrants", (Func<int?, TabularDataset>)(s => Datasets.XorQuadrants(60, 0.1f, s))],
    ];

    [Fact]
    public void XorIsTheTruthTable()
    {
        var xor = Datasets.Xor();
        TensorAssert.Exact(xor.X, [4, 2], 0, 0, 0, 1, 1, 0, 1, 1);
        TensorAssert.Exact(xor.Y, [4], 0, 1, 1, 0);
        AssertTwoFeatureClassification(xor, 4, 2);
        Assert.Equal("xor", xor.Name);
        var (x, y) = xor;
        Assert.Same(xor.X, x);
        Assert.Same(xor.Y, y);
    }

    [Fact]
    public void MoonsWithoutNoiseLieOnTheirHalfCircles()
    {
        var moons = Datasets.Moons(200, seed: 42);
        AssertTwoFeatureClassification(moons, 200, 2);
        Assert.Equal("generated: moons(samples: 200, noise: 0, seed: 42)", moons.Source);
        var points = Points(moons);
        Assert.Equal(100, points.Count(p => p.Label == 0));
        foreach (var (x1, x2, label) in points)
            if (label == 0)
            {
                Assert.InRange(x1 * x1 + x2 * x2, 1 - 1e-5, 1 + 1e-5);     // the unit circle …
                Assert.True(x2 >= -1e-6, $"outer point ({x1}, {x2}) should be on the upper half");
            }
            else
            {
                Assert.InRange((x1 - 1) * (x1 - 1) + (x2 - 0.5) * (x2 - 0.5), 1 - 1e-5, 1 + 1e-5); // … and the circle around (1, 0.5)
                Assert.True(x2 <= 0.5 + 1e-6, $"inner point ({x1}, {x2}) should be on the lower half");
            }
        // t runs over [0, π] with both ends: (1, 0) and (−1, 0) are outer points, (0, 0.5) and (2, 0.5) inner ones.
        Assert.Contains(points, p => p.Label == 0 && Math.Abs(p.X1 + 1) < 1e-6 && Math.Abs(p.X2) < 1e-6);
        Assert.Contains(points, p => p.Label == 1 && Math.Abs(p.X1 - 2) < 1e-6 && Math.Abs(p.X2 - 0.5) < 1e-6);
        Assert.False(IsSorted(moons.Y.ToArray()), "the examples should be shuffled");
    }

    [Fact]
    public void MoonsSplitSamplesLikeScikitLearn()
    {
        var moons = Datasets.Moons(7, seed: 1);
        Assert.Equal(3, moons.Y.ToArray().Count(v => v == 0));
        Assert.Equal(4, moons.Y.ToArray().Count(v => v == 1));
    }

    [Fact]
    public void NoiseMovesPointsOffTheCurvesByAboutItsStandardDeviation()
    {
        var moons = Datasets.Moons(2000, noise: 0.1f, seed: 3);
        // The distance from the unit circle of the outer points: mostly small but not zero.
        var off = Points(moons).Where(p => p.Label == 0).Select(p => Math.Abs(Math.Sqrt(p.X1 * p.X1 + p.X2 * p.X2) - 1)).ToArray();
        Assert.InRange(off.Average(), 0.05, 0.12); // E|N(0, 0.1)| ≈ 0.08 in the radial direction
    }

    [Fact]
    public void CirclesHaveRadiusOneAndFactor()
    {
        var circles = Datasets.Circles(101, factor: 0.3f, seed: 4);
        AssertTwoFeatureClassification(circles, 101, 2);
        var points = Points(circles);
        Assert.Equal(50, points.Count(p => p.Label == 0));
        Assert.Equal(51, points.Count(p => p.Label == 1));
        foreach (var (x1, x2, label) in points)
            Assert.InRange(Math.Sqrt(x1 * x1 + x2 * x2), (label == 0 ? 1 : 0.3) - 1e-5, (label == 0 ? 1 : 0.3) + 1e-5);
        // Angles evenly spaced over the full turn, endpoint excluded: (1, 0) once, no duplicate.
        Assert.Single(points, p => p.Label == 0 && Math.Abs(p.X1 - 1) < 1e-6 && Math.Abs(p.X2) < 1e-6);
        Assert.Equal(50, points.Where(p => p.Label == 0).Select(p => (Math.Round(p.X1, 4), Math.Round(p.X2, 4))).Distinct().Count());
    }

    [Fact]
    public void SpiralsAreEachOtherTurnedHalfATurn()
    {
        var spirals = Datasets.Spirals(200, seed: 5);
        AssertTwoFeatureClassification(spirals, 200, 2);
        var points = Points(spirals);
        Assert.Equal(100, points.Count(p => p.Label == 0));
        Assert.All(points, p => Assert.True(p.X1 * p.X1 + p.X2 * p.X2 <= 25 + 1e-4, "radius at most 5"));
        // Rotating by π negates a point: every class-1 point is a class-0 point negated.
        var zero = points.Where(p => p.Label == 0).Select(p => (Math.Round(p.X1, 4), Math.Round(p.X2, 4))).ToHashSet();
        Assert.All(points.Where(p => p.Label == 1), p => Assert.Contains((Math.Round(-p.X1, 4) + 0.0, Math.Round(-p.X2, 4) + 0.0), zero));
        // Point i = 10 of spiral 0: r = 0.5, t = 1.75 · 2π · 0.1, at (r sin t, r cos t).
        double t = 1.75 * 2 * Math.PI * 0.1;
        Assert.Contains(points, p => p.Label == 0 && Math.Abs(p.X1 - 0.5 * Math.Sin(t)) < 1e-5 && Math.Abs(p.X2 - 0.5 * Math.Cos(t)) < 1e-5);
    }

    [Fact]
    public void BlobsShareOutSamplesAndClusterAroundCentresInTheBox()
    {
        var blobs = Datasets.Blobs(100, centers: 3, clusterStd: 0.5f, seed: 6);
        AssertTwoFeatureClassification(blobs, 100, 3);
        var points = Points(blobs);
        Assert.Equal([34, 33, 33], Enumerable.Range(0, 3).Select(k => points.Count(p => p.Label == k)));
        var centres = Regex.Matches(blobs.Source, @"\((-?[\d.]+), (-?[\d.]+)\)")
            .Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(3, centres.Length);
        for (int k = 0; k < 3; k++)
        {
            Assert.InRange(centres[k].Item1, -10, 10);
            Assert.InRange(centres[k].Item2, -10, 10);
            var members = points.Where(p => p.Label == k).ToArray();
            Assert.InRange(members.Average(p => p.X1), centres[k].Item1 - 0.3, centres[k].Item1 + 0.3); // σ/√33 ≈ 0.09
            Assert.InRange(members.Average(p => p.X2), centres[k].Item2 - 0.3, centres[k].Item2 + 0.3);
        }
        // With no spread every point sits on its centre.
        var tight = Points(Datasets.Blobs(9, centers: 3, clusterStd: 0, seed: 6));
        Assert.Equal(3, tight.Select(p => (p.X1, p.X2)).Distinct().Count());
    }

    [Fact]
    public void LinearlySeparableClassesLieOnTheirSidesWithTheGapBetween()
    {
        var data = Datasets.LinearlySeparable(300, margin: 1, seed: 7);
        AssertTwoFeatureClassification(data, 300, 2);
        var points = Points(data);
        Assert.Equal(150, points.Count(p => p.Label == 1));
        var m = Regex.Match(data.Source, @"boundary: (-?[\d.]+)·x1 \+ (-?[\d.]+)·x2 = (-?[\d.]+)");
        Assert.True(m.Success, data.Source);
        var (w1, w2, b) = (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                           double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.InRange(w1 * w1 + w2 * w2, 1 - 1e-3, 1 + 1e-3);
        Assert.InRange(Math.Abs(b), 0, Math.Sqrt(2) + 1e-3); // the line passes through [−1, 1]²
        foreach (var (x1, x2, label) in points)
        {
            double side = w1 * x1 + w2 * x2 - b;
            Assert.True(label == 1 ? side >= 0.5 - 1e-3 : side <= -0.5 + 1e-3, $"({x1}, {x2}) of class {label} is {side} from the line");
        }
        // No two points of different classes are closer than the margin.
        double closest = points.Where(p => p.Label == 0).SelectMany(p => points.Where(q => q.Label == 1),
            (p, q) => Math.Sqrt((p.X1 - q.X1) * (p.X1 - q.X1) + (p.X2 - q.X2) * (p.X2 - q.X2))).Min();
        Assert.InRange(closest, 1 - 1e-4, 2);
    }

    [Fact]
    public void XorQuadrantsLabelsBySignOfTheProduct()
    {
        var data = Datasets.XorQuadrants(seed: 8);
        AssertTwoFeatureClassification(data, 200, 2);
        foreach (var (x1, x2, label) in Points(data))
        {
            Assert.Equal(x1 * x2 > 0 ? 1 : 0, label);
            Assert.InRange(Math.Abs(x1), 0.3f - 1e-6f, 5.3f + 1e-6f);
            Assert.InRange(Math.Abs(x2), 0.3f - 1e-6f, 5.3f + 1e-6f);
        }
        Assert.InRange(data.Y.ToArray().Count(v => v == 1), 70, 130); // roughly balanced
        // With noise, some points cross into the neighbouring quadrant.
        var noisy = Points(Datasets.XorQuadrants(500, noise: 1, seed: 8));
        Assert.Contains(noisy, p => (p.X1 * p.X2 > 0 ? 1 : 0) != p.Label);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void TheSameSeedGivesTheSameDataAndAnotherSeedOther(string name, Func<int?, TabularDataset> generate)
    {
        var a = generate(42);
        var b = generate(42);
        var c = generate(43);
        Assert.Equal(name, a.Name);
        Assert.Equal(a.X.ToArray(), b.X.ToArray());
        Assert.Equal(a.Y.ToArray(), b.Y.ToArray());
        Assert.NotEqual(a.X.ToArray(), c.X.ToArray());
        Assert.Contains("seed: 42", a.Source);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void WithoutASeedTheGlobalSeedMakesThemReproducible(string name, Func<int?, TabularDataset> generate)
    {
        Tensor.SetRandomSeed(1);
        var a = generate(null).X.ToArray();
        var next = generate(null).X.ToArray();
        Tensor.SetRandomSeed(1);
        Assert.Equal(a, generate(null).X.ToArray());
        Assert.NotEqual(a, next);
        Assert.Contains("seed: global generator", generate(null).Source);
        Assert.NotNull(name);
    }

    [Fact]
    public void ArgumentsAreCheckedWithClearMessages()
    {
        Assert.Contains("Datasets.Moons: samples must be at least 2 (one per moon), got 1", Assert.Throws<ArgumentException>(() => Datasets.Moons(1)).Message);
        Assert.Contains("noise is the standard deviation", Assert.Throws<ArgumentException>(() => Datasets.Moons(noise: -0.1f)).Message);
        Assert.Contains("got -0.1", Assert.Throws<ArgumentException>(() => Datasets.Spirals(noise: -0.1f)).Message);
        Assert.Contains("factor", Assert.Throws<ArgumentException>(() => Datasets.Circles(factor: 1)).Message);
        Assert.Throws<ArgumentException>(() => Datasets.Circles(factor: 0));
        Assert.Contains("centers", Assert.Throws<ArgumentException>(() => Datasets.Blobs(centers: 0)).Message);
        Assert.Contains("samples must be at least 5 (one per centre), got 4", Assert.Throws<ArgumentException>(() => Datasets.Blobs(4, centers: 5)).Message);
        Assert.Contains("clusterStd", Assert.Throws<ArgumentException>(() => Datasets.Blobs(clusterStd: -1)).Message);
        Assert.Contains("margin", Assert.Throws<ArgumentException>(() => Datasets.LinearlySeparable(margin: -1)).Message);
        Assert.Contains("Datasets.XorQuadrants: samples", Assert.Throws<ArgumentException>(() => Datasets.XorQuadrants(0)).Message);
        Assert.Throws<ArgumentException>(() => Datasets.Moons(noise: float.NaN));
    }

    [Fact]
    public void TheDatasetPrintsItsSummary()
    {
        var text = Datasets.Moons(10, seed: 1).ToString();
        Assert.Contains("moons: 10 examples × 2 features", text);
        Assert.Contains("classes: 0 (5), 1 (5)", text);
    }
}
