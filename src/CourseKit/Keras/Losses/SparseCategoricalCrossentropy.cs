namespace CourseKit;

/// <summary>
/// Sparse categorical cross-entropy, the loss for choosing one of several classes when the targets are class indices
/// 0, 1, 2, … (Keras's <c>SparseCategoricalCrossentropy</c>, <c>"sparse_categorical_crossentropy"</c>):
/// loss = −log p_y, the log of the probability given to the right class y.
/// </summary>
/// <remarks>
/// <para>It is <see cref="CategoricalCrossentropy"/> with the one-hot rows made from the indices, and follows Keras's
/// probability path exactly: rows divided by their sum, clipped to [ε, 1 − ε] with ε = 10⁻⁷, then the logarithm. With
/// <c>fromLogits: true</c> it uses log softmax(z); the gradient is softmax(z) − one_hot(y).</para>
/// <para>Shapes: y_pred is (batch, classes); y_true is (batch,) or (batch, 1) and holds whole numbers in 0 … classes − 1.</para>
/// </remarks>
public sealed class SparseCategoricalCrossentropy : Loss
{
    /// <summary>Creates the loss (Keras's name "sparse_categorical_crossentropy").</summary>
    /// <param name="fromLogits">True when y_pred holds logits (no softmax on the last layer); Keras's default false means probabilities.</param>
    public SparseCategoricalCrossentropy(bool fromLogits = false) : base("sparse_categorical_crossentropy") => FromLogits = fromLogits;

    /// <summary>Whether y_pred holds logits rather than probabilities.</summary>
    public bool FromLogits { get; }

    /// <inheritdoc />
    /// <exception cref="ShapeException">y_true is one-hot, or its shape does not fit y_pred otherwise.</exception>
    /// <exception cref="ArgumentException">A label is not a whole number in 0 … classes − 1, or (without
    /// <see cref="FromLogits"/>) a prediction lies outside [0, 1].</exception>
    public override Tensor PerExample(Tensor yTrue, Tensor yPred)
    {
        var labels = Targets.OnDevice(Name, yTrue, yPred);
        int classes = Targets.Classes(Name, yPred);
        labels = Labels(labels, yPred);
        var indices = Targets.ClassIndices(Name, labels, classes,
            $"Give the last layer one unit per class (labels up to {classes} need at least {classes + 1} units), or check the labels.");

        var oneHot = new float[yPred.Size];
        for (int i = 0; i < indices.Length; i++) oneHot[i * classes + indices[i]] = 1;
        var y = Tensor.FromData(oneHot, yPred.Shape, yPred.Device);

        var logP = Targets.LogProbabilities(Name, yPred, FromLogits,
            "If the last layer has no softmax, its outputs are logits: use new SparseCategoricalCrossentropy(fromLogits: true), or add activation: \"softmax\".");
        return Targets.PerExample(-(y * logP).Sum(-1));
    }

    /// <summary>The labels with shape y_pred.Shape[..^1] (a trailing axis of size 1 dropped, as Keras does), or a clear error.</summary>
    private Tensor Labels(Tensor yTrue, Tensor yPred)
    {
        var t = Targets.Format(yTrue);
        var p = Targets.Format(yPred);
        if (yTrue.Shape.SequenceEqual(yPred.Shape))
            throw new ShapeException($"{Name} received one-hot targets of shape {t}; use categorical_crossentropy, or pass class indices (y.ArgMax(-1)).");
        var labels = yTrue.Rank == yPred.Rank && yTrue.Shape[^1] == 1 ? yTrue.Squeeze(-1) : yTrue;
        if (!labels.Shape.SequenceEqual(yPred.Shape[..^1]))
            throw new ShapeException($"{Name}: y_true has shape {t} but y_pred has shape {p}; the targets must be one class index per example, " +
                                     $"shape {Targets.Format(yPred.Shape[..^1])}.");
        return labels;
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["from_logits"] = FromLogits;
        config["ignore_class"] = null;
        return config;
    }
}
