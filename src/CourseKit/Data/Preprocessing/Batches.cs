namespace CourseKit;

public static partial class Preprocessing
{
    /// <summary>
    /// One epoch of mini-batches: <c>foreach (var (xb, yb) in Preprocessing.Batches(x, y, batchSize: 32)) { … }</c>.
    /// Each batch holds <paramref name="batchSize"/> examples, the last one the rest (10 examples in batches of 4 give
    /// 4, 4 and 2), as Keras's <c>fit</c> makes them.
    /// </summary>
    /// <param name="x">Features; the first axis counts examples.</param>
    /// <param name="y">Targets with the same first axis.</param>
    /// <param name="batchSize">Examples per batch (Keras's default is 32).</param>
    /// <param name="shuffle">Visit the examples in a random order (the default, as Keras's <c>fit</c>); with false, in
    /// their original order.</param>
    /// <param name="seed">Fixes the order.</param>
    /// <remarks>
    /// The order is drawn each time the batches are enumerated, so a <c>foreach</c> per epoch gives every epoch a new
    /// order, which is what training wants. With a <paramref name="seed"/> every enumeration uses that seed and gives the
    /// <em>same</em> order every epoch. For epochs that differ but are reproducible, leave the seed out and call
    /// <see cref="Tensor.SetRandomSeed"/> once at the top of the notebook.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> and <paramref name="y"/> do not have the same number of examples.</exception>
    public static IEnumerable<(Tensor X, Tensor Y)> Batches(Tensor x, Tensor y, int batchSize = 32, bool shuffle = true, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        CheckSameExamples("Batches", x, y);
        if (batchSize < 1)
            throw new ArgumentException($"Batches: batchSize must be at least 1, got {batchSize}.", nameof(batchSize));
        // Checked here, when Batches is called; the batches themselves are made lazily, one epoch per enumeration.
        return Epoch(x, y, batchSize, shuffle, seed);
    }

    private static IEnumerable<(Tensor X, Tensor Y)> Epoch(Tensor x, Tensor y, int batchSize, bool shuffle, int? seed)
    {
        int n = x.ShapeView[0];
        var order = shuffle ? Randomness.NextRandom(seed).Permutation(n) : Enumerable.Range(0, n).ToArray();
        for (int start = 0; start < n; start += batchSize)
        {
            var indices = order[start..Math.Min(start + batchSize, n)];
            yield return (x.Take(indices), y.Take(indices));
        }
    }
}
