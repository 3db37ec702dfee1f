using CourseKit.Tests.Tensors;
using static CourseKit.Preprocessing;

namespace CourseKit.Tests.Data.Preprocessing;

/// <summary>
/// KFold and StratifiedKFold: scikit-learn's fold sizes and (without shuffling) its very folds, every example tested
/// exactly once, class proportions kept, reproducible shuffles and errors that say what to do.
/// </summary>
[Collection(GlobalRandomCollection.Name)]
public class KFoldTests
{
    private static int[][] Tests(IReadOnlyList<Fold> folds) => folds.Select(f => f.Test.ToArray()).ToArray();

    /// <summary>Every example is tested in exactly one fold, and each fold trains on exactly the others.</summary>
    private static void AssertPartition(IReadOnlyList<Fold> folds, int examples)
    {
        Assert.Equal(Enumerable.Range(0, examples), folds.SelectMany(f => f.Test).Order());
        foreach (var fold in folds)
        {
            Assert.Equal(Enumerable.Range(0, examples).Except(fold.Test), fold.Train);
            Assert.Equal(fold.Test.Order(), fold.Test);
            Assert.Equal(fold.Train.Order(), fold.Train);
        }
        Assert.Equal(Enumerable.Range(1, folds.Count), folds.Select(f => f.Number));
    }

    [Fact]
    public void UnshuffledFoldsAreConsecutiveAndTheFirstOnesTakeTheRemainder()
    {
        // scikit-learn: KFold(3).split(range(10)) tests [0..3], [4..6], [7..9].
        var folds = KFold(10, folds: 3, shuffle: false);
        Assert.Equal([[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]], Tests(folds));
        Assert.Equal([4, 5, 6, 7, 8, 9], folds[0].Train);
        Assert.Equal([0, 1, 2, 3, 7, 8, 9], folds[1].Train);
        AssertPartition(folds, 10);
        Assert.Equal("fold 2: 7 training, 3 test examples", folds[1].ToString());
    }

    [Fact]
    public void ShuffledFoldsTestEveryExampleOnceAndFollowTheSeed()
    {
        var folds = KFold(11, folds: 4, seed: 5);
        AssertPartition(folds, 11);
        Assert.Equal([3, 3, 3, 2], folds.Select(f => f.Test.Count));
        Assert.Equal(Tests(folds), Tests(KFold(11, folds: 4, seed: 5)));
        Assert.NotEqual(Tests(folds), Tests(KFold(11, folds: 4, seed: 6)));
        Assert.NotEqual(Tests(KFold(11, folds: 4, shuffle: false)), Tests(folds));

        Tensor.SetRandomSeed(3);
        var first = Tests(KFold(11, folds: 4));
        Tensor.SetRandomSeed(3);
        Assert.Equal(first, Tests(KFold(11, folds: 4)));   // without a seed, the global generator decides
    }

    [Fact]
    public void UnshuffledStratifiedFoldsAreScikitLearns()
    {
        // scikit-learn: StratifiedKFold(2).split(X, [0]*4 + [1]*6) tests [0, 1, 4, 5, 6] and [2, 3, 7, 8, 9].
        var labels = Tensor.FromData([0f, 0, 0, 0, 1, 1, 1, 1, 1, 1], [10]);
        var folds = StratifiedKFold(labels, folds: 2, shuffle: false);
        Assert.Equal([[0, 1, 4, 5, 6], [2, 3, 7, 8, 9]], Tests(folds));
        AssertPartition(folds, 10);

        // Three classes, 2 first: sorted by first appearance the labels read 2 2 2 0 0 0 0 1 1 1; dealt round 3 folds,
        // class 2 gives each fold one, class 0 gives folds 1, 2, 3, 1, class 1 gives folds 2, 3, 1 (counting from 1).
        // Each class's examples fill its folds in order: class 0's examples 1, 3, 6, 9 go to folds 1, 1, 2, 3.
        var three = Tensor.FromData([2f, 0, 1, 0, 2, 1, 0, 2, 1, 0], [10]);
        var threeFolds = StratifiedKFold(three, folds: 3, shuffle: false);
        Assert.Equal([[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]], Tests(threeFolds));

        // One-hot rows are the same classes.
        Assert.Equal(Tests(threeFolds), Tests(StratifiedKFold(ToCategorical(three, 3), folds: 3, shuffle: false)));
    }

