namespace CourseKit;

/// <summary>
/// How wrong the predictions are, as one number to minimise (Keras's losses). Each loss computes a value per example;
/// <see cref="Call"/> then averages them over the batch, as Keras's default reduction ("sum over batch size") does.
/// </summary>
public abstract partial class Loss
{
    /// <summary>A loss called <paramref name="name"/> (shown in <see cref="ToString"/>, history and error messages). For a
    /// loss of your own, derive from this class and override <see cref="PerExample"/>, or pass a function to
    /// <see cref="CustomLoss"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    protected Loss(string name) => Name = string.IsNullOrWhiteSpace(name)
        ? throw new ArgumentException($"{GetType().Name}: a loss needs a name to show in logs, e.g. \"gaussian_nll\".", nameof(name))
        : name;

    /// <summary>Keras's name, e.g. "categorical_crossentropy".</summary>
    public string Name { get; }

    /// <summary>The loss of each example: a tensor of shape (batch,) (differentiable).</summary>
    public abstract Tensor PerExample(Tensor yTrue, Tensor yPred);

    /// <summary>The loss of a batch: Σ wᵢ·lossᵢ / batch size, with weights wᵢ = 1 unless <paramref name="sampleWeight"/>
    /// (shape (batch,) or (batch, 1)) is given, e.g. from class weights.</summary>
    public Tensor Call(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        var perExample = PerExample(yTrue, yPred);
        if (sampleWeight is null) return perExample.Mean();
        // A (batch, 1) weight next to (batch,) losses would broadcast to (batch, batch): reshape it as Keras does.
        var weights = Targets.SampleWeights(Name, sampleWeight, perExample);
        return (perExample * weights).Sum() / perExample.Size;
    }

    /// <summary>Keras's config of this loss, for saving.</summary>
    public virtual Dictionary<string, object?> GetConfig() => new() { ["name"] = Name };

    public override string ToString() => Name;
}
