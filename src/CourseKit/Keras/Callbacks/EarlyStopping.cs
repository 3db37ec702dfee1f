namespace CourseKit;

/// <summary>
/// Stops training when a monitored number ("val_loss" by default) has stopped improving for <c>patience</c> epochs
/// (Keras's <c>EarlyStopping</c>), optionally putting back the weights of the best epoch.
/// </summary>
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
        _best = baseline ?? _direction.Worst;
        _bestWeights = null;
        StoppedEpoch = null;
        BestEpoch = 0;
    }

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, float> logs)
    {
        if (epoch < startFromEpoch) return;
        float current = MonitorDirection.Read(logs, Monitor, "EarlyStopping");
        if (RestoreBestWeights && _bestWeights is null) _bestWeights = Model!.GetWeights();
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
            if (RestoreBestWeights && _bestWeights is not null)
            {
                if (verbose > 0) Console.WriteLine($"Restoring model weights from the end of the best epoch: {BestEpoch + 1}.");
                Model.SetWeights(_bestWeights);
            }
        }
    }

    public override void OnTrainEnd(IReadOnlyDictionary<string, float> logs)
    {
        if (StoppedEpoch is int e && verbose > 0) Console.WriteLine($"Epoch {e + 1}: early stopping");
    }
}

/// <summary>Whether a monitored number should go down (losses, errors) or up (accuracy, AUC), as Keras's mode="auto" decides.</summary>
internal readonly record struct MonitorDirection(bool Maximize)
{
    public static MonitorDirection For(string monitor, string mode, string owner) => mode.ToLowerInvariant() switch
    {
        "min" => new(false),
        "max" => new(true),
        "auto" => new(monitor.Contains("acc", StringComparison.OrdinalIgnoreCase) || monitor.EndsWith("auc", StringComparison.OrdinalIgnoreCase)
                      || monitor.Contains("precision") || monitor.Contains("recall")),
        _ => throw new ArgumentException($"{owner}: mode must be \"auto\", \"min\" or \"max\", got \"{mode}\".", nameof(mode)),
    };

    public float Worst => Maximize ? float.NegativeInfinity : float.PositiveInfinity;

    public bool IsImprovement(float current, float reference, float minDelta) =>
        Maximize ? current - Math.Abs(minDelta) > reference : current + Math.Abs(minDelta) < reference;

    public static float Read(IReadOnlyDictionary<string, float> logs, string monitor, string owner) =>
        logs.TryGetValue(monitor, out var value) ? value
            : throw new InvalidOperationException($"{owner} monitors '{monitor}', which is not logged. Available: {string.Join(", ", logs.Keys)}" +
                                                  (monitor.StartsWith("val_") ? ". Pass validationData or validationSplit to Fit to get validation numbers." : "."));
}
