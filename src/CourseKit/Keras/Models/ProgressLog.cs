using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// Fit's progress, in Keras's style: <c>Epoch 3/10 - 469/469 - 0.8s - loss: 0.4123 - accuracy: 0.8565 - val_loss: …</c>.
/// In a notebook (when <see cref="NotebookHost"/> finds one) it is a table that updates in place: a row per epoch, a
/// progress bar for the epoch under way (verbose 1) or one update per epoch (verbose 2), and nothing on the console.
/// Otherwise it is printed: with verbose 1 on a terminal the line is redrawn as batches finish; when output is captured
/// and with verbose 2 it is written once per epoch. Verbose 0 shows nothing.
/// </summary>
internal sealed class ProgressLog
{
    private readonly int _verbose, _epochs, _steps;
    private readonly bool _live;
    private long _lastDraw;

    // The notebook display, if any: the updater it returned, and what it shows.
    private Action<object>? _update;
    private readonly List<EpochProgress> _done = [];
    private EpochProgress? _current;
    private string? _stopReason;

    public ProgressLog(int verbose, int epochs, int steps)
    {
        (_verbose, _epochs, _steps) = (verbose, epochs, steps);
        if (verbose > 0) _update = NotebookHost.Show(Snapshot());
        _live = _update is null && verbose == 1 && !Console.IsOutputRedirected;
    }

    public void Batch(int epoch, int step, TimeSpan elapsed, IReadOnlyDictionary<string, float> logs)
    {
        if (_verbose != 1 || step == _steps) return;
        if (_update is null && !_live) return;
        long now = Environment.TickCount64;
        if (now - _lastDraw < 200) return;
        _lastDraw = now;
        var progress = new EpochProgress(epoch, step, _steps, elapsed, new Dictionary<string, float>(logs));
        if (_update is not null)
        {
            _current = progress;
            Show();
        }
        else Console.Write("\r" + progress.Line(_epochs));
    }

    public void EpochEnd(int epoch, int stepsDone, TimeSpan elapsed, IReadOnlyDictionary<string, float> logs)
    {
        if (_verbose == 0) return;
        var progress = new EpochProgress(epoch, stepsDone, _steps, elapsed, new Dictionary<string, float>(logs));
        if (_update is not null)
        {
            _done.Add(progress);
            _current = null;
            Show();
        }
        else Console.WriteLine((_live ? "\r" : "") + progress.Line(_epochs));
    }

    public void Stop(string reason)
    {
        if (_verbose == 0) return;
        if (_update is not null)
        {
            _stopReason = reason;
            Show();
        }
        else Console.WriteLine("Training stopped: " + reason);
    }

    private TrainingProgress Snapshot() => new(_epochs, _done.ToArray(), _current, _stopReason);

    private void Show()
    {
        try { _update!(Snapshot()); }
        catch (Exception)
        {
            // The notebook went away (e.g. the cell was cancelled): go on training, printing from now on.
            _update = null;
            if (_done.Count > 0) Console.WriteLine(_done[^1].Line(_epochs));
        }
    }
}
