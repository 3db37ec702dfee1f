namespace CourseKit;

public partial class Model
{
    private CompileSettings? _compiled;

    /// <summary>The optimizer given to <see cref="Compile(Optimizer, Loss, IReadOnlyList{Metric}?)"/>, or null before compiling.</summary>
    public Optimizer? Optimizer => _compiled?.Optimizer;

    /// <summary>The loss of each output.</summary>
    public IReadOnlyList<Loss> Losses => _compiled?.Losses ?? [];

    /// <summary>
    /// Chooses how the model learns (Keras's <c>compile</c>): the optimizer (<c>"adam"</c> or <c>new SGD(learningRate: 0.15)</c>),
    /// the loss (<c>"categorical_crossentropy"</c>, <c>"mse"</c>, … or a Loss object) and the metrics to report
    /// (<c>["accuracy"]</c>).
    /// </summary>
    public void Compile(Optimizer optimizer, Loss loss, IReadOnlyList<Metric>? metrics = null) =>
        Compile(optimizer, [loss], null, metrics);

    /// <summary>
    /// Compile for a model with several outputs: one loss per output, optionally weighted
    /// (<c>loss: ["mse", "mse"], lossWeights: [0.9f, 0.1f]</c>); the training loss is Σ weightᵢ·lossᵢ.
    /// Metrics are computed for every output.
    /// </summary>
    public void Compile(Optimizer optimizer, IReadOnlyList<Loss> loss, IReadOnlyList<float>? lossWeights = null, IReadOnlyList<Metric>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.Count == 1 && OutputCount > 1) loss = Enumerable.Repeat(loss[0], OutputCount).ToList();
        if (loss.Count != OutputCount)
            throw new ArgumentException($"Model \"{Name}\" has {OutputCount} outputs ({string.Join(", ", OutputNames)}) but {loss.Count} losses were given; give one loss per output.", nameof(loss));
        lossWeights ??= Enumerable.Repeat(1f, loss.Count).ToList();
        if (lossWeights.Count != loss.Count)
            throw new ArgumentException($"{loss.Count} losses but {lossWeights.Count} loss weights; give one weight per output.", nameof(lossWeights));
        // "accuracy" given as a string arrives unresolved; the loss decides which accuracy it is, as in Keras.
        var resolved = (metrics ?? []).Select(m => m is Accuracy { Resolved: null } a ? Metric.Get(a.Name, loss[0], OutputShape) : m).ToList();
        _compiled = new CompileSettings(optimizer, loss, lossWeights, resolved.Select(m => m.Name).ToList(),
            resolved.Select(m => m.GetConfig()).ToList(), resolved);
    }

    /// <summary>What Compile chose; metrics are re-created per output from their configs.</summary>
    internal sealed record CompileSettings(Optimizer Optimizer, IReadOnlyList<Loss> Losses, IReadOnlyList<float> LossWeights,
                                           IReadOnlyList<string> MetricNames, IReadOnlyList<Dictionary<string, object?>> MetricConfigs,
                                           IReadOnlyList<Metric> Metrics);

    internal CompileSettings Compiled => _compiled ?? throw new InvalidOperationException(
        $"You must call Compile() before using the model for training or evaluation: model.Compile(optimizer: \"adam\", loss: \"…\", metrics: [\"accuracy\"]).");

    /// <summary>The metric objects for every output, named as Keras logs them ("accuracy", or "out_accuracy" with several outputs).</summary>
    internal List<(string Name, int Output, Metric Metric)> FreshMetrics()
    {
        var list = new List<(string, int, Metric)>();
        var settings = Compiled;
        for (int o = 0; o < OutputCount; o++)
            for (int m = 0; m < settings.Metrics.Count; m++)
            {
                // The first output reuses the given objects; further outputs get their own from the same name.
                var metric = o == 0 ? settings.Metrics[m] : Metric.Get(settings.MetricNames[m], settings.Losses[o]);
                metric.Reset();
                list.Add((OutputCount == 1 ? metric.Name : $"{OutputNames[o]}_{metric.Name}", o, metric));
            }
        return list;
    }
}