    [Fact]
    public void ShuffledStratifiedFoldsKeepTheClassProportionsInEveryFold()
    {
        // 12 of class 0, 9 of class 1, 9 of class 2, in a sorted order: each of 3 folds tests 4, 3 and 3 of them.
        var values = Enumerable.Repeat(0f, 12).Concat(Enumerable.Repeat(1f, 9)).Concat(Enumerable.Repeat(2f, 9)).ToArray();
        var labels = Tensor.FromData(values, [30]);
        var folds = StratifiedKFold(labels, folds: 3, seed: 7);
        AssertPartition(folds, 30);
        foreach (var fold in folds)
            Assert.Equal([4, 3, 3], Enumerable.Range(0, 3).Select(c => fold.Test.Count(i => values[i] == c)));
        Assert.Equal(Tests(folds), Tests(StratifiedKFold(labels, folds: 3, seed: 7)));
        Assert.NotEqual(Tests(folds), Tests(StratifiedKFold(labels, folds: 3, seed: 8)));
        Assert.NotEqual(Tests(StratifiedKFold(labels, folds: 3, shuffle: false)), Tests(folds));

        // 7 examples of a class in 3 folds: 3, 2, 2 — within one of the exact share 7/3.
        var uneven = Tensor.FromData(Enumerable.Repeat(1f, 7).Concat(Enumerable.Repeat(0f, 5)).ToArray(), [12]);
        var unevenFolds = StratifiedKFold(uneven, folds: 3, seed: 1);
        AssertPartition(unevenFolds, 12);
        Assert.All(unevenFolds, f => Assert.InRange(f.Test.Count(i => i < 7), 2, 3));
        Assert.Equal(7, unevenFolds.Sum(f => f.Test.Count(i => i < 7)));
        Assert.Equal([4, 4, 4], unevenFolds.Select(f => f.Test.Count));
    }

    [Fact]
    public void AClassWithFewerExamplesThanFoldsIsAllowedWithAWarning()
    {
        var labels = Tensor.FromData([0f, 0, 0, 0, 0, 1, 1], [7]);
        IReadOnlyList<Fold> folds;
        using (var warnings = Warnings.Capture())
        {
            folds = StratifiedKFold(labels, folds: 3, seed: 2);
            Assert.Equal("Warning: StratifiedKFold: class 1 has only 2 examples, fewer than the 3 folds, so some test parts have none of it. " +
                         "Use fewer folds to test every class in every fold." + Environment.NewLine, warnings.Text);
        }
        AssertPartition(folds, 7);
        Assert.Equal(2, folds.Count(f => f.Test.Contains(5) || f.Test.Contains(6)));
    }

    [Fact]
    public void FoldsNeedAtLeastTwoFoldsAndOneExamplePerFold()
    {
        var one = Assert.Throws<ArgumentException>(() => KFold(10, folds: 1));
        Assert.StartsWith("KFold: folds must be at least 2 (one part to train on, one to test), got 1. For a single hold-out part use TrainTestSplit.", one.Message);
        var many = Assert.Throws<ArgumentException>(() => KFold(4, folds: 5));
        Assert.StartsWith("KFold: 5 folds need at least 5 examples (one per test part), but there are 4 examples. Use at most 4 folds or more data.", many.Message);
        var stratified = Assert.Throws<ArgumentException>(() => StratifiedKFold(Tensor.FromData([0f, 1], [2]), folds: 3));
        Assert.StartsWith("StratifiedKFold: 3 folds need at least 3 examples", stratified.Message);
        Assert.Throws<ShapeException>(() => StratifiedKFold(Tensor.Scalar(1f), folds: 2));
    }

    [Fact]
    public void AFoldSplitsTheRowsOfFeaturesAndTargets()
    {
        var x = Tensor.FromData([0f, 100, 1, 101, 2, 102, 3, 103, 4, 104], [5, 2]);
        var y = Tensor.FromData([0f, 10, 20, 30, 40], [5]);
        var fold = KFold(5, folds: 2, shuffle: false)[1];   // tests examples 3 and 4
        var (xTrain, xTest, yTrain, yTest) = fold.Split(x, y);
        Assert.Equal([0f, 100, 1, 101, 2, 102], xTrain.ToArray());
        Assert.Equal([3f, 103, 4, 104], xTest.ToArray());
        Assert.Equal([0f, 10, 20], yTrain.ToArray());
        Assert.Equal([30f, 40], yTest.ToArray());

        var wrong = Assert.Throws<ShapeException>(() => fold.Split(x[..4], y[..4]));
        Assert.Equal("Fold.Split: this fold was made for 5 examples, but x has 4. Make the folds from the same data you split.", wrong.Message);
    }
}
