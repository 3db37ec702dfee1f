namespace CourseKit;

/// <summary>The inputs and targets given to Fit/Evaluate, checked to belong together and cut into batches.</summary>
internal sealed class TrainingData
{
    /// <param name="x">The inputs, one tensor per model input.</param>
    /// <param name="y">The targets, one tensor per model output.</param>
    /// <param name="model">The model they are for.</param>
    /// <param name="source">What the user called and with which argument, to start every error with: "Fit",
    /// "Evaluate", "Fit: validationData".</param>
    public TrainingData(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, Model model, string source)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != model.InputCount)
            throw new ArgumentException($"{source}: model \"{model.Name}\" takes {model.InputCount} inputs, but {x.Count} input tensors were given.");
        X = x;
        Y = y;
        Source = source;
        Count = CountOf([.. x, .. y], source);
    }

    public IReadOnlyList<Tensor> X { get; }
    public IReadOnlyList<Tensor> Y { get; }

    /// <summary>Where the data came from, for errors: "Fit", "Evaluate", "Fit: validationData".</summary>
    public string Source { get; }

    /// <summary>Number of examples.</summary>
    public int Count { get; }

    /// <summary>The number of the first example in the data the user gave (the start of the part validationSplit holds
    /// out), so that errors number examples as the user does.</summary>
    public int FirstExample { get; }

    /// <summary>The common number of examples (first axis) of all tensors, or an error that names the mismatch.</summary>
    public static int CountOf(IReadOnlyList<Tensor> tensors, string op)
    {
        foreach (var t in tensors)
            if (t.Rank == 0) throw new ShapeException($"{op}: data needs an examples axis first; got a single number.");
        int n = tensors[0].ShapeView[0];
        var other = tensors.FirstOrDefault(t => t.ShapeView[0] != n);
        if (other is not null)
            throw new ShapeException($"{op}: the data do not have the same number of examples: {string.Join(", ", tensors.Select(t => ShapeMath.Format(t.ShapeView)))}. " +
                                     "Every input and target needs one row per example.");
        return n;
    }

    /// <summary>Examples [start, start+count) of the (possibly shuffled) order, with their sample weights.</summary>
    public (IReadOnlyList<Tensor> X, IReadOnlyList<Tensor> Y, Tensor? Weights) Batch(int[]? order, int start, int count, Tensor? weights)
    {
        if (order is null)
            return (X.Select(t => t[start..(start + count)]).ToList(), Y.Select(t => t[start..(start + count)]).ToList(), weights?[start..(start + count)]);
        var indices = order.AsSpan(start, count).ToArray();
        return (X.Select(t => t.Take(indices)).ToList(), Y.Select(t => t.Take(indices)).ToList(), weights?.Take(indices));
    }

    /// <summary>Keras's validation_split: the last fraction of the examples (before any shuffling) is held out.</summary>
    public (TrainingData Train, TrainingData Validation) Split(float fraction)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentException($"{Source}: validationSplit must be between 0 and 1 (e.g. 0.2), got {fraction}.", nameof(fraction));
        int train = (int)Math.Floor(Count * (1 - (double)fraction));
        if (train < 1 || train >= Count)
            throw new ArgumentException($"{Source}: validationSplit {fraction} of {Count} examples leaves {train} for training and {Count - train} for validation; both need at least one.");
        return (Slice(0, train, Source), Slice(train, Count, $"{Source}: validationSplit"));
    }

    private TrainingData Slice(int start, int end, string source) =>
        new(X.Select(t => t[start..end]).ToList(), Y.Select(t => t[start..end]).ToList(), source, FirstExample + start);

    private TrainingData(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, string source, int firstExample)
    {
        X = x;
        Y = y;
        Source = source;
        Count = x[0].ShapeView[0];
        FirstExample = firstExample;
    }

    /// <summary>Each example's weight from its class (Keras's class_weight): the class is the index, the one-hot column,
    /// or the rounded binary target of the first output.</summary>
    public Tensor ClassWeights(IReadOnlyDictionary<int, float> classWeight)
    {
        var y = Y[0];
        var classes = y.Rank >= 2 && y.ShapeView[^1] > 1 ? y.ArgMax(-1).ToArray() : y.ToArray().Select(v => MathF.Round(v)).ToArray();
        var weights = new float[classes.Length];
        for (int i = 0; i < classes.Length; i++)
            weights[i] = classWeight.TryGetValue((int)classes[i], out var w) ? w
                : throw new ArgumentException($"{Source}: classWeight has no weight for class {(int)classes[i]} (example {i}); give a weight for every class: {{0: 1, 1: 5, …}}.");
        return Tensor.FromData(weights, [weights.Length], y.Device);
    }
}
