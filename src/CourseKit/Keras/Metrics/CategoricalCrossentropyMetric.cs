namespace CourseKit;

/// <summary>
/// Categorical cross-entropy as a metric to watch, averaged over all batches since the last reset (Keras's
/// <c>metrics.CategoricalCrossentropy</c>; <c>"categorical_crossentropy"</c> in a metrics list): −Σ yₖ log pₖ per
/// example, for one-hot targets. Like <see cref="SparseCategoricalCrossentropyMetric"/>, it shows the data's loss
/// without the regularization penalties that the reported "loss" includes.
/// </summary>
public sealed class CategoricalCrossentropyMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The name shown in logs (Keras's default "categorical_crossentropy").</param>
    /// <param name="fromLogits">True when the model's outputs are logits (no softmax on the last layer).</param>
    /// <param name="labelSmoothing">Moves the one-hot targets towards uniform, as the loss's argument of that name.</param>
    public CategoricalCrossentropyMetric(string name = "categorical_crossentropy", bool fromLogits = false, float labelSmoothing = 0f)
        : base(new CategoricalCrossentropy(fromLogits, labelSmoothing).PerExample, name) { }
}
