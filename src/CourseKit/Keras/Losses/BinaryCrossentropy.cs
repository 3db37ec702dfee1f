namespace CourseKit;

/// <summary>
/// Binary cross-entropy, the loss for yes/no questions (Keras's <c>BinaryCrossentropy</c>, <c>"binary_crossentropy"</c>):
/// with y the target (0 or 1) and p the predicted probability of 1, each value costs −[y·log p + (1 − y)·log(1 − p)];
/// the loss of an example is the mean over its outputs.
/// </summary>
/// <remarks>
/// <para>A confident wrong answer costs a lot (−log 0.01 ≈ 4.6), a confident right one almost nothing (−log 0.99 ≈ 0.01).
/// As in Keras, p is first clipped to [ε, 1 − ε] with ε = 10⁻⁷ so that log 0 never happens: the largest value one
/// prediction can cost is −log 10⁻⁷ ≈ 16.1 (and, in float32, −log(1 − (1 − 10⁻⁷)) ≈ 15.9 on the other side).</para>
/// <para>With <c>fromLogits: true</c> y_pred holds logits x (the last layer has no sigmoid) and the loss uses the same
/// formula with p = σ(x), computed without ever forming p: max(x, 0) − x·y + log(1 + e^−|x|). Its derivative is simply
/// σ(x) − y.</para>
/// <para>Shapes: y_pred is (batch, 1) for one question per example (or (batch, k) for k independent questions); y_true has
/// the same shape, or (batch,) next to (batch, 1). Targets lie in [0, 1].</para>
/// </remarks>
public sealed class BinaryCrossentropy : Loss
{
    /// <summary>Creates the loss (Keras's name "binary_crossentropy").</summary>
    /// <param name="fromLogits">True when y_pred holds logits (no sigmoid on the last layer); Keras's default false means probabilities.</param>
    /// <param name="labelSmoothing">In [0, 1]: targets are pulled towards ½, y ← y·(1 − s) + ½·s, so the model is not pushed
    /// to be infinitely sure. Keras's default 0 leaves them alone.</param>
    /// <exception cref="ArgumentException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public BinaryCrossentropy(bool fromLogits = false, float labelSmoothing = 0f) : base("binary_crossentropy")
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentException($"BinaryCrossentropy: labelSmoothing must lie in [0, 1] (0 means none), got {labelSmoothing}.", nameof(labelSmoothing));
        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>Whether y_pred holds logits rather than probabilities.</summary>
    public bool FromLogits { get; }

    /// <summary>How far targets are pulled towards ½ (0: not at all).</summary>
    public float LabelSmoothing { get; }

    /// <inheritdoc />
    /// <exception cref="ShapeException">The shapes do not match (see the remarks).</exception>
    /// <exception cref="ArgumentException">A target lies outside [0, 1], or (without <see cref="FromLogits"/>) a prediction does.</exception>
    public override Tensor PerExample(Tensor yTrue, Tensor yPred)
    {
        var (y, x) = Targets.SameShape(Name, yTrue, yPred,
            "For more than two classes use sparse_categorical_crossentropy (labels 0, 1, 2, …) with one output unit per class and a softmax.");
        RequireBinaryTargets(y);
        if (LabelSmoothing > 0) y = y * (1 - LabelSmoothing) + 0.5f * LabelSmoothing;

        Tensor cost;
        if (FromLogits)
        {
            cost = x.Softplus() - x * y; // softplus(x) = log(1 + eˣ) = max(x, 0) + log(1 + e^−|x|)
        }
        else
        {
            Targets.RequireProbabilities(Name, x,
                "If the last layer has no sigmoid, its outputs are logits: use new BinaryCrossentropy(fromLogits: true), or add activation: \"sigmoid\".");
            var p = x.Clip(Targets.Epsilon, 1 - Targets.Epsilon);
            cost = -(y * p.Log() + (1 - y) * (1 - p).Log());
        }
        return Targets.PerExample(cost);
    }

    private void RequireBinaryTargets(Tensor y)
    {
        var values = y.ToArray();
        int bad = Array.FindIndex(values, v => !(v >= 0f && v <= 1f));
        if (bad < 0) return;
        throw new ArgumentException(
            $"{Name}: y_true holds {Targets.Number(values[bad])} at {Targets.Position(bad, y.Shape)}; binary targets are 0 or 1 (or a probability in between). " +
            "For more than two classes use sparse_categorical_crossentropy with one output unit per class and a softmax.");
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
