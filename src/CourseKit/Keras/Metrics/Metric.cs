namespace CourseKit;

/// <summary>
/// A number that tells how well the model does, accumulated over the batches of an epoch (Keras's stateful metrics):
/// <see cref="Update"/> per batch, <see cref="Result"/> at any time, <see cref="Reset"/> at the start of an epoch.
/// </summary>
public abstract partial class Metric
{
    protected Metric(string name) => Name = name;

    /// <summary>The name shown in logs and history, e.g. "accuracy".</summary>
    public string Name { get; }

    /// <summary>Adds a batch of targets and predictions (<paramref name="sampleWeight"/>: (batch,) weights, optional).</summary>
    public abstract void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null);

    /// <summary>The metric over everything added since the last <see cref="Reset"/>.</summary>
    public abstract float Result();

    /// <summary>Forgets everything added.</summary>
    public abstract void Reset();

    /// <summary>Keras's config of this metric, for saving.</summary>
    public virtual Dictionary<string, object?> GetConfig() => new() { ["name"] = Name };

    public override string ToString() => $"{Name}: {Result():0.####}";
}
