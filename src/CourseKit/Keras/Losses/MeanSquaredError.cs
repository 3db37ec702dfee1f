namespace CourseKit;

/// <summary>
/// Mean squared error, the usual loss for regression (Keras's <c>MeanSquaredError</c>, <c>"mean_squared_error"</c> or
/// <c>"mse"</c>): for each example, loss = mean over the outputs of (y_true − y_pred)².
/// </summary>
/// <remarks>
/// Squaring makes big errors count much more than small ones, and the derivative 2(y_pred − y_true)/n shrinks as the
/// prediction gets close, so steps slow down near the answer. y_true and y_pred have the same shape, e.g. (batch, 1) for
/// one number per example; a target of shape (batch,) is accepted for predictions of shape (batch, 1), as in Keras.
/// </remarks>
public sealed class MeanSquaredError : Loss
{
    /// <summary>Creates the loss (Keras's name "mean_squared_error").</summary>
    public MeanSquaredError() : base("mean_squared_error") { }

    /// <inheritdoc />
    public override Tensor PerExample(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Targets.SameShape(Name, yTrue, yPred);
        var error = p - t;
        return Targets.PerExample(error * error);
    }
}
