namespace CourseKit;

/// <summary>
/// How often a yes/no prediction is right (Keras's <c>BinaryAccuracy</c>, <c>"binary_accuracy"</c>): a prediction counts
/// as 1 when it is greater than <see cref="Threshold"/> and as 0 otherwise, and it is right when that equals the target.
/// The result is the fraction of right predictions (weighted by the sample weights), over all batches since the last reset.
/// </summary>
/// <remarks>
/// Shapes as for <see cref="BinaryCrossentropy"/>: y_pred (batch, 1), y_true (batch, 1) or (batch,). With several
/// outputs per example, an example's value is the fraction of its outputs that are right. The comparison is strict, as in
/// Keras: a prediction of exactly 0.5 means 0.
/// </remarks>
public sealed class BinaryAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">Predictions above it mean 1 (Keras's default 0.5; use 0 when the model outputs logits).</param>
    /// <param name="name">The name shown in logs (Keras's default "binary_accuracy").</param>
    public BinaryAccuracy(float threshold = 0.5f, string name = "binary_accuracy")
        : base((yTrue, yPred) => PerExample(yTrue, yPred, threshold), name) => Threshold = threshold;

    /// <summary>Predictions above this mean 1, the others 0.</summary>
    public float Threshold { get; }

    /// <summary>1 for each example predicted right, 0 otherwise (the fraction right for several outputs): shape (batch,).</summary>
    public static Tensor PerExample(Tensor yTrue, Tensor yPred, float threshold = 0.5f)
    {
        var (t, p) = Targets.SameShape("binary_accuracy", yTrue, yPred,
            "For class indices with one output per class use sparse_categorical_accuracy.");
        return Targets.PerExample(t.Equal(p.Greater(threshold)));
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["threshold"] = Threshold;
        return config;
    }
}
