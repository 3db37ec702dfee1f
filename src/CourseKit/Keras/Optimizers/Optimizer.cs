namespace CourseKit;

/// <summary>
/// Changes the weights a little against their gradients at every training step (Keras's optimizers). Each optimizer
/// keeps per-weight state ("slots", e.g. Adam's moments), starting at zero; <see cref="Iterations"/> counts the steps.
/// </summary>
public abstract partial class Optimizer
{
    private readonly Dictionary<Variable, Dictionary<string, Tensor>> _slots = new(ReferenceEqualityComparer.Instance);
    private float _learningRate;

    protected Optimizer(string name, float learningRate, LearningRateSchedule? schedule, float? clipNorm, float? clipValue)
    {
        Setting.Positive(learningRate, name, nameof(learningRate), what: "the learning rate");
        if (clipNorm is <= 0) throw new ArgumentException($"{name}: clipnorm must be positive, got {clipNorm}.", nameof(clipNorm));
        if (clipValue is <= 0) throw new ArgumentException($"{name}: clipvalue must be positive, got {clipValue}.", nameof(clipValue));
        if (clipNorm is not null && clipValue is not null)
            throw new ArgumentException($"{name}: only one of clipnorm and clipvalue can be set (as in Keras), got clipnorm={clipNorm} and clipvalue={clipValue}; keep one.", nameof(clipValue));
        Name = name;
        _learningRate = learningRate;
        Schedule = schedule;
        ClipNorm = clipNorm;
        ClipValue = clipValue;
    }

    /// <summary>The constructor the built-in optimizers share: a fixed rate, or a <paramref name="schedule"/> (which then
    /// gives the first rate), and the clipping settings as the user wrote them.</summary>
    private protected Optimizer(string name, double learningRate, LearningRateSchedule? schedule, double? clipNorm, double? clipValue)
        : this(name, schedule?.At(0) ?? (float)learningRate, schedule, (float?)clipNorm, (float?)clipValue) { }

    /// <summary>The schedule an optimizer was given instead of a fixed rate; fails on null, suggesting a rate such as
    /// <paramref name="usualRate"/>.</summary>
    private protected static LearningRateSchedule RequireSchedule(LearningRateSchedule? schedule, string name, string usualRate) =>
        schedule ?? throw new ArgumentNullException("learningRate", $"{name}: give a learning rate such as {usualRate} or a LearningRateSchedule.");

    /// <summary>Keras's name, e.g. "adam".</summary>
    public string Name { get; }

    /// <summary>The step size for the next update: the schedule's value at <see cref="Iterations"/> if there is a schedule,
    /// otherwise the fixed rate (which callbacks such as ReduceLROnPlateau may change).</summary>
    public float LearningRate
    {
        get => Schedule?.At(Iterations) ?? _learningRate;
        set
        {
            if (Schedule is not null) throw new InvalidOperationException($"{Name}: the learning rate follows a schedule ({Schedule}); it cannot be set directly.");
            _learningRate = Setting.Positive(value, Name, nameof(value), what: "the learning rate");
        }
    }

    /// <summary>The learning-rate schedule, if any.</summary>
    public LearningRateSchedule? Schedule { get; }

    /// <summary>Each gradient is rescaled so that its L2 norm is at most this (per weight, as Keras's <c>clipnorm</c>).</summary>
    public float? ClipNorm { get; }

    /// <summary>Each gradient element is limited to [−clipvalue, clipvalue] (Keras's <c>clipvalue</c>).</summary>
    public float? ClipValue { get; }

    /// <summary>How many updates have been applied.</summary>
    public long Iterations { get; internal set; }

    /// <summary>One training step: updates every trainable variable that has a gradient, then counts the step.</summary>
    public void Apply(IEnumerable<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        float learningRate = LearningRate;
        using (Autograd.NoGrad())
        {
            foreach (var variable in variables)
            {
                if (!variable.Trainable || variable.Grad is not Tensor gradient) continue;
                Update(variable, Clip(gradient), learningRate);
            }
        }
        Iterations++;
    }

    /// <summary>The update rule: replace <paramref name="variable"/>'s value (with <see cref="Variable.Assign"/>) using its
    /// <paramref name="gradient"/> and this optimizer's slots.</summary>
    protected abstract void Update(Variable variable, Tensor gradient, float learningRate);

    /// <summary>The optimizer's state <paramref name="name"/> for <paramref name="variable"/> (zeros the first time).</summary>
    protected Tensor Slot(Variable variable, string name)
    {
        if (!_slots.TryGetValue(variable, out var slots)) _slots[variable] = slots = [];
        if (!slots.TryGetValue(name, out var value)) slots[name] = value = Tensor.ZerosLike(variable.Value);
        return value;
    }

    /// <summary>Stores a new value of a slot.</summary>
    protected void SetSlot(Variable variable, string name, Tensor value)
    {
        if (!_slots.TryGetValue(variable, out var slots)) _slots[variable] = slots = [];
        slots[name] = value;
    }

    /// <summary>Every slot, named "&lt;variable path&gt;/&lt;slot&gt;", for saving.</summary>
    internal IEnumerable<(string Name, Tensor Value)> State() =>
        _slots.SelectMany(s => s.Value.Select(kv => ($"{s.Key.Path}/{kv.Key}", kv.Value)));

    /// <summary>Restores slots saved by <see cref="State"/> for these variables.</summary>
    internal void LoadState(IEnumerable<Variable> variables, IReadOnlyDictionary<string, Tensor> saved, long iterations)
    {
        _slots.Clear();
        foreach (var v in variables)
            foreach (var (key, value) in saved)
                if (key.StartsWith(v.Path + "/", StringComparison.Ordinal) && key.LastIndexOf('/') == v.Path.Length)
                {
                    if (!_slots.TryGetValue(v, out var slots)) _slots[v] = slots = [];
                    slots[key[(v.Path.Length + 1)..]] = value.To(v.Value.Device);
                }
        Iterations = iterations;
    }

    private Tensor Clip(Tensor gradient)
    {
        if (ClipValue is float c) gradient = gradient.Clip(-c, c);
        if (ClipNorm is float n)
        {
            float norm = MathF.Sqrt(gradient.Square().Sum().Item());
            if (norm > n) gradient = gradient * (n / norm);
        }
        return gradient;
    }

    /// <summary>Keras's config of this optimizer (name, learning rate, its own settings), for saving.</summary>
    public virtual Dictionary<string, object?> GetConfig()
    {
        var config = new Dictionary<string, object?> { ["name"] = Name, ["learning_rate"] = Schedule is null ? _learningRate : Schedule.Serialize() };
        if (ClipNorm is not null) config["clipnorm"] = ClipNorm;
        if (ClipValue is not null) config["clipvalue"] = ClipValue;
        return config;
    }

    public override string ToString() => $"{GetType().Name}(learningRate: {LearningRate})";
}

/// <summary>A learning rate that changes with the training step (Keras's <c>LearningRateSchedule</c>).</summary>
public abstract partial class LearningRateSchedule
{
    /// <summary>The learning rate at training step <paramref name="step"/> (0 for the first update).</summary>
    public abstract float At(long step);

    /// <summary>Keras's config of this schedule, for saving.</summary>
    public abstract Dictionary<string, object?> GetConfig();
}
