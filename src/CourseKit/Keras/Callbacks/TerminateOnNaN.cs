namespace CourseKit;

/// <summary>Stops training as soon as a batch's loss is NaN or infinite (Keras's <c>TerminateOnNaN</c>). Fit already
/// does this on its own and explains why; the callback exists so that Keras code translates line by line.</summary>
public sealed class TerminateOnNaN : Callback
{
    /// <summary>The batch that produced the bad loss, or null.</summary>
    public int? TerminatedAtBatch { get; private set; }

    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, float> logs)
    {
        if (logs.TryGetValue("loss", out var loss) && !float.IsFinite(loss))
        {
            TerminatedAtBatch = batch;
            Model!.StopTraining = true;
        }
    }
}
