namespace CourseKit;

/// <summary>
/// The mean squared error as a metric to watch, averaged over all batches since the last reset (Keras's
/// <c>metrics.MeanSquaredError</c>; <c>"mse"</c> or <c>"mean_squared_error"</c> in a metrics list): mean of (y_true − y_pred)².
/// </summary>
/// <remarks>
/// Named with the suffix "Metric" because the loss of the same formula is <see cref="MeanSquaredError"/>: in CourseKit
/// every type lives in one namespace, so a metric whose Keras class name is also a loss's gets this suffix. Its value
/// per example is exactly the loss's (<see cref="Loss.PerExample"/>); unlike the loss, it is averaged over the whole
/// epoch rather than one batch.
/// </remarks>
public sealed class MeanSquaredErrorMetric : MeanMetricWrapper
{
    private static readonly MeanSquaredError Formula = new();

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The name shown in logs (Keras's default "mean_squared_error").</param>
    public MeanSquaredErrorMetric(string name = "mean_squared_error") : base(Formula.PerExample, name) { }
}
