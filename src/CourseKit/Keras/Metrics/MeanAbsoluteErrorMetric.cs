namespace CourseKit;

/// <summary>
/// The mean absolute error as a metric to watch, averaged over all batches since the last reset (Keras's
/// <c>metrics.MeanAbsoluteError</c>; <c>"mae"</c> or <c>"mean_absolute_error"</c> in a metrics list): mean of |y_true − y_pred|.
/// It is in the units of the targets, which makes it easy to read: "off by 2.1 years on average".
/// </summary>
/// <remarks>
/// Named with the suffix "Metric" because the loss of the same formula is <see cref="MeanAbsoluteError"/> (see
/// <see cref="MeanSquaredErrorMetric"/> for the naming rule).
/// </remarks>
public sealed class MeanAbsoluteErrorMetric : MeanMetricWrapper
{
    private static readonly MeanAbsoluteError Formula = new();

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The name shown in logs (Keras's default "mean_absolute_error").</param>
    public MeanAbsoluteErrorMetric(string name = "mean_absolute_error") : base(Formula.PerExample, name) { }
}
