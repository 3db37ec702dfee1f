using System.Globalization;

namespace CourseKit;

public static partial class Preprocessing
{
    /// <summary>
    /// Splits examples into a training part and a test part, as scikit-learn's <c>train_test_split</c>:
    /// <c>var (xTrain, xTest, yTrain, yTest) = Preprocessing.TrainTestSplit(x, y, testSize: 0.2f, seed: 42);</c>.
    /// The model learns from the training part; the test part, never seen in training, tells how well it generalises.
    /// </summary>
    /// <param name="x">Features of any rank; the first axis counts examples (rows of a table, images of a batch, …).</param>
    /// <param name="y">Targets with the same first axis as <paramref name="x"/>.</param>
    /// <param name="testSize">The fraction of examples that go to the test part, strictly between 0 and 1. Like
    /// scikit-learn, the test part gets ⌈testSize · n⌉ examples (rounded up) and the training part the rest: 10 examples
    /// with 0.25 give 3 test and 7 training examples.</param>
    /// <param name="seed">Makes the shuffle reproducible. Without it the order comes from the global generator, so
    /// <see cref="Tensor.SetRandomSeed"/> at the top of a notebook makes the split reproducible as well.</param>
    /// <param name="shuffle">Shuffle before splitting (the default). With false the first examples are for training and
    /// the last ⌈testSize · n⌉ for testing, in their original order; only sensible if the data are not sorted (by class,
    /// by date, …).</param>
    /// <param name="stratify">Class labels (usually <paramref name="y"/> itself) to keep the class proportions of the
    /// whole data set in both parts, so that a rare class is not missing from the test part. Labels may be class indices
    /// <c>(n,)</c> or one-hot rows <c>(n, classes)</c>; each distinct row counts as a class.</param>
    /// <returns>The four parts in scikit-learn's order: x train, x test, y train, y test.</returns>
    /// <remarks>
    /// <para>How stratification shares out the test examples: the test part still gets ⌈testSize · n⌉ examples. A class
    /// with c of the n examples deserves ⌈testSize · n⌉ · c / n of them; each class gets that number rounded down, and the
    /// examples left over go one each to the classes with the largest fractional parts (the "largest remainder" rule,
    /// ties to the larger class, then the smaller label), avoiding classes that would otherwise have no training example
    /// left. So every class's test count is within one example of its exact share, and the same holds for the training
    /// part. Which examples of a class go to the test part is random. (scikit-learn's <c>StratifiedShuffleSplit</c> breaks
    /// ties at random instead, so counts can differ from it by one.)</para>
    /// <para>Each part is shuffled, so the classes are mixed within it.</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="testSize"/> is not between 0 and 1, a part would be empty, or
    /// a stratification class has fewer than 2 examples.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/>, <paramref name="y"/> and <paramref name="stratify"/> do not have the same number of examples.</exception>
    public static (Tensor XTrain, Tensor XTest, Tensor YTrain, Tensor YTest) TrainTestSplit(
        Tensor x, Tensor y, float testSize = 0.25f, int? seed = null, bool shuffle = true, Tensor? stratify = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        CheckSameExamples("TrainTestSplit", x, y);
        if (stratify is not null) CheckSameExamples("TrainTestSplit", x, stratify, "stratify");
        var (trainIndices, testIndices) = SplitIndices("TrainTestSplit", "testSize", "test", x.ShapeView[0], testSize, stratify, shuffle, seed);
        return (x.Take(trainIndices), x.Take(testIndices), y.Take(trainIndices), y.Take(testIndices));
    }

