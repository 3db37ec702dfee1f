namespace CourseKit;

public partial class Model
{
    /// <summary>
    /// The model's outputs for new inputs, computed in batches in inference mode (Keras's <c>predict</c>). For class
    /// probabilities, the predicted class of each example is <c>model.Predict(x).ArgMax(-1)</c>.
    /// <para>Any <paramref name="batchSize"/> is safe for memory: a forward pass takes at most as many examples as keep its
    /// intermediate results (activations, the unrolled windows of a convolution) within about 64 MB, and frees them before
    /// the next. The numbers are the same whatever the batch size: each example's outputs depend only on that example.</para>
    /// </summary>
    public Tensor Predict(Tensor x, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(x);
        var outputs = PredictOutputs([x], batchSize);
        return outputs.Count == 1 ? outputs[0] : Single(outputs, "Predict");
    }

    /// <summary>Every output of the model for new inputs (one tensor per input), computed in batches.</summary>
    public IReadOnlyList<Tensor> PredictOutputs(IReadOnlyList<Tensor> x, int batchSize = 32) =>
        PredictOutputs(x, batchSize, InferenceChunks.DefaultBudget);

    /// <summary>PredictOutputs with forward passes of at most <paramref name="memoryBudget"/> bytes of tensors.</summary>
    internal IReadOnlyList<Tensor> PredictOutputs(IReadOnlyList<Tensor> x, int batchSize, long memoryBudget)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (batchSize < 1) throw new ArgumentException($"Predict: batchSize must be at least 1, got {batchSize}.", nameof(batchSize));
        int count = TrainingData.CountOf(x, "Predict");
        EnsureBuiltFor(x, "Predict");
        using (Autograd.NoGrad())
            return OutputsInChunks(x, 0, count, new InferenceChunks(batchSize, memoryBudget));
    }

    /// <summary>The model's outputs (inference mode, gradients off) for examples <paramref name="start"/> to
    /// <paramref name="end"/> of <paramref name="x"/>, one forward pass per chunk that <paramref name="chunks"/> sizes; each
    /// pass's intermediate results are freed as soon as it ends. The outputs belong to the caller's tensor scope, if any.</summary>
    private IReadOnlyList<Tensor> OutputsInChunks(IReadOnlyList<Tensor> x, int start, int end, InferenceChunks chunks)
    {
        var device = WeightsDevice;
        var pieces = new List<IReadOnlyList<Tensor>>();
        for (int from = start; from < end;)
        {
            int to = from + chunks.Next(end - from);
            var scope = TensorScope.Begin();
            IReadOnlyList<Tensor> outputs = [];
            try
            {
                outputs = Outputs(OnDevice(x.Select(t => t[from..to]).ToList(), device), training: false);
            }
            finally
            {
                chunks.Measured(to - from, scope.CreatedBytes);
                foreach (var kept in scope.DisposeAllExcept(outputs)) TensorScope.Track(kept);
            }
            pieces.Add(outputs);
            from = to;
        }
        if (pieces.Count == 1) return pieces[0];
        var joined = Enumerable.Range(0, pieces[0].Count).Select(o => Tensor.Concat(pieces.Select(p => p[o]).ToList())).ToList();
        foreach (var piece in pieces.SelectMany(p => p)) piece.Dispose();
        return joined;
    }
}

/// <summary>
/// How many examples each forward pass of Predict and Evaluate takes: at most the batch size the caller passed, and no
/// more than keep the tensors one pass creates within a memory budget. A CNN holds a few hundred kB of activations per
/// image, so a student's <c>batchSize: 10000</c> would otherwise need gigabytes at once. The first pass takes at most
/// <see cref="FirstChunk"/> examples and measures what an example costs; the following passes are sized from that.
/// </summary>
internal sealed class InferenceChunks
{
    /// <summary>Bytes of tensors one forward pass may create (64 MB).</summary>
    public const long DefaultBudget = 64L << 20;

    /// <summary>Examples in the first, measuring pass.</summary>
    public const int FirstChunk = 32;

    private readonly int _batchSize;
    private readonly long _budget;
    private int _rows;

    public InferenceChunks(int batchSize, long budget)
    {
        _batchSize = batchSize;
        _budget = budget;
        _rows = Math.Min(batchSize, FirstChunk);
    }

    /// <summary>Examples in the next pass, when <paramref name="remaining"/> are left.</summary>
    public int Next(int remaining) => Math.Min(_rows, remaining);

    /// <summary>A pass over <paramref name="rows"/> examples created <paramref name="bytes"/> bytes of tensors: size the next ones.</summary>
    public void Measured(int rows, long bytes)
    {
        long perExample = Math.Max(1, bytes / rows);
        _rows = (int)Math.Clamp(_budget / perExample, 1, _batchSize);
    }
}
