namespace CourseKit;

/// <summary>Turns a batch of targets, predictions and sample weights into plain numbers for a metric to count.</summary>
internal static class MetricInputs
{
    /// <summary>
    /// One weight per example from <paramref name="sampleWeight"/> of shape (batch,) or (batch, 1), one number for all
    /// examples, or null (every example counts once).
    /// </summary>
    public static float[]? PerExampleWeights(string who, Tensor? sampleWeight, int batch)
    {
        if (sampleWeight is null) return null;
        var values = sampleWeight.ToArray();
        if (sampleWeight.Rank == 0) return Enumerable.Repeat(values[0], batch).ToArray();
        if (sampleWeight.Shape[0] == batch && sampleWeight.Size == batch) return values;
        throw new ShapeException($"{who}: sampleWeight has shape {Targets.Format(sampleWeight)} but the batch has {batch} examples; " +
                                 $"give one weight per example, shape ({batch},).");
    }

    /// <summary>
    /// For metrics that judge yes/no decisions (precision, recall, AUC): every value of y_true as a label (non-zero means
    /// positive, as Keras casts labels to bool), the matching prediction, and its weight. y_true and y_pred have the same
    /// shape (or differ by a trailing axis of size 1); several outputs per example are judged one by one, each with the
    /// example's weight.
    /// </summary>
    public static (bool[] Positive, float[] Scores, float[] Weights) Decisions(string who, Tensor yTrue, Tensor yPred, Tensor? sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        Tensor t, p;
        using (Autograd.NoGrad())
            (t, p) = Targets.SameShape(who, yTrue, yPred,
                $"{who} judges yes/no decisions, one per output. For class indices with one output per class, " +
                "compare one-hot targets (Preprocessing.ToCategorical(y, classes)) with the predictions.");
        var positive = t.ToArray().Select(v => v != 0).ToArray();
        var scores = p.ToArray();
        int batch = p.Shape[0], perExample = scores.Length / batch;
        var weights = new float[scores.Length];
        if (sampleWeight is not null && sampleWeight.Size == scores.Length && sampleWeight.Size != batch)
        {
            // One weight per output, shaped like y_pred (Keras broadcasts sample weights to the predictions).
            if (!sampleWeight.Shape.SequenceEqual(p.Shape))
                throw new ShapeException($"{who}: sampleWeight has shape {Targets.Format(sampleWeight)}; give one weight per example, shape ({batch},), " +
                                         $"or one per output, shape {Targets.Format(p)}.");
            weights = sampleWeight.ToArray();
        }
        else
        {
            var perExampleWeights = PerExampleWeights(who, sampleWeight, batch);
            for (int i = 0; i < weights.Length; i++) weights[i] = perExampleWeights?[i / perExample] ?? 1f;
        }
        return (positive, scores, weights);
    }
}
