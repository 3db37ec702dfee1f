using CourseKit.Tests.Tensors;
using static CourseKit.Preprocessing;

namespace CourseKit.Tests.Data.Preprocessing;

/// <summary>
/// TrainTestSplit: scikit-learn's sizes, every example in exactly one part with its own target, reproducible shuffles
/// and stratification. Rows are made identifiable: x row i is (i, 100 + i) and y_i = 10 · i.
/// </summary>
[Collection(GlobalRandomCollection.Name)]
public class TrainTestSplitTests
{
    private static (Tensor X, Tensor Y) Numbered(int n)
    {
        var x = new float[n * 2];
        var y = new float[n];
        for (int i = 0; i < n; i++) (x[2 * i], x[2 * i + 1], y[i]) = (i, 100 + i, 10 * i);
        return (Tensor.FromData(x, [n, 2]), Tensor.FromData(y, [n]));
    }

    /// <summary>The example numbers in a part, after checking that each row still carries its own target.</summary>
    private static int[] Ids(Tensor x, Tensor y)
    {
        var rows = x.ToArray();
        var targets = y.ToArray();
        var ids = new int[targets.Length];
        for (int r = 0; r < ids.Length; r++)
        {
            ids[r] = (int)rows[2 * r];
            Assert.Equal(100 + ids[r], rows[2 * r + 1]);
            Assert.Equal(10 * ids[r], targets[r]);
        }
        return ids;
    }

    [Theory]
    [InlineData(10, 0.25f, 3)]   // ⌈2.5⌉
    [InlineData(100, 0.2f, 20)]  // 0.2f is not exactly 0.2, yet still 20 as in scikit-learn
    [InlineData(10, 0.33f, 4)]   // ⌈3.3⌉
    [InlineData(3, 0.1f, 1)]
    [InlineData(7, 0.5f, 4)]
    public void TheTestPartGetsTestSizeTimesNRoundedUp(int n, float testSize, int expectedTest)
    {
        var (x, y) = Numbered(n);
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit(x, y, testSize, seed: 1);
        Assert.Equal([n - expectedTest, 2], xTrain.Shape);
        Assert.Equal([expectedTest, 2], xTest.Shape);
        Assert.Equal([n - expectedTest], yTrain.Shape);
        Assert.Equal([expectedTest], yTest.Shape);
    }

    [Fact]
    public void EveryExampleLandsInExactlyOnePartWithItsOwnTarget()
    {
        var (x, y) = Numbered(10);
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit(x, y, seed: 3);
        var train = Ids(xTrain, yTrain);
        var test = Ids(xTest, yTest);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(Enumerable.Range(0, 10), train.Concat(test).Order());
        Assert.NotEqual(Enumerable.Range(0, 7), train); // shuffled
    }

    [Fact]
    public void TheSameSeedGivesTheSameSplitAndAnotherSeedAnother()
    {
        var (x, y) = Numbered(50);
        var a = TrainTestSplit(x, y, seed: 42);
        var b = TrainTestSplit(x, y, seed: 42);
        var c = TrainTestSplit(x, y, seed: 43);
        Assert.Equal(a.XTest.ToArray(), b.XTest.ToArray());
        Assert.Equal(a.XTrain.ToArray(), b.XTrain.ToArray());
        Assert.NotEqual(a.XTest.ToArray(), c.XTest.ToArray());
    }

