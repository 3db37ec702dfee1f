namespace CourseKit;

/// <summary>
/// What a training step (<see cref="Model.TrainStep"/>) tells <c>Fit</c> about the batch it trained on: the loss it
/// minimised, computed before the weights moved, which Fit averages into the epoch's "loss" in the progress log and the
/// history; and the model's predictions for the batch, from which Fit updates the compiled metrics (accuracy, …).
/// </summary>
public sealed class TrainStepResult
{
    /// <summary>The result for a model with one output.</summary>
    /// <param name="loss">The batch's loss: a single number (a tensor of shape ()), e.g. <c>ComputeLoss(batch, predictions)</c>.</param>
    /// <param name="predictions">The model's outputs for the batch, one row per example.</param>
    public TrainStepResult(Tensor loss, Tensor predictions) : this(loss, [predictions]) { }

    /// <summary>The result for a model with several outputs: one prediction tensor per output, in order.</summary>
    public TrainStepResult(Tensor loss, IReadOnlyList<Tensor> predictions)
    {
        Loss = loss ?? throw new ArgumentNullException(nameof(loss),
            "TrainStepResult: a training step must report the loss it minimised for the batch, e.g. " +
            "new TrainStepResult(ComputeLoss(batch, predictions), predictions).");
        if (predictions is null || predictions.Any(p => p is null))
            throw new ArgumentNullException(nameof(predictions),
                "TrainStepResult: a training step must report the model's predictions for the batch (Fit computes the metrics " +
                "from them), e.g. new TrainStepResult(loss, Call(batch.X, training: true)).");
        Predictions = predictions;
    }

    /// <summary>The batch's loss, as the step computed it before updating the weights.</summary>
    public Tensor Loss { get; }

    /// <summary>The model's outputs for the batch, one tensor per output.</summary>
    public IReadOnlyList<Tensor> Predictions { get; }
}
