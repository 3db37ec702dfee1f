using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace CourseKit;

/// <summary>
/// Which way a monitored number should go, for the callbacks that watch one (EarlyStopping, ModelCheckpoint,
/// ReduceLROnPlateau): down for losses and errors, up for accuracy, AUC and the like. Keras's <c>mode</c> argument says
/// it: "min", "max", or "auto" (guessed from the name).
/// </summary>
internal readonly record struct MonitorDirection(bool Maximize)
{
    /// <summary>The direction for <paramref name="mode"/> (any case); "auto" maximises names with "acc", "auc" at the end,
    /// "precision" or "recall", and minimises everything else (Keras's EarlyStopping and ModelCheckpoint).</summary>
    public static MonitorDirection For(string monitor, string mode, string owner) =>
        FromMode(mode, owner) ?? new(monitor.Contains("acc", StringComparison.OrdinalIgnoreCase)
            || monitor.EndsWith("auc", StringComparison.OrdinalIgnoreCase) || monitor.Contains("precision") || monitor.Contains("recall"));

    /// <summary>
    /// As <see cref="For"/>, but "auto" decides only for names it recognises (after a "val_" prefix): losses, errors and
    /// cross-entropies go down; accuracies, AUC, precision, recall and F1 go up. For any other name it asks for a mode,
    /// naming the owner's argument that takes it (<paramref name="modeArgument"/>).
    /// </summary>
    public static MonitorDirection ForKnownName(string monitor, string mode, string owner, string modeArgument = "mode")
    {
        if (FromMode(mode, owner, modeArgument) is { } direction) return direction;
        var name = monitor.StartsWith("val_", StringComparison.Ordinal) ? monitor[4..] : monitor;
        if (name.Contains("loss") || name.Contains("error") || name is "mse" or "mae" or "mape" or "msle" || name.Contains("crossentropy"))
            return new(false);
        if (name.Contains("acc") || name is "auc" or "precision" or "recall" || name.Contains("f1"))
            return new(true);
        throw new ArgumentException(
            $"{owner} cannot tell whether \"{monitor}\" should go down or up;{NameLookup.DidYouMean(monitor, ["loss", "val_loss", "accuracy", "val_accuracy"])} " +
            $"For another name pass {modeArgument}: \"min\" (lower is better) or {modeArgument}: \"max\" (higher is better).",
            nameof(monitor));
    }

    /// <summary>The value that any first value improves on.</summary>
    public float Worst => Maximize ? float.NegativeInfinity : float.PositiveInfinity;

    /// <summary>Whether <paramref name="current"/> beats <paramref name="best"/> by more than |<paramref name="minDelta"/>|
    /// (computed in the callers' own precision, float or double).</summary>
    public bool IsImprovement<T>(T current, T best, T minDelta) where T : INumber<T> =>
        Maximize ? current - T.Abs(minDelta) > best : current + T.Abs(minDelta) < best;

    /// <summary>The monitored value from the epoch's logs; fails, saying what is logged, when it is not there.</summary>
    public static float Read(IReadOnlyDictionary<string, float> logs, string monitor, string owner) =>
        TryRead(logs, monitor, owner, out float value, out string? missing) ? value : throw new InvalidOperationException(missing);

    /// <summary>The monitored value from the epoch's logs, or false with a message saying what is logged instead.</summary>
    public static bool TryRead(IReadOnlyDictionary<string, float> logs, string monitor, string owner, out float value, [NotNullWhen(false)] out string? missing)
    {
        missing = logs.TryGetValue(monitor, out value) ? null
            : $"{owner} monitors '{monitor}', which is not logged.{ClosestLogged(monitor, logs.Keys)} Available: {string.Join(", ", logs.Keys)}" +
              (monitor.StartsWith("val_") ? ". Pass validationData or validationSplit to Fit to get validation numbers." : ".");
        return missing is null;
    }

    /// <summary>" Did you mean …?" for the logged name closest to <paramref name="monitor"/>; a metric's short and long
    /// names (Keras's aliases "acc", "mae", "mse") point to each other: "val_acc" to the "val_accuracy" that is logged.</summary>
    private static string ClosestLogged(string monitor, IEnumerable<string> logged)
    {
        var names = logged.ToList();
        string? alias = names.FirstOrDefault(name => name != monitor && LongName(name) == LongName(monitor));
        return alias is not null ? $" Did you mean \"{alias}\"?" : NameLookup.DidYouMean(monitor, names);
    }

    /// <summary>A logged name with a metric's short name spelled out: "val_acc" → "val_accuracy".</summary>
    private static string LongName(string name)
    {
        string prefix = name.StartsWith("val_", StringComparison.Ordinal) ? "val_" : "";
        return prefix + name[prefix.Length..] switch
        {
            "acc" => "accuracy",
            "mae" => "mean_absolute_error",
            "mse" => "mean_squared_error",
            var metric => metric,
        };
    }

    /// <summary>"min" or "max" as given (any case), null for "auto"; fails on anything else, naming the closest.</summary>
    private static MonitorDirection? FromMode(string mode, string owner, string modeArgument = "mode") => mode?.Trim().ToLowerInvariant() switch
    {
        "min" => new(false),
        "max" => new(true),
        "auto" => null,
        _ => throw new ArgumentException($"{owner}: {modeArgument} must be \"auto\", \"min\" or \"max\", got \"{mode}\"." +
                                         NameLookup.DidYouMean(mode, ["auto", "min", "max"]), modeArgument),
    };
}
