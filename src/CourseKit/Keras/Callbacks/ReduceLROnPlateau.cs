namespace CourseKit;

/// <summary>
/// Lowers the learning rate when a number stops improving (Keras's <c>ReduceLROnPlateau</c>): after
/// <c>patience</c> epochs without improvement of <c>monitor</c> (by more than <c>minDelta</c>), the rate becomes
/// <code>
/// η ← max(η · factor, minLr)
/// </code>
/// and then it waits <c>cooldown</c> epochs before counting again. Training often gets stuck bouncing around a valley
/// with a step that is too large; a smaller step lets it go further down.
/// <c>new ReduceLROnPlateau(monitor: "val_loss", factor: 0.5, patience: 3)</c>.
/// </summary>
public sealed class ReduceLROnPlateau : Callback
{
    private readonly MonitorDirection _direction;
    private float? _best;
    private int _wait, _cooldownCounter;

    /// <param name="monitor">The number to watch, from the epoch's logs: "val_loss", "loss", "val_accuracy", …</param>
    /// <param name="factor">What the rate is multiplied by when it is lowered, between 0 and 1.</param>
    /// <param name="patience">How many epochs without improvement to wait before lowering the rate.</param>
    /// <param name="mode">"min" (lower is better, as for a loss), "max" (higher is better, as for accuracy), or "auto"
    /// (guessed from the name).</param>
    /// <param name="minDelta">How much the number must change to count as an improvement.</param>
    /// <param name="cooldown">How many epochs to wait after lowering the rate before counting again.</param>
    /// <param name="minLr">The rate is never lowered below this.</param>
    /// <param name="verbose">1 to print a line whenever the rate is lowered.</param>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, string mode = "auto",
                             double minDelta = 1e-4, int cooldown = 0, double minLr = 0, int verbose = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        if (!(factor is > 0 and < 1))
            throw new ArgumentException($"ReduceLROnPlateau: factor multiplies the learning rate, so it must be between 0 and 1 (e.g. 0.1 or 0.5), got {factor}.", nameof(factor));
        if (patience < 0) throw new ArgumentException($"ReduceLROnPlateau: patience must not be negative, got {patience}.", nameof(patience));
        if (cooldown < 0) throw new ArgumentException($"ReduceLROnPlateau: cooldown must not be negative, got {cooldown}.", nameof(cooldown));
        if (!(minLr >= 0)) throw new ArgumentException($"ReduceLROnPlateau: minLr must not be negative, got {minLr}.", nameof(minLr));
        Monitor = monitor;
        _direction = MonitorDirection.ForKnownName(monitor, mode, "ReduceLROnPlateau");
        Factor = factor;
        Patience = patience;
        MinDelta = Math.Abs(minDelta);
        Cooldown = cooldown;
        MinLr = minLr;
        Verbose = verbose;
    }

    /// <summary>The logged number that is watched.</summary>
    public string Monitor { get; }

    /// <summary>"min" if lower values are improvements, "max" if higher ones are ("auto" is resolved when created).</summary>
    public string Mode => _direction.Maximize ? "max" : "min";

    /// <summary>What the learning rate is multiplied by when it is lowered.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement before the rate is lowered.</summary>
    public int Patience { get; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Epochs to wait after lowering the rate before counting again.</summary>
    public int Cooldown { get; }

    /// <summary>The floor of the learning rate.</summary>
    public double MinLr { get; }

    /// <summary>1 to print a line whenever the rate is lowered.</summary>
    public int Verbose { get; }

    public override void OnTrainBegin(IReadOnlyDictionary<string, float> logs)
    {
        _wait = 0;
        _cooldownCounter = 0;
    }

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, float> logs) =>
        OnEpochEnd(epoch, logs, Model?.Optimizer ?? throw new InvalidOperationException(
            "ReduceLROnPlateau needs a compiled model: pass it to Fit (callbacks: [reduceLr]) after Compile(optimizer: …)."));

    /// <summary>The work of <see cref="OnEpochEnd(int, IReadOnlyDictionary{string, float})"/> on the model's optimizer.</summary>
    internal void OnEpochEnd(int epoch, IReadOnlyDictionary<string, float> logs, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (!MonitorDirection.TryRead(logs, Monitor, "ReduceLROnPlateau", out float current, out string? missing))
        {
            // As Keras: warn and go on (e.g. "val_loss" is only logged when there is validation data).
            Warnings.Write($"{missing} The learning rate stays as it is.");
            return;
        }
        if (_cooldownCounter > 0)
        {
            _cooldownCounter--;
            _wait = 0;
        }
        if (_best is not float best || _direction.IsImprovement<double>(current, best, MinDelta)) // the first value always counts
        {
            _best = current;
            _wait = 0;
        }
        else if (_cooldownCounter == 0 && ++_wait >= Patience)
        {
            float oldLr = optimizer.LearningRate;
            if (oldLr > (float)MinLr)
            {
                float newLr = (float)Math.Max(oldLr * Factor, MinLr);
                optimizer.LearningRate = newLr;
                if (Verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {newLr}.");
                _cooldownCounter = Cooldown;
                _wait = 0;
            }
        }
    }
}
