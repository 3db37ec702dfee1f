namespace CourseKit;

/// <summary>
/// How a <see cref="HyperparameterSearch"/> trains each model it builds: the arguments of <c>Model.Fit</c> that every
/// candidate shares (scikit-learn's <c>fit_params</c>): <c>new FitSettings(epochs: 20, batchSize: 32)</c>.
/// </summary>
public sealed class FitSettings
{
    /// <param name="epochs">Passes over the training part of each fold.</param>
    /// <param name="batchSize">Examples per gradient step.</param>
    /// <param name="shuffle">Whether Fit shuffles the examples before each epoch.</param>
    /// <param name="callbacks">Makes the callbacks for one training run, e.g. <c>() => [new EarlyStopping(patience: 3)]</c>.
    /// A function rather than a list, because callbacks remember what they saw: each fold needs fresh ones.</param>
    /// <exception cref="ArgumentException"><paramref name="epochs"/> or <paramref name="batchSize"/> is below 1.</exception>
    public FitSettings(int epochs = 1, int batchSize = 32, bool shuffle = true, Func<IReadOnlyList<Callback>>? callbacks = null)
    {
        if (epochs < 1) throw new ArgumentException($"FitSettings: epochs must be at least 1, got {epochs}.", nameof(epochs));
        if (batchSize < 1) throw new ArgumentException($"FitSettings: batchSize must be at least 1, got {batchSize}.", nameof(batchSize));
        Epochs = epochs;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Callbacks = callbacks;
    }

    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; }

    /// <summary>Examples per gradient step.</summary>
    public int BatchSize { get; }

    /// <summary>Whether the examples are shuffled before each epoch.</summary>
    public bool Shuffle { get; }

    /// <summary>Makes fresh callbacks for each training run, or null for none.</summary>
    public Func<IReadOnlyList<Callback>>? Callbacks { get; }

    /// <summary>Trains <paramref name="model"/> on <paramref name="x"/>, <paramref name="y"/> with these settings, silently.</summary>
    internal TrainingHistory Fit(Model model, Tensor x, Tensor y) =>
        model.Fit(x, y, epochs: Epochs, batchSize: BatchSize, verbose: 0, callbacks: Callbacks?.Invoke(), shuffle: Shuffle);

    /// <summary>"20 epochs, batches of 32".</summary>
    public override string ToString() => $"{FormatText.Plural(Epochs, "epoch")}, batches of {BatchSize}";
}
