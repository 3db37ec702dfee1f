namespace CourseKit;

/// <summary>
/// Stops training when a monitored number ("val_loss" by default) has stopped improving for <c>patience</c> epochs
/// (Keras's <c>EarlyStopping</c>). With <c>restoreBestWeights: true</c> the model ends training with the weights of the
/// best epoch, whether the patience ran out or all epochs ran (as in Keras 3).
/// </summary>
/// <remarks>
/// A <c>baseline</c> is a value to beat: improvements that do not beat it do not reset the patience, but the best epoch
/// is still tracked, so with <c>restoreBestWeights</c> the best of the epochs seen is restored (Keras 3).
/// </remarks>
public sealed class EarlyStopping(string monitor = "val_loss", float minDelta = 0, int patience = 0, int verbose = 0,
                                  string mode = "auto", float? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0) : Callback
{
    private readonly MonitorDirection _direction = MonitorDirection.For(monitor, mode, "EarlyStopping");
    private float _best;
    private int _wait;
    private Tensor[]? _bestWeights;

    public string Monitor { get; } = monitor;
    public int Patience { get; } = patience;
    public bool RestoreBestWeights { get; } = restoreBestWeights;

    /// <summary>The epoch training stopped at (counted from 0), or null if it ran to the end.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <summary>The epoch with the best monitored value so far.</summary>
    public int BestEpoch { get; private set; }

    public override void OnTrainBegin(IReadOnlyDictionary<string, float> logs)
    {
        _wait = 0;
        _best = _direction.Worst;
        _bestWeights = null;
        StoppedEpoch = null;
        BestEpoch = 0;
    }

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, float> logs)
    {
        if (epoch < startFromEpoch) return;
        float current = MonitorDirection.Read(logs, Monitor, "EarlyStopping");
        if (RestoreBestWeights && _bestWeights is null)
        {
            _bestWeights = Model!.GetWeights();
            BestEpoch = epoch;
        }
        _wait++;
        if (_direction.IsImprovement(current, _best, minDelta))
        {
            _best = current;
            BestEpoch = epoch;
            if (RestoreBestWeights) _bestWeights = Model!.GetWeights();
            if (baseline is null || _direction.IsImprovement(current, baseline.Value, 0)) _wait = 0;
            return;
        }
        if (_wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            Model!.StopTraining = true;
        }
    }

    /// <summary>Says where training stopped (with <c>verbose: 1</c>) and puts back the best epoch's weights.</summary>
    public override void OnTrainEnd(IReadOnlyDictionary<string, float> logs)
    {
        if (StoppedEpoch is int e && verbose > 0) Console.WriteLine($"Epoch {e + 1}: early stopping");
        if (RestoreBestWeights && _bestWeights is not null)
        {
            if (verbose > 0) Console.WriteLine($"Restoring model weights from the end of the best epoch: {BestEpoch + 1}.");
            Model!.SetWeights(_bestWeights);
        }
    }
}
