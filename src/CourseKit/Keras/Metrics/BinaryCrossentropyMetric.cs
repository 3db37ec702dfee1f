namespace CourseKit;

/// <summary>
/// Binary cross-entropy as a metric to watch, averaged over all batches since the last reset (Keras's
/// <c>metrics.BinaryCrossentropy</c>; <c>"binary_crossentropy"</c> in a metrics list): −[y log p + (1 − y) log(1 − p)]
/// per example. Like <see cref="SparseCategoricalCrossentropyMetric"/>, it shows the data's loss without the
/// regularization penalties that the reported "loss" includes.
/// </summary>
public sealed class BinaryCrossentropyMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="name">The name shown in logs (Keras's default "binary_crossentropy").</param>
    /// <param name="fromLogits">True when the model's output is a logit (no sigmoid on the last layer).</param>
    /// <param name="labelSmoothing">Moves the targets towards 0.5, as the loss's argument of that name.</param>
    public BinaryCrossentropyMetric(string name = "binary_crossentropy", bool fromLogits = false, float labelSmoothing = 0f)
        : base(new BinaryCrossentropy(fromLogits, labelSmoothing).PerExample, name) { }
}
