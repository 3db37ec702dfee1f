namespace CourseKit;

public abstract partial class Metric
{
    /// <summary>The names <see cref="Get"/> knows, as Keras spells them (Keras's names, each followed by its aliases).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
        "mean_absolute_error", "mae", "mean_squared_error", "mse", "precision", "recall", "auc",
        "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
    ];

    /// <summary>
    /// The metric called <paramref name="name"/>, with Keras's defaults, as <c>compile(metrics: [...])</c> resolves names.
    /// The metric is named as asked ("acc" logs as "acc", "mse" as "mse"); Keras's class names ("BinaryAccuracy") work too
    /// and log under Keras's default name. Case, spaces and underscores do not matter.
    /// </summary>
    /// <remarks>
    /// "accuracy" (or "acc") depends on the problem, as in Keras: with the loss binary_crossentropy it is
    /// <see cref="BinaryAccuracy"/> (threshold 0 when the loss takes logits, so that it means p &gt; 0.5),
    /// with categorical_crossentropy <see cref="CategoricalAccuracy"/>, with sparse_categorical_crossentropy
    /// <see cref="SparseCategoricalAccuracy"/>. With another loss (or none), an <paramref name="outputShape"/> ending in 1
    /// gives <see cref="BinaryAccuracy"/>; otherwise an <see cref="Accuracy"/> is returned that picks by the shapes of the
    /// first batch.
    /// </remarks>
    /// <param name="name">A metric name, e.g. "accuracy", "mae", "auc".</param>
    /// <param name="loss">The model's loss, which tells "accuracy" what kind of problem it is.</param>
    /// <param name="outputShape">The model's output shape, with or without the batch axis (only the last axis is used).</param>
    /// <exception cref="ArgumentException">No metric has that name; the message lists the names there are.</exception>
    public static Metric Get(string name, Loss? loss = null, int[]? outputShape = null)
    {
        if (name is null) throw new ArgumentNullException(nameof(name), $"Metric.Get: the metric name is null; pass one of {string.Join(", ", Names)}.");
        string asked = name.Trim().ToLowerInvariant();
        string Shown(string kerasDefault) => Names.Contains(asked) ? asked : kerasDefault;
        return NameLookup.Key(name) switch
        {
            "accuracy" or "acc" => AccuracyFor(Shown("accuracy"), loss, outputShape),
            "binaryaccuracy" => new BinaryAccuracy(name: Shown("binary_accuracy")),
            "categoricalaccuracy" => new CategoricalAccuracy(Shown("categorical_accuracy")),
            "sparsecategoricalaccuracy" => new SparseCategoricalAccuracy(Shown("sparse_categorical_accuracy")),
            "meanabsoluteerror" or "mae" => new MeanAbsoluteErrorMetric(Shown("mean_absolute_error")),
            "meansquarederror" or "mse" => new MeanSquaredErrorMetric(Shown("mean_squared_error")),
            "precision" => new Precision(name: Shown("precision")),
            "recall" => new Recall(name: Shown("recall")),
            "auc" => new AUC(name: Shown("auc")),
            "binarycrossentropy" => new BinaryCrossentropyMetric(Shown("binary_crossentropy")),
            "categoricalcrossentropy" => new CategoricalCrossentropyMetric(Shown("categorical_crossentropy")),
            "sparsecategoricalcrossentropy" => new SparseCategoricalCrossentropyMetric(Shown("sparse_categorical_crossentropy")),
            _ => throw Unknown(name),
        };
    }

    /// <summary>Lets a name stand for the metric, as in Keras: <c>metrics: ["accuracy"]</c>. Without the loss, "accuracy"
    /// becomes an <see cref="Accuracy"/> that picks its kind on the first batch (see <see cref="Get"/>).</summary>
    public static implicit operator Metric(string name) => Get(name);

    private static Metric AccuracyFor(string name, Loss? loss, int[]? outputShape) => loss switch
    {
        BinaryCrossentropy bce => new BinaryAccuracy(threshold: bce.FromLogits ? 0f : 0.5f, name: name),
        CategoricalCrossentropy => new CategoricalAccuracy(name),
        SparseCategoricalCrossentropy => new SparseCategoricalAccuracy(name),
        _ when outputShape is { Length: > 0 } && outputShape[^1] == 1 => new BinaryAccuracy(name: name),
        _ => new Accuracy(name),
    };

    /// <summary>Keras 3's metrics (and aliases) that CourseKit does not have, so that asking for one says so.</summary>
    private static readonly string[] KerasOnly =
        ["top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "mean_absolute_percentage_error", "mape",
         "mean_squared_logarithmic_error", "msle", "root_mean_squared_error", "r2_score", "f1_score", "fbeta_score",
         "cosine_similarity", "log_cosh_error", "hinge", "squared_hinge", "kl_divergence", "poisson", "mean_iou", "iou",
         "specificity_at_sensitivity", "sensitivity_at_specificity", "precision_at_recall", "recall_at_precision"];

    private static ArgumentException Unknown(string name)
    {
        string key = NameLookup.Key(name);
        string? hint = key is "huber" or "huberloss"
            ? $"\"{name}\" is a loss: pass it as the loss (loss: \"{name}\"); the loss is always reported, as \"loss\"."
            : null;
        return NameLookup.Unknown("metric", name, Names, KerasOnly, hint);
    }
}