    /// <summary>
    /// Which of <paramref name="n"/> examples go to the training part and which to the test part (see
    /// <see cref="TrainTestSplit"/>); errors start with <paramref name="op"/>, call the fraction <paramref name="sizeName"/>
    /// and the held-out part the <paramref name="part"/> part.
    /// </summary>
    internal static (int[] Train, int[] Test) SplitIndices(string op, string sizeName, string part, int n, float testSize, Tensor? stratify, bool shuffle, int? seed)
    {
        if (!(testSize > 0 && testSize < 1))
            throw new ArgumentException($"{op}: {sizeName} must be a fraction between 0 and 1 (e.g. 0.2 for 20 % {part} examples), got {Number(testSize)}.", sizeName);
        // The float the user typed (0.2f) read as the decimal they meant (0.2), so that ⌈0.2 · 100⌉ is 20 as in scikit-learn, not 21.
        double fraction = double.Parse(testSize.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int testCount = (int)Math.Ceiling(fraction * n);
        int trainCount = n - testCount;
        if (trainCount < 1)
            throw new ArgumentException($"{op}: with {n} example{(n == 1 ? "" : "s")} and {sizeName} {Number(testSize)}, the {part} part gets ⌈{Number(testSize)} · {n}⌉ = {testCount} " +
                                        $"and the training part none. Use a smaller {sizeName} or more examples.", sizeName);

        int[] trainIndices, testIndices;
        if (stratify is not null)
        {
            if (!shuffle)
                throw new ArgumentException($"{op}: stratify needs shuffle: true (as in scikit-learn): a stratified split picks examples of each class at random.", nameof(shuffle));
            (trainIndices, testIndices) = StratifiedIndices(op, sizeName, part, stratify, testCount, Randomness.NextRandom(seed));
        }
        else if (shuffle)
        {
            var order = Randomness.NextRandom(seed).Permutation(n);
            testIndices = order[..testCount];
            trainIndices = order[testCount..];
        }
        else
        {
            trainIndices = Enumerable.Range(0, trainCount).ToArray();
            testIndices = Enumerable.Range(trainCount, testCount).ToArray();
        }
        return (trainIndices, testIndices);
    }

    /// <summary>Chooses <paramref name="testCount"/> test examples class by class (see the remarks of <see cref="TrainTestSplit"/>).</summary>
    private static (int[] Train, int[] Test) StratifiedIndices(string op, string sizeName, string part, Tensor stratify, int testCount, Random random)
    {
        int n = stratify.ShapeView[0];
        var classes = ClassMembers(stratify);
        int trainCount = n - testCount;
        foreach (var (label, members) in classes)
            if (members.Count < 2)
                throw new ArgumentException($"{op}: class {label} has only {members.Count} example; stratify needs at least 2 of every class " +
                                            "(one for each part). Drop that class, merge it with another, or split without stratify.", nameof(stratify));
        if (testCount < classes.Count || trainCount < classes.Count)
            throw new ArgumentException($"{op}: a stratified split of {n} examples into {trainCount} training and {testCount} {part} examples cannot hold " +
                                       $"all {classes.Count} classes in both parts; each part needs at least one example per class. " +
                                       $"Choose a {sizeName} that gives both parts at least that many examples.", nameof(stratify));

        // Each class's exact share of the test part, rounded down; the leftovers go by the largest remainder.
        var share = classes.Select(c => (double)testCount * c.Members.Count / n).ToArray();
        var take = share.Select(s => (int)Math.Floor(s)).ToArray();
        int left = testCount - take.Sum();
        var order = Enumerable.Range(0, classes.Count)
            .OrderBy(c => take[c] + 1 >= classes[c].Members.Count ? 1 : 0) // a class would keep no training example: last resort
            .ThenByDescending(c => share[c] - take[c])
            .ThenByDescending(c => classes[c].Members.Count)
            .ThenBy(c => c)
            .ToArray();
        for (int i = 0; i < left; i++) take[order[i]]++;

        var train = new List<int>(trainCount);
        var test = new List<int>(testCount);
        for (int c = 0; c < classes.Count; c++)
        {
            var members = classes[c].Members.ToArray();
            random.ShuffleInPlace(members);
            test.AddRange(members[..take[c]]);
            train.AddRange(members[take[c]..]);
        }
        random.ShuffleInPlace(train);
        random.ShuffleInPlace(test);
        return (train.ToArray(), test.ToArray());
    }

    /// <summary>The examples of each class, classes in sorted order of their labels (each row of <paramref name="labels"/> is one label).</summary>
    internal static List<(string Label, List<int> Members)> ClassMembers(Tensor labels)
    {
        int n = labels.ShapeView[0], width = labels.Size / n;
        var values = labels.ToArray();
        var byLabel = new SortedDictionary<float[], List<int>>(Comparer<float[]>.Create((a, b) =>
        {
            for (int i = 0; i < a.Length; i++)
                if (a[i].CompareTo(b[i]) is var c && c != 0) return c;
            return 0;
        }));
        for (int i = 0; i < n; i++)
        {
            var key = values.AsSpan(i * width, width).ToArray();
            if (!byLabel.TryGetValue(key, out var members)) byLabel[key] = members = [];
            members.Add(i);
        }
        return byLabel.Select(p => (width == 1 ? Number(p.Key[0]) : "[" + string.Join(", ", p.Key.Select(v => Number(v))) + "]", p.Value)).ToList();
    }
}
