namespace CourseKit;

public static partial class Preprocessing
{
    /// <summary>
    /// Cuts <paramref name="examples"/> examples into <paramref name="folds"/> folds for cross-validation, as
    /// scikit-learn's <c>KFold</c>: each example is in the test part of exactly one fold and in the training part of all
    /// the others. Train on <c>fold.Train</c>, measure on <c>fold.Test</c>, and average the k measurements:
    /// <code>
    /// foreach (var fold in Preprocessing.KFold(x.Shape[0], folds: 5, seed: 42))
    /// {
    ///     var (xTrain, xTest, yTrain, yTest) = fold.Split(x, y);
    ///     …
    /// }
    /// </code>
    /// </summary>
    /// <param name="examples">How many examples there are.</param>
    /// <param name="folds">k, at least 2 and at most <paramref name="examples"/>. The test parts have ⌊n / k⌋ examples,
    /// and the first n mod k of them one more (as in scikit-learn): 10 examples in 3 folds give test parts of 4, 3 and 3.</param>
    /// <param name="seed">Makes the shuffle reproducible; without it the global generator (<see cref="Tensor.SetRandomSeed"/>) decides.</param>
    /// <param name="shuffle">Shuffle the examples before cutting them (the default here, as in <see cref="TrainTestSplit"/>,
    /// because course data sets are often sorted by class; scikit-learn's <c>KFold</c> only shuffles when asked). With
    /// false, fold 1 tests the first examples, fold 2 the next ones, and so on.</param>
    /// <returns>The folds in order; each fold's indices are in ascending order.</returns>
    /// <exception cref="ArgumentException"><paramref name="folds"/> is below 2 or above <paramref name="examples"/>.</exception>
    public static IReadOnlyList<Fold> KFold(int examples, int folds = 5, int? seed = null, bool shuffle = true)
    {
        CheckFolds("KFold", examples, folds);
        var order = shuffle ? Randomness.NextRandom(seed).Permutation(examples) : Enumerable.Range(0, examples).ToArray();
        var foldOf = new int[examples];
        int start = 0;
        for (int f = 0; f < folds; f++)
        {
            int size = examples / folds + (f < examples % folds ? 1 : 0);
            for (int i = start; i < start + size; i++) foldOf[order[i]] = f;
            start += size;
        }
        return FoldsFrom(foldOf, folds);
    }

    /// <summary>
    /// As <see cref="KFold"/>, but every fold keeps the class proportions of the whole data set (scikit-learn's
    /// <c>StratifiedKFold</c>), so that a rare class is in every test part and each fold's score is comparable. Use it
    /// for classification: <c>Preprocessing.StratifiedKFold(y, folds: 5, seed: 42)</c>.
    /// </summary>
    /// <param name="labels">The class of every example: class indices <c>(n,)</c> or one-hot rows <c>(n, classes)</c>;
    /// each distinct row counts as a class.</param>
    /// <param name="folds">k, at least 2 and at most the number of examples.</param>
    /// <param name="seed">Makes the shuffle reproducible; without it the global generator (<see cref="Tensor.SetRandomSeed"/>) decides.</param>
    /// <param name="shuffle">Which examples of a class go to which fold: at random (the default), or in order (the
    /// first examples of each class to fold 1, as scikit-learn does without shuffling; the folds are then exactly
    /// scikit-learn's).</param>
    /// <remarks>
    /// How the examples are shared out (scikit-learn's rule): list the labels class by class, classes in the order they
    /// first appear, and deal that list to the folds like cards, one to each fold in turn. Each fold gets within one
    /// example of its exact share of every class, and the folds' sizes differ by at most one. A class with fewer
    /// examples than folds leaves some test parts without it; that is allowed, with a warning.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="folds"/> is below 2 or above the number of examples.</exception>
    public static IReadOnlyList<Fold> StratifiedKFold(Tensor labels, int folds = 5, int? seed = null, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Rank == 0) throw new ShapeException("StratifiedKFold: labels is a scalar; it needs one label per example, e.g. shape (n,).");
        int examples = labels.ShapeView[0];
        CheckFolds("StratifiedKFold", examples, folds);
        var classes = ClassMembers(labels).OrderBy(c => c.Members[0]).ToList();
        foreach (var rare in classes.Where(c => c.Members.Count < folds).Take(1))
            Warnings.Write($"StratifiedKFold: class {rare.Label} has only {FormatText.Plural(rare.Members.Count, "example")}, fewer than the {folds} folds, " +
                           "so some test parts have none of it. Use fewer folds to test every class in every fold.");

