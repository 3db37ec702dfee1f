namespace CourseKit;

/// <summary>
/// How often the class with the highest predicted probability is the right one, for class-index targets (Keras's
/// <c>SparseCategoricalAccuracy</c>, <c>"sparse_categorical_accuracy"</c>): an example is right when ArgMax(y_pred) = y_true.
/// The result is the fraction of right examples (weighted), over all batches since the last reset.
/// </summary>
/// <remarks>
/// Shapes as for <see cref="SparseCategoricalCrossentropy"/>: y_pred (batch, classes), y_true (batch,) or (batch, 1)
/// holding 0, 1, 2, …. Ties go to the first class.
/// </remarks>
public sealed class SparseCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The name shown in logs (Keras's default "sparse_categorical_accuracy").</param>
    public SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : base(PerExample, name) { }

    /// <summary>1 for each example whose most likely class is its label, 0 otherwise: shape (batch,).</summary>
    public static Tensor PerExample(Tensor yTrue, Tensor yPred)
    {
        const string who = "sparse_categorical_accuracy";
        var t = Targets.OnDevice(who, yTrue, yPred);
        if (yPred.Rank < 2)
            throw new ShapeException($"{who}: y_pred has shape {Targets.Format(yPred)}, but it needs one score per class: shape (batch, classes). " +
                                     "For one yes/no output per example use binary_accuracy.");
        if (t.Shape.SequenceEqual(yPred.Shape) && yPred.Shape[^1] > 1)
            throw new ShapeException($"{who} received one-hot targets of shape {Targets.Format(t)}; use categorical_accuracy, or pass class indices (y.ArgMax(-1)).");
        var labels = t.Rank == yPred.Rank && t.Shape[^1] == 1 ? t.Squeeze(-1) : t;
        if (!labels.Shape.SequenceEqual(yPred.Shape[..^1]))
            throw new ShapeException($"{who}: y_true has shape {Targets.Format(t)} but y_pred has shape {Targets.Format(yPred)}; the targets must be one class " +
                                     $"index per example, shape {Targets.Format(yPred.Shape[..^1])}.");
        return Targets.PerExample(labels.Equal(yPred.ArgMax(-1)));
    }
}
