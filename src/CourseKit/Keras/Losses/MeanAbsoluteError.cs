namespace CourseKit;

/// <summary>
/// Mean absolute error (Keras's <c>MeanAbsoluteError</c>, <c>"mean_absolute_error"</c> or <c>"mae"</c>): for each example,
/// loss = mean over the outputs of |y_true − y_pred|.
/// </summary>
/// <remarks>
/// Every unit of error costs the same, so outliers pull less than with <see cref="MeanSquaredError"/>. The derivative is
/// ±1/n whatever the size of the error (0 exactly at the target), which is why training with it does not slow down
/// near the answer. Shapes as for <see cref="MeanSquaredError"/>.
/// </remarks>
public sealed class MeanAbsoluteError : Loss
{
    /// <summary>Creates the loss (Keras's name "mean_absolute_error").</summary>
    public MeanAbsoluteError() : base("mean_absolute_error") { }

    /// <inheritdoc />
    public override Tensor PerExample(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Targets.SameShape(Name, yTrue, yPred);
        return Targets.PerExample((p - t).Abs());
    }
}
