namespace CourseKit;

/// <summary>
/// Categorical cross-entropy, the loss for choosing one of several classes when the targets are one-hot rows (Keras's
/// <c>CategoricalCrossentropy</c>, <c>"categorical_crossentropy"</c>): loss = −Σ_c y_c·log p_c over the classes c, which
/// for a one-hot target is −log(probability given to the right class).
/// </summary>
/// <remarks>
/// <para>As in Keras, the predictions are first divided by their sum over the classes (so they add up to 1 even if they
/// came from somewhere other than a softmax), then clipped to [ε, 1 − ε] with ε = 10⁻⁷. Note that the division takes part
/// in the gradient: ∂loss/∂p_c = 1/Σp − y_c/p_c.</para>
/// <para>With <c>fromLogits: true</c> y_pred holds logits z (no softmax on the last layer) and log p = log softmax(z) =
/// z − log Σ e^z, computed stably; the gradient is softmax(z) − y.</para>
/// <para>Shapes: y_pred is (batch, classes) and y_true has the same shape (one-hot, e.g. from
/// <see cref="Preprocessing.ToCategorical"/>). For class indices 0, 1, 2, … use <see cref="SparseCategoricalCrossentropy"/>.</para>
/// </remarks>
public sealed class CategoricalCrossentropy : Loss
{
    /// <summary>Creates the loss (Keras's name "categorical_crossentropy").</summary>
    /// <param name="fromLogits">True when y_pred holds logits (no softmax on the last layer); Keras's default false means probabilities.</param>
    /// <param name="labelSmoothing">In [0, 1]: targets are mixed with the uniform distribution, y ← y·(1 − s) + s/classes.
    /// Keras's default 0 leaves them alone.</param>
    /// <exception cref="ArgumentException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public CategoricalCrossentropy(bool fromLogits = false, float labelSmoothing = 0f) : base("categorical_crossentropy")
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentException($"CategoricalCrossentropy: labelSmoothing must lie in [0, 1] (0 means none), got {labelSmoothing}.", nameof(labelSmoothing));
        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>Whether y_pred holds logits rather than probabilities.</summary>
    public bool FromLogits { get; }

    /// <summary>How much of the uniform distribution is mixed into the targets (0: none).</summary>
    public float LabelSmoothing { get; }

    /// <inheritdoc />
    /// <exception cref="ShapeException">y_true holds class indices, or the shapes differ otherwise.</exception>
    /// <exception cref="ArgumentException">Without <see cref="FromLogits"/>, a prediction lies outside [0, 1].</exception>
    public override Tensor PerExample(Tensor yTrue, Tensor yPred)
    {
        var y = Targets.OnDevice(Name, yTrue, yPred);
        int classes = Targets.Classes(Name, yPred);
        CheckOneHot(y, yPred, classes);
        if (LabelSmoothing > 0) y = y * (1 - LabelSmoothing) + LabelSmoothing / classes;

        var logP = Targets.LogProbabilities(Name, yPred, FromLogits,
            "If the last layer has no softmax, its outputs are logits: use new CategoricalCrossentropy(fromLogits: true), or add activation: \"softmax\".");
        return Targets.PerExample(-(y * logP).Sum(-1));
    }

    /// <summary>y_true must be one-hot rows of y_pred's shape; class indices get a hint towards the sparse version.</summary>
    private void CheckOneHot(Tensor yTrue, Tensor yPred, int classes)
    {
        var t = Targets.Format(yTrue);
        var p = Targets.Format(yPred);
        bool indices = yTrue.Rank == yPred.Rank - 1 || (yTrue.Rank == yPred.Rank && yTrue.Shape[^1] == 1);
        if (indices && yTrue.Shape[..^(yTrue.Rank == yPred.Rank ? 1 : 0)].SequenceEqual(yPred.Shape[..^1]))
            throw new ShapeException($"{Name}: y_true has shape {t}, which looks like class indices, but categorical_crossentropy needs one-hot targets of " +
                                     $"shape {p}; use sparse_categorical_crossentropy or Preprocessing.ToCategorical(y, {classes}).");
        if (!yTrue.Shape.SequenceEqual(yPred.Shape))
            throw new ShapeException($"{Name}: y_true has shape {t} but y_pred has shape {p}; one-hot targets must have the shape of the predictions " +
                                     "(one column per class). Check the number of units of the last layer against the number of classes.");
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["from_logits"] = FromLogits;
        config["label_smoothing"] = LabelSmoothing;
        config["axis"] = -1;
        return config;
    }
}
