namespace CourseKit;

/// <summary>
/// What <see cref="ExponentialDecay"/> and <see cref="InverseTimeDecay"/> share, as in Keras: a rate η₀ at step 0 that
/// decays as the time t = s / decaySteps goes by (s the training step), smoothly or, with <see cref="Staircase"/>, in
/// jumps (t rounded down). Each subclass says how: η₀ · rᵗ, or η₀ / (1 + r·t).
/// </summary>
public abstract class DecaySchedule : LearningRateSchedule
{
    private protected DecaySchedule(double initialLearningRate, int decaySteps, double decayRate, bool staircase)
    {
        string owner = GetType().Name;
        InitialLearningRate = Setting.Positive(initialLearningRate, owner, nameof(initialLearningRate));
        if (decaySteps <= 0) throw new ArgumentException($"{owner}: decaySteps must be > 0, got {decaySteps}.", nameof(decaySteps));
        DecaySteps = decaySteps;
        DecayRate = decayRate;
        Staircase = staircase;
    }

    /// <summary>η₀, the rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>The number of steps that make one unit of time t.</summary>
    public int DecaySteps { get; }

    /// <summary>r, how fast the rate falls.</summary>
    public double DecayRate { get; }

    /// <summary>Whether t is rounded down, so the rate drops in jumps.</summary>
    public bool Staircase { get; }

    /// <summary>The time t at training step <paramref name="step"/>: step / decaySteps (rounded down with <see cref="Staircase"/>).</summary>
    protected double Time(long step)
    {
        double t = (double)step / DecaySteps;
        return Staircase ? Math.Floor(t) : t;
    }

    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["decay_rate"] = DecayRate,
        ["staircase"] = Staircase,
        ["name"] = GetType().Name,
    };

    /// <summary>The four settings of a saved config (Keras's keys), for the subclasses' FromConfig.</summary>
    private protected static (double InitialLearningRate, int DecaySteps, double DecayRate, bool Staircase) ReadSettings(ConfigReader config) =>
        (config.Number("initial_learning_rate"), config.Int("decay_steps"), config.Number("decay_rate"), config.Bool("staircase", false));

    public override string ToString() =>
        $"{GetType().Name}(initialLearningRate: {InitialLearningRate}, decaySteps: {DecaySteps}, decayRate: {DecayRate}{(Staircase ? ", staircase: true" : "")})";
}
