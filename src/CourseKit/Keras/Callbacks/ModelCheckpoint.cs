using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseKit;

/// <summary>
/// Saves the model (or only its weights) after epochs (Keras's <c>ModelCheckpoint</c>), every epoch or only when the
/// monitored number improved (<c>saveBestOnly</c>). The path may contain Keras-style fields filled from the epoch and
/// logs: <c>"ckpt-{epoch:02d}-{val_loss:.2f}.keras"</c>. Missing folders are created (as in Keras). Saves are atomic,
/// so a crash never leaves a half-written file.
/// </summary>
public sealed partial class ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool saveBestOnly = false,
                                            bool saveWeightsOnly = false, string mode = "auto") : Callback
{
    private readonly MonitorDirection _direction = MonitorDirection.For(monitor, mode, "ModelCheckpoint");
    private float _best = float.NaN;

    public string FilePath { get; } = filepath ?? throw new ArgumentNullException(nameof(filepath));
    public string Monitor { get; } = monitor;
    public bool SaveBestOnly { get; } = saveBestOnly;

    /// <summary>The file written most recently, or null.</summary>
    public string? LastSaved { get; private set; }

    /// <summary>Checks that the checkpoints can be written (when the folder part of the path has no fields) and that the
    /// model can be saved whole, so that a bad path or a subclassed model fails now rather than after the first epoch.</summary>
    public override void OnTrainBegin(IReadOnlyDictionary<string, float> logs)
    {
        _best = _direction.Worst;
        if (!saveWeightsOnly)
            Model!.CheckArchitectureCanBeSaved("Checkpoint its weights instead (new ModelCheckpoint(…, saveWeightsOnly: true)); later create " +
                                               "the model again and call LoadWeights(path).");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(FilePath));
        if (folder is not null && !Field().IsMatch(folder))
            AtomicFile.CheckWritable(Path.Combine(folder, Field().Replace(Path.GetFileName(FilePath), "0")), "ModelCheckpoint", createFolder: true);
    }

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, float> logs)
    {
        if (SaveBestOnly)
        {
            float current = MonitorDirection.Read(logs, Monitor, "ModelCheckpoint");
            if (!_direction.IsImprovement(current, _best, 0)) return;
            if (verbose > 0) Console.WriteLine($"Epoch {epoch + 1}: {Monitor} improved from {_best:0.#####} to {current:0.#####}, saving.");
            _best = current;
        }
        string path = Fill(FilePath, epoch, logs);
        if (saveWeightsOnly) Model!.SaveWeights(path, overwrite: true, "ModelCheckpoint", createFolder: true);
        else Model!.Save(path, overwrite: true, "ModelCheckpoint", createFolder: true);
        LastSaved = path;
    }

    /// <summary>Fills {epoch}, {epoch:02d}, {val_loss:.2f} and friends (epochs counted from 1, as Keras prints them).</summary>
    internal static string Fill(string pattern, int epoch, IReadOnlyDictionary<string, float> logs) =>
        Field().Replace(pattern, m =>
        {
            string key = m.Groups["key"].Value, format = m.Groups["format"].Value;
            double value = key == "epoch" ? epoch + 1
                : logs.TryGetValue(key, out var v) ? v
                : throw new ArgumentException($"ModelCheckpoint: the file name uses {{{key}}}, which is not logged. Available: epoch, {string.Join(", ", logs.Keys)}.");
            return format switch
            {
                "" => key == "epoch" ? ((int)value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture),
                _ when format.EndsWith('d') => ((int)value).ToString("D" + format.TrimStart('0').TrimEnd('d').PadLeft(1, '0'), CultureInfo.InvariantCulture),
                _ when format.StartsWith('.') && format.EndsWith('f') => value.ToString("F" + format[1..^1], CultureInfo.InvariantCulture),
                _ => throw new ArgumentException($"ModelCheckpoint: unsupported format '{format}' in {{{key}:{format}}}; use e.g. 02d or .4f."),
            };
        });

    [GeneratedRegex(@"\{(?<key>[A-Za-z_][A-Za-z0-9_]*)(?::(?<format>[^}]*))?\}")]
    private static partial Regex Field();
}
