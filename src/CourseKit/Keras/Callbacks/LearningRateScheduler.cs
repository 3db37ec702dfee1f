namespace CourseKit;

/// <summary>
/// Sets the learning rate at the start of every epoch from a function of your own (Keras's
/// <c>LearningRateScheduler</c>): the function gets the epoch (counted from 0) and the current rate, and returns the
/// rate for this epoch:
/// <code>
/// new LearningRateScheduler((epoch, lr) => epoch &lt; 10 ? lr : lr * MathF.Exp(-0.1f))
/// </code>
/// For a rate that changes at every step rather than every epoch, give the optimizer a
/// <see cref="LearningRateSchedule"/> such as <see cref="ExponentialDecay"/> instead.
/// </summary>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, float, float> _schedule;

    /// <param name="schedule">(epoch, current rate) → new rate.</param>
    /// <param name="verbose">1 to print the rate at the start of every epoch.</param>
    public LearningRateScheduler(Func<int, float, float> schedule, int verbose = 0)
    {
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule), "LearningRateScheduler needs a function (epoch, lr) => new lr.");
        Verbose = verbose;
    }

    /// <summary>Keras's older form: the rate from the epoch alone, e.g. <c>epoch => 0.01 * Math.Pow(0.9, epoch)</c>.</summary>
    /// <param name="schedule">epoch → rate.</param>
    /// <param name="verbose">1 to print the rate at the start of every epoch.</param>
    public LearningRateScheduler(Func<int, double> schedule, int verbose = 0)
        : this(schedule is null ? null! : (epoch, _) => (float)schedule(epoch), verbose) { }

    /// <summary>1 to print the rate at the start of every epoch.</summary>
    public int Verbose { get; }

    public override void OnEpochBegin(int epoch) =>
        OnEpochBegin(epoch, Model?.Optimizer ?? throw new InvalidOperationException(
            "LearningRateScheduler needs a compiled model: pass it to Fit (callbacks: [scheduler]) after Compile(optimizer: …)."));

    /// <summary>The work of <see cref="OnEpochBegin(int)"/> on the model's optimizer.</summary>
    internal void OnEpochBegin(int epoch, Optimizer optimizer)
    {
        float learningRate = _schedule(epoch, optimizer.LearningRate);
        if (!(learningRate > 0) || !float.IsFinite(learningRate))
            throw new InvalidOperationException($"LearningRateScheduler: the schedule returned {learningRate} for epoch {epoch}; a learning rate must be a positive number.");
        optimizer.LearningRate = learningRate;
        if (Verbose > 0) Console.WriteLine($"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {learningRate}.");
    }
}