        var random = shuffle ? Randomness.NextRandom(seed) : null;
        var foldOf = new int[examples];
        int dealt = 0;   // labels dealt so far: the next one goes to fold dealt mod k
        foreach (var (_, members) in classes)
        {
            // How many of this class each fold gets when the sorted labels are dealt round the folds …
            var perFold = new int[folds];
            for (int i = 0; i < members.Count; i++) perFold[(dealt + i) % folds]++;
            dealt += members.Count;
            // … and which of them: fold numbers repeated that often, in order or shuffled.
            var targets = Enumerable.Range(0, folds).SelectMany(f => Enumerable.Repeat(f, perFold[f])).ToArray();
            random?.ShuffleInPlace(targets);
            for (int i = 0; i < members.Count; i++) foldOf[members[i]] = targets[i];
        }
        return FoldsFrom(foldOf, folds);
    }

    private static void CheckFolds(string op, int examples, int folds)
    {
        if (folds < 2)
            throw new ArgumentException($"{op}: folds must be at least 2 (one part to train on, one to test), got {folds}. " +
                                        "For a single hold-out part use TrainTestSplit.", nameof(folds));
        if (folds > examples)
            throw new ArgumentException($"{op}: {folds} folds need at least {folds} examples (one per test part), but there " +
                                        $"{(examples == 1 ? "is" : "are")} {FormatText.Plural(examples, "example")}. Use at most {examples} folds or more data.", nameof(folds));
    }

    /// <summary>The folds from each example's test fold: fold f tests its own examples and trains on the rest.</summary>
    private static IReadOnlyList<Fold> FoldsFrom(int[] foldOf, int folds) =>
        Enumerable.Range(0, folds).Select(f => new Fold(f + 1,
            Enumerable.Range(0, foldOf.Length).Where(i => foldOf[i] != f).ToArray(),
            Enumerable.Range(0, foldOf.Length).Where(i => foldOf[i] == f).ToArray())).ToList();
}

/// <summary>
/// One fold of a cross-validation (<see cref="Preprocessing.KFold"/>, <see cref="Preprocessing.StratifiedKFold"/>) or
/// a single hold-out split: the numbers (row indices) of the examples to train on and of those to test on, each in
/// ascending order.
/// </summary>
public sealed class Fold
{
    internal Fold(int number, int[] train, int[] test)
    {
        Number = number;
        Train = Array.AsReadOnly(train);
        Test = Array.AsReadOnly(test);
    }

    /// <summary>The fold's number, counted from 1.</summary>
    public int Number { get; }

    /// <summary>The examples to train on.</summary>
    public IReadOnlyList<int> Train { get; }

    /// <summary>The examples to test on (never among <see cref="Train"/>).</summary>
    public IReadOnlyList<int> Test { get; }

    /// <summary>The fold's rows of <paramref name="x"/> and <paramref name="y"/>, in <see cref="Preprocessing.TrainTestSplit"/>'s
    /// order: <c>var (xTrain, xTest, yTrain, yTest) = fold.Split(x, y);</c>.</summary>
    public (Tensor XTrain, Tensor XTest, Tensor YTrain, Tensor YTest) Split(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Preprocessing.CheckSameExamples("Fold.Split", x, y);
        int count = Train.Count + Test.Count;
        if (x.ShapeView[0] != count)
            throw new ShapeException($"Fold.Split: this fold was made for {FormatText.Plural(count, "example")}, but x has {x.ShapeView[0]}. " +
                                     "Make the folds from the same data you split.");
        int[] train = [.. Train], test = [.. Test];
        return (x.Take(train), x.Take(test), y.Take(train), y.Take(test));
    }

    /// <summary>"fold 2: 8 training, 4 test examples".</summary>
    public override string ToString() => $"fold {Number}: {Train.Count} training, {FormatText.Plural(Test.Count, "test example")}";
}
