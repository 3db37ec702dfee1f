namespace CourseKit;

public partial class Model
{
    /// <summary>
    /// One training step on one batch (Keras's <c>train_step</c>; PyTorch Lightning's <c>training_step</c> together
    /// with the backward pass and optimizer step its Trainer adds). <c>Fit</c> calls it for every batch and does the
    /// rest: shuffling and batching, the progress log, the history, callbacks and the compiled metrics.
    /// <para>
    /// The default runs the model forward, computes the compiled loss (<see cref="ComputeLoss(TrainingBatch, IReadOnlyList{Tensor})"/>),
    /// backpropagates it and lets the optimizer update the weights (<see cref="ApplyGradients"/>). A subclassed model
    /// overrides it to train differently — its own loss, a change to the gradients, a weight update of its own:
    /// </para>
    /// <code>
    /// protected override TrainStepResult TrainStep(TrainingBatch batch)
    /// {
    ///     var predictions = Call(batch.X, training: true);          // forward
    ///     var loss = (predictions - batch.Y).Square().Mean();       // the loss of this batch
    ///     ApplyGradients(loss);                                     // backward + optimizer step
    ///     return new TrainStepResult(loss, predictions);            // what Fit logs and measures
    /// }
    /// </code>
    /// The step must return the batch's loss as a single number and the model's predictions for the batch; whatever
    /// it returns, the weights change only as the step changes them.
    /// </summary>
    /// <param name="batch">The batch's inputs, targets and sample weights, on the model's device.</param>
    /// <returns>The loss the step minimised (computed before the update) and the model's predictions for the batch.</returns>
    protected virtual TrainStepResult TrainStep(TrainingBatch batch)
    {
        var predictions = Outputs(batch.Inputs, training: true);
        var loss = ComputeLoss(batch, predictions);
        ApplyGradients(loss);
        return new TrainStepResult(loss, predictions);
    }

    /// <summary>
    /// The loss <c>Compile</c> chose, for a batch and the model's predictions on it (Keras's <c>compute_loss</c>): each
    /// output's loss weighted by its loss weight, summed, plus the layers' regularization penalties — what the default
    /// <see cref="TrainStep"/> minimises.
    /// </summary>
    protected Tensor ComputeLoss(TrainingBatch batch, IReadOnlyList<Tensor> predictions)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count != OutputCount)
            throw new ArgumentException($"ComputeLoss: model \"{Name}\" has {OutputCount} outputs, but {predictions.Count} predictions were given.", nameof(predictions));
        var settings = Compiled;
        return WeightedLoss(OutputLosses(batch.Targets, predictions, batch.SampleWeight, settings), settings);
    }

    /// <summary>The compiled loss for a model with one output: see <see cref="ComputeLoss(TrainingBatch, IReadOnlyList{Tensor})"/>.</summary>
    protected Tensor ComputeLoss(TrainingBatch batch, Tensor predictions) => ComputeLoss(batch, [predictions]);

    /// <summary>
    /// Backpropagation and one step of the compiled optimizer: clears the trainable weights' old gradients, computes
    /// the gradients of <paramref name="loss"/> (<c>loss.Backward()</c>) and lets the optimizer update every trainable
    /// weight. To change the gradients before the update, write the three steps yourself:
    /// <c>foreach (var w in TrainableWeights) w.Value.ZeroGrad(); loss.Backward();</c> … <c>Optimizer!.Apply(TrainableWeights);</c>
    /// </summary>
    protected void ApplyGradients(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var trainable = TrainableWeights;
        foreach (var w in trainable) w.Value.ZeroGrad();
        loss.Backward();
        Compiled.Optimizer.Apply(trainable);
    }

    /// <summary>Each output's own (unweighted) loss, as Keras logs it: "&lt;output&gt;_loss".</summary>
    private static Tensor[] OutputLosses(IReadOnlyList<Tensor> y, IReadOnlyList<Tensor> outputs, Tensor? sampleWeight, CompileSettings settings) =>
        outputs.Select((output, o) => settings.Losses[o].Call(y[o], output, sampleWeight)).ToArray();

    /// <summary>Σ weightᵢ · lossᵢ over the outputs, plus the weights' regularization penalties (in training and, as in
    /// Keras, in Evaluate and val_loss: the cross-entropy metrics show the loss without them).</summary>
    private Tensor WeightedLoss(Tensor[] outputLosses, CompileSettings settings)
    {
        Tensor? total = null;
        for (int o = 0; o < outputLosses.Length; o++)
        {
            var term = settings.LossWeights[o] != 1f ? outputLosses[o] * settings.LossWeights[o] : outputLosses[o];
            total = total is null ? term : total + term;
        }
        foreach (var penalty in Layers.SelectMany(l => l.RegularizationLosses())) total = total! + penalty;
        return total!;
    }
}
