namespace CourseKit;

/// <summary>
/// Code that runs at points of training (Keras's callbacks): at the start and end of training, of each epoch and of
/// each batch. <c>logs</c> hold the numbers so far ("loss", "accuracy", "val_loss", …). Set
/// <see cref="Model.StopTraining"/> to end training after the current epoch.
/// </summary>
public abstract class Callback
{
    /// <summary>The model being trained (set by Fit).</summary>
    public Model? Model { get; internal set; }

    public virtual void OnTrainBegin(IReadOnlyDictionary<string, float> logs) { }
    public virtual void OnTrainEnd(IReadOnlyDictionary<string, float> logs) { }
    /// <summary>Before epoch <paramref name="epoch"/> (counted from 0, as in Keras).</summary>
    public virtual void OnEpochBegin(int epoch) { }
    /// <summary>After epoch <paramref name="epoch"/>, with its training and validation numbers.</summary>
    public virtual void OnEpochEnd(int epoch, IReadOnlyDictionary<string, float> logs) { }
    public virtual void OnBatchBegin(int batch) { }
    /// <summary>After batch <paramref name="batch"/> of the epoch, with the running numbers of the epoch.</summary>
    public virtual void OnBatchEnd(int batch, IReadOnlyDictionary<string, float> logs) { }
}
