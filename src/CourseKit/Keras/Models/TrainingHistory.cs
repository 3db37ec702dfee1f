using System.Text;

namespace CourseKit;

/// <summary>
/// What <c>Model.Fit</c>
/// recorded, epoch by epoch (Keras's <c>History</c>): <c>history.History["loss"]</c>, <c>history.History["val_accuracy"]</c>.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class TrainingHistory : Callback
{
    private readonly Dictionary<string, List<float>> _history = [];
    private readonly List<int> _epochs = [];

    /// <summary>Each logged number ("loss", "accuracy", "val_loss", …) with one value per epoch.</summary>
    public IReadOnlyDictionary<string, List<float>> History => _history;

    /// <summary>The epochs recorded (counted from 0, as in Keras).</summary>
    public IReadOnlyList<int> Epoch => _epochs;

    /// <summary>The training settings: epochs, steps per epoch, batch size, samples, verbose.</summary>
    public IReadOnlyDictionary<string, object> Params { get; internal set; } = new Dictionary<string, object>();

    /// <summary>Why training ended early (a callback, a NaN loss, a loss stuck because the outputs saturated), or null
    /// if it ran all epochs.</summary>
    public string? StopReason { get; internal set; }

    /// <summary>The heading shown above the numbers: "History of 20 epochs (loss: gaussian_nll)", naming the loss that
    /// "loss" holds (its Keras name, or the name a <see cref="CustomLoss"/> was given).</summary>
    public string Title => $"History of {_epochs.Count} epochs" + (Params.TryGetValue("loss", out var loss) ? $" (loss: {loss})" : "");

    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, float> logs)
    {
        _epochs.Add(epoch);
        foreach (var (key, value) in logs)
        {
            if (!_history.TryGetValue(key, out var values)) _history[key] = values = [];
            values.Add(value);
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Title);
        foreach (var (key, values) in _history) sb.Append($"\n  {key}: {values[0]:0.####} → {values[^1]:0.####}");
        if (StopReason is not null) sb.Append($"\n  stopped early: {StopReason}");
        return sb.ToString();
    }
}
