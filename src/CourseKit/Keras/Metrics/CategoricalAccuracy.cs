namespace CourseKit;

/// <summary>
/// How often the class with the highest predicted probability is the right one, for one-hot targets (Keras's
/// <c>CategoricalAccuracy</c>, <c>"categorical_accuracy"</c>): an example is right when ArgMax(y_pred) = ArgMax(y_true).
/// The result is the fraction of right examples (weighted), over all batches since the last reset.
/// </summary>
/// <remarks>
/// Shapes as for <see cref="CategoricalCrossentropy"/>: y_true and y_pred are (batch, classes). Ties go to the first
/// class, as ArgMax does. Logits or probabilities give the same result (softmax keeps the order).
/// </remarks>
public sealed class CategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The name shown in logs (Keras's default "categorical_accuracy").</param>
    public CategoricalAccuracy(string name = "categorical_accuracy") : base(PerExample, name) { }

    /// <summary>1 for each example whose most likely class is the target's, 0 otherwise: shape (batch,).</summary>
    public static Tensor PerExample(Tensor yTrue, Tensor yPred)
    {
        const string who = "categorical_accuracy";
        var t = Targets.OnDevice(who, yTrue, yPred);
        if (yPred.Rank < 2)
            throw new ShapeException($"{who}: y_pred has shape {Targets.Format(yPred)}, but it needs one score per class: shape (batch, classes). " +
                                     "For one yes/no output per example use binary_accuracy.");
        if (!t.Shape.SequenceEqual(yPred.Shape))
        {
            bool indices = t.Rank == yPred.Rank - 1 || (t.Rank == yPred.Rank && t.Shape[^1] == 1);
            throw new ShapeException(indices
                ? $"{who}: y_true has shape {Targets.Format(t)}, which looks like class indices, but categorical_accuracy needs one-hot targets of shape " +
                  $"{Targets.Format(yPred)}; use sparse_categorical_accuracy or Preprocessing.ToCategorical(y, {yPred.Shape[^1]})."
                : $"{who}: y_true has shape {Targets.Format(t)} but y_pred has shape {Targets.Format(yPred)}; one-hot targets must have the shape of the predictions.");
        }
        return Targets.PerExample(t.ArgMax(-1).Equal(yPred.ArgMax(-1)));
    }
}
