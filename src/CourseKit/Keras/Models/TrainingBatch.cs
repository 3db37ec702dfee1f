namespace CourseKit;

/// <summary>
/// One batch of training examples, as <see cref="Model.Fit(Tensor, Tensor, int, int, int, IReadOnlyList{Callback}?, float, ValueTuple{Tensor, Tensor}?, bool, IReadOnlyDictionary{int, float}?, int)"/>
/// hands it to <see cref="Model.TrainStep"/> (Keras's <c>data</c>, the tuple <c>x, y, sample_weight</c>): the inputs, the
/// targets and each example's weight, already on the model's device. For a model with one input and one output,
/// <see cref="X"/> and <see cref="Y"/> are the two tensors you need.
/// </summary>
public sealed class TrainingBatch
{
    internal TrainingBatch(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> targets, Tensor? sampleWeight)
    {
        Inputs = inputs;
        Targets = targets;
        SampleWeight = sampleWeight;
    }

    /// <summary>The inputs, one row per example (for a model with one input).</summary>
    public Tensor X => Inputs.Count == 1 ? Inputs[0]
        : throw new InvalidOperationException($"This batch has {Inputs.Count} inputs; use batch.Inputs[0] … batch.Inputs[{Inputs.Count - 1}].");

    /// <summary>The targets, one row per example (for a model with one output).</summary>
    public Tensor Y => Targets.Count == 1 ? Targets[0]
        : throw new InvalidOperationException($"This batch has targets for {Targets.Count} outputs; use batch.Targets[0] … batch.Targets[{Targets.Count - 1}].");

    /// <summary>Every input tensor, in the order the model takes them.</summary>
    public IReadOnlyList<Tensor> Inputs { get; }

    /// <summary>Every target tensor, one per output of the model.</summary>
    public IReadOnlyList<Tensor> Targets { get; }

    /// <summary>Each example's weight (from Fit's <c>classWeight</c>), or null when every example counts the same.</summary>
    public Tensor? SampleWeight { get; }

    /// <summary>How many examples the batch holds (the last batch of an epoch may be smaller).</summary>
    public int Size => Inputs[0].ShapeView[0];
}