    [Fact]
    public void WithoutASeedTheGlobalSeedMakesItReproducible()
    {
        var (x, y) = Numbered(50);
        Tensor.SetRandomSeed(7);
        var a = TrainTestSplit(x, y).XTest.ToArray();
        var next = TrainTestSplit(x, y).XTest.ToArray();
        Tensor.SetRandomSeed(7);
        var b = TrainTestSplit(x, y).XTest.ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, next);
    }

    [Fact]
    public void WithoutShufflingTheLastExamplesAreTheTestPart()
    {
        var (x, y) = Numbered(10);
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit(x, y, shuffle: false);
        Assert.Equal(Enumerable.Range(0, 7), Ids(xTrain, yTrain));
        Assert.Equal([7, 8, 9], Ids(xTest, yTest));
    }

    [Fact]
    public void WorksForImagesOfAnyRank()
    {
        var images = Tensor.Arange(0, 10 * 2 * 3).Reshape(10, 2, 3);
        var labels = Tensor.Arange(10);
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit(images, labels, testSize: 0.2f, seed: 5);
        Assert.Equal([8, 2, 3], xTrain.Shape);
        Assert.Equal([2, 2, 3], xTest.Shape);
        var all = xTrain.ToArray().Concat(xTest.ToArray()).ToArray();
        var ys = yTrain.ToArray().Concat(yTest.ToArray()).ToArray();
        for (int k = 0; k < 10; k++)
            Assert.Equal(Enumerable.Range(0, 6).Select(j => ys[k] * 6 + j).Select(v => (float)v), all[(6 * k)..(6 * k + 6)]); // each image kept its label
    }

    [Fact]
    public void StratifyKeepsTheClassProportions()
    {
        // 30 examples of class 1 and 70 of class 0, interleaved; 20 % test → 6 and 14 in test, 24 and 56 in training.
        var (x, _) = Numbered(100);
        var labels = Tensor.FromData(Enumerable.Range(0, 100).Select(i => i % 10 < 3 ? 1f : 0f).ToArray(), [100]);
        for (int seed = 0; seed < 5; seed++)
        {
            var (xTrain, xTest, yTrain, yTest) = TrainTestSplit(x, labels, testSize: 0.2f, seed: seed, stratify: labels);
            Assert.Equal(6, yTest.ToArray().Count(v => v == 1));
            Assert.Equal(14, yTest.ToArray().Count(v => v == 0));
            Assert.Equal(24, yTrain.ToArray().Count(v => v == 1));
            Assert.Equal(56, yTrain.ToArray().Count(v => v == 0));
            // Rows kept their labels.
            var ids = xTest.ToArray().Where((_, i) => i % 2 == 0).Select(v => (int)v).ToArray();
            Assert.Equal(ids.Select(i => i % 10 < 3 ? 1f : 0f), yTest.ToArray());
        }
    }

    [Theory]
    [InlineData(new[] { 5, 7, 13 }, 0.3f)]
    [InlineData(new[] { 2, 2, 2, 50 }, 0.25f)]
    [InlineData(new[] { 10, 11 }, 0.5f)]
    [InlineData(new[] { 3, 40, 17, 9, 2 }, 0.15f)]
    [InlineData(new[] { 2, 9 }, 0.6f)]
    public void EachClassGetsItsShareOfTheTestPartWithinOneExample(int[] counts, float testSize)
    {
        int n = counts.Sum();
        var labelValues = counts.SelectMany((c, k) => Enumerable.Repeat((float)k, c)).ToArray();
        var labels = Tensor.FromData(labelValues, [n]);
        var x = Tensor.Arange(n).Reshape(n, 1);
        int testCount = (int)Math.Ceiling(double.Parse(testSize.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture) * n);
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit(x, labels, testSize, seed: 11, stratify: labels);
        Assert.Equal(testCount, yTest.Shape[0]);
        var test = yTest.ToArray();
        var train = yTrain.ToArray();
        for (int k = 0; k < counts.Length; k++)
        {
            double share = (double)testCount * counts[k] / n;
            int inTest = test.Count(v => v == k);
            Assert.InRange(inTest, Math.Floor(share), Math.Ceiling(share));
            Assert.True(train.Count(v => v == k) >= 1, $"class {k} keeps a training example");
        }
        Assert.Equal(xTest.ToArray().Select(i => labelValues[(int)i]), test);
    }

    [Fact]
    public void StratifyAcceptsOneHotLabels()
    {
        var labels = Tensor.FromData(Enumerable.Range(0, 40).Select(i => i < 10 ? 1f : 0f).ToArray(), [40]);
        var oneHot = ToCategorical(labels);
        var (_, _, _, yTest) = TrainTestSplit(Tensor.Arange(40).Reshape(40, 1), oneHot, testSize: 0.25f, seed: 2, stratify: oneHot);
        Assert.Equal([10, 2], yTest.Shape);
        // Shares 7.5 (class 0, column 0) and 2.5 (class 1): the tie goes to the larger class.
        TensorAssert.Exact(yTest.Sum(0), [2], 8, 2);
    }

    [Fact]
    public void MismatchedExampleCountsAreExplained()
    {
        var e = Assert.Throws<ShapeException>(() => TrainTestSplit(Tensor.Zeros([10, 2]), Tensor.Zeros([8])));
        Assert.Contains("TrainTestSplit: x has 10 examples (shape (10, 2)) but y has 8 (shape (8,))", e.Message);
        Assert.Contains("stratify has 9", Assert.Throws<ShapeException>(() => TrainTestSplit(Tensor.Zeros([10, 2]), Tensor.Zeros([10]), stratify: Tensor.Zeros([9]))).Message);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1f)]
    [InlineData(-0.2f)]
    [InlineData(20f)]
    public void TestSizeMustBeAFraction(float testSize)
    {
        var e = Assert.Throws<ArgumentException>(() => TrainTestSplit(Tensor.Zeros([10, 2]), Tensor.Zeros([10]), testSize));
        Assert.Contains("testSize must be a fraction between 0 and 1", e.Message);
    }

    [Fact]
    public void AnEmptyTrainingPartIsExplained()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainTestSplit(Tensor.Zeros([1, 2]), Tensor.Zeros([1])));
        Assert.Contains("with 1 example and testSize 0.25, the test part gets ⌈0.25 · 1⌉ = 1 and the training part none", e.Message);
    }

    [Fact]
    public void StratifyNeedsTwoExamplesPerClassAndShuffling()
    {
        var labels = Tensor.FromArray(new float[] { 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 });
        var e = Assert.Throws<ArgumentException>(() => TrainTestSplit(Tensor.Zeros([10, 1]), labels, stratify: labels, seed: 1));
        Assert.Contains("class 1 has only 1 example", e.Message);
        Assert.Contains("shuffle: true", Assert.Throws<ArgumentException>(() => TrainTestSplit(Tensor.Zeros([10, 1]), labels, shuffle: false, stratify: labels)).Message);
        var many = Tensor.FromData(Enumerable.Range(0, 20).Select(i => (float)(i % 10)).ToArray(), [20]);
        Assert.Contains("cannot hold all 10 classes in both parts", Assert.Throws<ArgumentException>(() =>
            TrainTestSplit(Tensor.Zeros([20, 1]), many, testSize: 0.25f, stratify: many, seed: 1)).Message);
    }
}
