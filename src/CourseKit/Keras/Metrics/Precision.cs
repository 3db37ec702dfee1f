namespace CourseKit;

/// <summary>
/// Precision: of the examples predicted positive, the fraction that really are (Keras's <c>Precision</c>,
/// <c>"precision"</c>): precision = TP / (TP + FP), with TP the true positives (predicted above <see cref="Threshold"/>,
/// target non-zero) and FP the false positives (predicted above it, target 0), each counted with its sample weight over
/// all batches since the last reset.
/// </summary>
/// <remarks>
/// High precision means few false alarms. It is 0 while nothing has been predicted positive (Keras's convention). With
/// several outputs per example (e.g. one-hot rows), every output is one decision. See also <see cref="Recall"/>.
/// </remarks>
public sealed class Precision : Metric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="threshold">Predictions above it count as positive (Keras's default 0.5; use 0 when the model outputs logits).</param>
    /// <param name="name">The name shown in logs (Keras's default "precision").</param>
    public Precision(float threshold = 0.5f, string name = "precision") : base(name)
    {
        if (!float.IsFinite(threshold)) throw new ArgumentException($"Precision: threshold must be a number, got {threshold}.", nameof(threshold));
        Threshold = threshold;
    }

    /// <summary>Predictions above this count as positive.</summary>
    public float Threshold { get; }

    /// <summary>Weighted count of positives predicted positive (Keras's <c>true_positives</c>).</summary>
    public double TruePositives { get; private set; }

    /// <summary>Weighted count of negatives predicted positive (Keras's <c>false_positives</c>).</summary>
    public double FalsePositives { get; private set; }

    /// <inheritdoc />
    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        var (positive, scores, weights) = MetricInputs.Decisions(Name, yTrue, yPred, sampleWeight);
        for (int i = 0; i < scores.Length; i++)
        {
            if (!(scores[i] > Threshold)) continue;
            if (positive[i]) TruePositives += weights[i];
            else FalsePositives += weights[i];
        }
    }

    /// <summary>TP / (TP + FP), or 0 when nothing was predicted positive.</summary>
    public override float Result() => TruePositives + FalsePositives == 0 ? 0f : (float)(TruePositives / (TruePositives + FalsePositives));

    /// <inheritdoc />
    public override void Reset() => (TruePositives, FalsePositives) = (0, 0);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["thresholds"] = Threshold;
        return config;
    }
}
