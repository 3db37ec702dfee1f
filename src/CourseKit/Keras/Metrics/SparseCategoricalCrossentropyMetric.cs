namespace CourseKit;

/// <summary>
/// Sparse categorical cross-entropy as a metric to watch, averaged over all batches since the last reset (Keras's
/// <c>metrics.SparseCategoricalCrossentropy</c>; <c>"sparse_categorical_crossentropy"</c> in a metrics list): −log p_y
/// per example, for targets that are class indices.
/// </summary>
/// <remarks>
/// Why watch a loss as a metric? Because the reported "loss" also holds the weights' regularization penalties
/// (J* = J + λΩ): this metric is the data's cross-entropy J alone, which can be compared between models with and without
/// a penalty. Its value per example is the loss's (<see cref="Loss.PerExample"/>); see <see cref="MeanSquaredErrorMetric"/>
/// for why the class name ends in "Metric".
/// </remarks>
public sealed class SparseCategoricalCrossentropyMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The name shown in logs (Keras's default "sparse_categorical_crossentropy").</param>
    /// <param name="fromLogits">True when the model's outputs are logits (no softmax on the last layer).</param>
    public SparseCategoricalCrossentropyMetric(string name = "sparse_categorical_crossentropy", bool fromLogits = false)
        : base(new SparseCategoricalCrossentropy(fromLogits).PerExample, name) { }
}
