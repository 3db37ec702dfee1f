namespace CourseKit;

/// <summary>A callback made from plain functions (Keras's <c>LambdaCallback</c>):
/// <c>new LambdaCallback(onEpochEnd: (epoch, logs) => Console.WriteLine(logs["loss"]))</c>.</summary>
public sealed class LambdaCallback(
    Action<int>? onEpochBegin = null,
    Action<int, IReadOnlyDictionary<string, float>>? onEpochEnd = null,
    Action<int>? onBatchBegin = null,
    Action<int, IReadOnlyDictionary<string, float>>? onBatchEnd = null,
    Action<IReadOnlyDictionary<string, float>>? onTrainBegin = null,
    Action<IReadOnlyDictionary<string, float>>? onTrainEnd = null) : Callback
{
    public override void OnEpochBegin(int epoch) => onEpochBegin?.Invoke(epoch);
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, float> logs) => onEpochEnd?.Invoke(epoch, logs);
    public override void OnBatchBegin(int batch) => onBatchBegin?.Invoke(batch);
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, float> logs) => onBatchEnd?.Invoke(batch, logs);
    public override void OnTrainBegin(IReadOnlyDictionary<string, float> logs) => onTrainBegin?.Invoke(logs);
    public override void OnTrainEnd(IReadOnlyDictionary<string, float> logs) => onTrainEnd?.Invoke(logs);
}
