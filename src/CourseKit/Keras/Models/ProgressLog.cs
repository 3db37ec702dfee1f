using System.Globalization;

namespace CourseKit;

/// <summary>
/// Fit's printed progress, in Keras's style: <c>Epoch 3/10 - 469/469 - 0.8s - loss: 0.4123 - accuracy: 0.8565 - val_loss: …</c>.
/// With verbose 1 on a terminal the line is redrawn as batches finish; in a notebook or log (output captured) and with
/// verbose 2 it is written once per epoch.
/// </summary>
internal sealed class ProgressLog(int verbose, int epochs, int steps)
{
    private readonly bool _live = verbose == 1 && !Console.IsOutputRedirected;
    private long _lastDraw;

    public void Batch(int epoch, int step, TimeSpan elapsed, IReadOnlyDictionary<string, float> logs)
    {
        if (!_live || step == steps) return;
        long now = Environment.TickCount64;
        if (now - _lastDraw < 200) return;
        _lastDraw = now;
        Console.Write("\r" + Line(epoch, step, elapsed, logs));
    }

    public void EpochEnd(int epoch, int stepsDone, TimeSpan elapsed, IReadOnlyDictionary<string, float> logs)
    {
        if (verbose == 0) return;
        Console.WriteLine((_live ? "\r" : "") + Line(epoch, stepsDone, elapsed, logs));
    }

    public void Stop(string reason)
    {
        if (verbose > 0) Console.WriteLine("Training stopped: " + reason);
    }

    private string Line(int epoch, int step, TimeSpan elapsed, IReadOnlyDictionary<string, float> logs) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Epoch {epoch + 1}/{epochs} - {step}/{steps} - {elapsed.TotalSeconds:0.0}s - ") +
        string.Join(" - ", logs.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}: {kv.Value:0.0000}")));
}
