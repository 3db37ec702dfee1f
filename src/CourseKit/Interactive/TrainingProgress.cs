using System.Globalization;
using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// One epoch's progress as <c>Model.Fit</c> reports it: how many batches (steps) are done, the time so far and the
/// running loss and metrics (Keras's <c>logs</c>).
/// </summary>
/// <param name="Epoch">The epoch, counted from 0 as in Keras (shown counted from 1).</param>
/// <param name="Step">Batches done in this epoch.</param>
/// <param name="Steps">Batches per epoch.</param>
/// <param name="Elapsed">Time spent on this epoch so far.</param>
/// <param name="Logs">Loss and metrics so far ("loss", "accuracy", "val_loss", …).</param>
public sealed record EpochProgress(int Epoch, int Step, int Steps, TimeSpan Elapsed, IReadOnlyDictionary<string, float> Logs)
{
    /// <summary>The Keras-style line: <c>Epoch 3/10 - 469/469 - 0.8s - loss: 0.4123 - accuracy: 0.8565</c>.</summary>
    public string Line(int epochs) =>
        string.Create(CultureInfo.InvariantCulture, $"Epoch {Epoch + 1}/{epochs} - {Step}/{Steps} - {Elapsed.TotalSeconds:0.0}s - ") +
        string.Join(" - ", Logs.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}: {kv.Value:0.0000}")));
}

/// <summary>
/// What a notebook shows while <c>Model.Fit</c> runs: a row per finished epoch with its loss and metrics, and a progress
/// bar for the epoch under way. Fit shows one of these and replaces it with a newer one as training goes on; each one
/// is a snapshot that never changes.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]
public sealed class TrainingProgress
{
    internal TrainingProgress(int epochs, IReadOnlyList<EpochProgress> completed, EpochProgress? current, string? stopReason)
    {
        Epochs = epochs;
        Completed = completed;
        Current = current;
        StopReason = stopReason;
    }

    /// <summary>The number of epochs Fit was asked for.</summary>
    public int Epochs { get; }

    /// <summary>The finished epochs, with their final numbers.</summary>
    public IReadOnlyList<EpochProgress> Completed { get; }

    /// <summary>The epoch under way, or null between epochs and at the end.</summary>
    public EpochProgress? Current { get; }

    /// <summary>Why training stopped early (a NaN loss), or null.</summary>
    public string? StopReason { get; }

    /// <summary>The Keras-style lines, the current epoch with a text progress bar.</summary>
    public override string ToString()
    {
        int hidden = Math.Max(0, Completed.Count - ShownEpochs);
        var lines = Completed.Skip(hidden).Select(e => e.Line(Epochs)).ToList();
        if (hidden > 0) lines.Insert(0, $"… {hidden} earlier epoch{(hidden == 1 ? "" : "s")}");
        if (Current is { } now)
        {
            int filled = now.Steps == 0 ? 0 : (int)Math.Round(20.0 * now.Step / now.Steps);
            lines.Add($"[{new string('=', filled)}{new string('.', 20 - filled)}] " + now.Line(Epochs));
        }
        if (lines.Count == 0) lines.Add($"Training for {Epochs} epoch{(Epochs == 1 ? "" : "s")}…");
        if (StopReason is not null) lines.Add("Training stopped: " + StopReason);
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>How many of the latest epochs are shown; earlier ones fold away (400 epochs would fill the notebook).</summary>
    internal const int ShownEpochs = 10;

    /// <summary>A table of the latest epochs (the current one with a progress bar) and a column per logged number;
    /// with more epochs, the whole table is one click away in a collapsed section.</summary>
    internal string ToHtml()
    {
        var rows = Completed.Select(e => (Epoch: e, Live: false)).ToList();
        if (Current is { } now) rows.Add((now, true));
        var sb = new StringBuilder();
        if (rows.Count == 0) sb.Append(Html.Note($"Training for {Epochs} epoch{(Epochs == 1 ? "" : "s")}…"));
        else if (rows.Count <= ShownEpochs + 1) sb.Append(EpochTable(rows));
        else
        {
            sb.Append($"<details><summary>all {Completed.Count} epochs</summary>{EpochTable(rows)}</details>");
            sb.Append(Html.Note($"… {rows.Count - ShownEpochs} earlier epochs; the latest:"));
            sb.Append(EpochTable(rows.Skip(rows.Count - ShownEpochs).ToList()));
        }
        if (StopReason is not null) sb.Append(Html.Note("Training stopped: " + StopReason));
        return Html.Block("progress", sb.ToString());
    }

    private string EpochTable(List<(EpochProgress Epoch, bool Live)> rows)
    {
        var keys = rows.SelectMany(r => r.Epoch.Logs.Keys).Distinct().ToList();
        var header = new[] { "epoch", "steps", "time" }.Concat(keys).Select(Html.Escape).ToList();
        return Html.RawTable(header, rows.Select(r => (IReadOnlyList<string>)
        [
            $"{r.Epoch.Epoch + 1}/{Epochs}",
            (r.Live ? Html.Bar(r.Epoch.Steps == 0 ? 0 : (double)r.Epoch.Step / r.Epoch.Steps) + " " : "") + $"{r.Epoch.Step}/{r.Epoch.Steps}",
            string.Create(CultureInfo.InvariantCulture, $"{r.Epoch.Elapsed.TotalSeconds:0.0}s"),
            .. keys.Select(k => r.Epoch.Logs.TryGetValue(k, out float v) ? TrainingViews.Number(v) : ""),
        ]), numeric: c => c != 1);
    }
}
