namespace CourseKit;

/// <summary>
/// Randomly silences inputs during training (Keras's <c>Dropout</c>), so that no unit can rely on one particular other
/// unit: a regulariser against overfitting.
/// </summary>
/// <remarks>
/// In training (<c>Fit</c>), each number is set to 0 with probability <see cref="Rate"/> and the survivors are multiplied
/// by 1 / (1 − rate) ("inverted dropout"), so the expected value of every output equals its input. In inference
/// (<c>Predict</c>, <c>Evaluate</c>) the layer passes its input through unchanged. No weights.
/// </remarks>
public sealed class Dropout : Layer
{
    private readonly Random? _seeds;

    /// <param name="rate">The fraction of inputs to drop, from 0 (keep all) up to but not including 1; e.g. 0.5.</param>
    /// <param name="seed">Makes the masks reproducible: the layer draws a fresh mask at every call, from a sequence this seed
    /// fixes. Without it, masks come from the global generator (<see cref="Tensor.SetRandomSeed"/>).</param>
    /// <param name="inputShape">The shape of one example, when this is the first layer of a model.</param>
    /// <param name="name">The layer's name; "dropout", "dropout_1", … by default.</param>
    public Dropout(float rate, int? seed = null, int[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentException($"Dropout: rate is the fraction of inputs to drop and must be in [0, 1), got {rate}. " +
                                        "With rate 1 nothing would get through; e.g. use 0.2 to drop a fifth.", nameof(rate));
        Rate = rate;
        Seed = seed;
        if (seed is int s) _seeds = new Random(s);
        if (inputShape is not null) EnsureBuilt([inputShape]);
    }

    /// <summary>The probability of dropping each number during training.</summary>
    public float Rate { get; }

    /// <summary>The seed of the mask sequence, or null for the global generator.</summary>
    public int? Seed { get; }

    protected override Tensor Forward(Tensor inputs, bool training)
    {
        if (!training || Rate == 0) return inputs;
        int? seed = null;
        if (_seeds is not null)
            lock (_seeds) seed = _seeds.Next();
        // keep = 1 where a uniform number in [0, 1) is at least the rate: probability 1 − rate. A constant (no gradient), so
        // ∂output/∂input is the same scaled mask: dropped inputs get no gradient.
        var keep = Tensor.RandomUniform(inputs.Shape, 0, 1, seed, inputs.Device).GreaterEqual(Rate);
        return inputs * (keep * (1 / (1 - Rate)));
    }

    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["rate"] = Rate;
        config["seed"] = Seed;
        return config;
    }
}
