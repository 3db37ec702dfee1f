namespace CourseKit;

/// <summary>
/// The metric Keras means by the string <c>"accuracy"</c> (or <c>"acc"</c>) when it cannot tell the problem from the loss:
/// it becomes <see cref="BinaryAccuracy"/>, <see cref="CategoricalAccuracy"/> or <see cref="SparseCategoricalAccuracy"/>
/// on the first <see cref="Update"/>, from the shapes of that batch, by Keras's rule:
/// <list type="bullet">
/// <item>y_pred has one output per example (last axis 1, or shape (batch,)) → binary accuracy;</item>
/// <item>otherwise, y_true has fewer axes than y_pred, or ends in an axis of size 1 → the labels are class indices:
/// sparse categorical accuracy;</item>
/// <item>otherwise (y_true one-hot, shaped like y_pred) → categorical accuracy.</item>
/// </list>
/// </summary>
/// <remarks>
/// <see cref="Metric.Get"/> returns the right accuracy directly when it is given the loss (or an output shape of 1),
/// so this class is only needed when neither is known. Not to be confused with Keras's <c>metrics.Accuracy</c> class,
/// which counts exact equality of y_true and y_pred and is almost never what a classifier needs.
/// </remarks>
public sealed class Accuracy : Metric
{
    /// <summary>Creates the metric; it picks its kind on the first update.</summary>
    /// <param name="name">The name shown in logs ("accuracy", or "acc" if that is what was asked for).</param>
    public Accuracy(string name = "accuracy") : base(name) { }

    /// <summary>The accuracy this metric became on its first update (null before it).</summary>
    public Metric? Resolved { get; private set; }

    /// <summary>The accuracy Keras picks for targets and predictions of these shapes (see the class summary).</summary>
    public static Metric ForShapes(int[] yTrueShape, int[] yPredShape, string name = "accuracy")
    {
        ArgumentNullException.ThrowIfNull(yTrueShape);
        ArgumentNullException.ThrowIfNull(yPredShape);
        if (yPredShape.Length <= 1 || yPredShape[^1] == 1) return new BinaryAccuracy(name: name);
        bool indices = yTrueShape.Length < yPredShape.Length || (yTrueShape.Length > 0 && yTrueShape[^1] == 1);
        return indices ? new SparseCategoricalAccuracy(name) : new CategoricalAccuracy(name);
    }

    /// <inheritdoc />
    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        Resolved ??= ForShapes(yTrue.Shape, yPred.Shape, Name);
        Resolved.Update(yTrue, yPred, sampleWeight);
    }

    /// <inheritdoc />
    public override float Result() => Resolved?.Result() ?? 0f;

    /// <summary>Forgets everything added; the kind picked on the first update is kept (the data keep their shapes).</summary>
    public override void Reset() => Resolved?.Reset();

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig() => Resolved?.GetConfig() ?? base.GetConfig();
}
