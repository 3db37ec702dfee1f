namespace CourseKit;

/// <summary>
/// Recall: of the examples that really are positive, the fraction predicted positive (Keras's <c>Recall</c>,
/// <c>"recall"</c>): recall = TP / (TP + FN), with TP the true positives (target non-zero, predicted above
/// <see cref="Threshold"/>) and FN the false negatives (target non-zero, predicted at or below it), each counted with its
/// sample weight over all batches since the last reset.
/// </summary>
/// <remarks>
/// High recall means few missed cases. It is 0 while no positive target has been seen (Keras's convention). With
/// several outputs per example, every output is one decision. See also <see cref="Precision"/>.
/// </remarks>
public sealed class Recall : Metric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">Predictions above it count as positive (Keras's default 0.5; use 0 when the model outputs logits).</param>
    /// <param name="name">The name shown in logs (Keras's default "recall").</param>
    public Recall(float threshold = 0.5f, string name = "recall") : base(name)
    {
        if (!float.IsFinite(threshold)) throw new ArgumentException($"Recall: threshold must be a number, got {threshold}.", nameof(threshold));
        Threshold = threshold;
    }

    /// <summary>Predictions above this count as positive.</summary>
    public float Threshold { get; }

    /// <summary>Weighted count of positives predicted positive (Keras's <c>true_positives</c>).</summary>
    public double TruePositives { get; private set; }

    /// <summary>Weighted count of positives predicted negative (Keras's <c>false_negatives</c>).</summary>
    public double FalseNegatives { get; private set; }

    /// <inheritdoc />
    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        var (positive, scores, weights) = MetricInputs.Decisions(Name, yTrue, yPred, sampleWeight);
        for (int i = 0; i < scores.Length; i++)
        {
            if (!positive[i]) continue;
            if (scores[i] > Threshold) TruePositives += weights[i];
            else FalseNegatives += weights[i];
        }
    }

    /// <summary>TP / (TP + FN), or 0 when no positive target was seen.</summary>
    public override float Result() => TruePositives + FalseNegatives == 0 ? 0f : (float)(TruePositives / (TruePositives + FalseNegatives));

    /// <inheritdoc />
    public override void Reset() => (TruePositives, FalseNegatives) = (0, 0);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["thresholds"] = Threshold;
        return config;
    }
}
