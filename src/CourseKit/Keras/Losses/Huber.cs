namespace CourseKit;

/// <summary>
/// The Huber loss (Keras's <c>Huber</c>, <c>"huber"</c>): squared error for small errors, absolute error for large ones.
/// With e = y_pred − y_true, each value costs ½·e² when |e| ≤ δ and δ·|e| − ½·δ² otherwise; the loss of an example is
/// the mean over its outputs.
/// </summary>
/// <remarks>
/// The two pieces meet smoothly at |e| = δ (same value, same slope δ), so the loss behaves like
/// <see cref="MeanSquaredError"/> near the target and like <see cref="MeanAbsoluteError"/> for outliers: their
/// gradient is capped at ±δ. Shapes as for <see cref="MeanSquaredError"/>.
/// </remarks>
public sealed class Huber : Loss
{
    /// <summary>Creates the loss (Keras's name "huber_loss").</summary>
    /// <param name="delta">Where the loss changes from quadratic to linear (Keras's default 1.0).</param>
    /// <exception cref="ArgumentException"><paramref name="delta"/> is not a positive number.</exception>
    public Huber(float delta = 1f) : base("huber_loss")
    {
        if (!(delta > 0) || !float.IsFinite(delta))
            throw new ArgumentException($"Huber: delta must be a positive number (Keras's default is 1.0), got {delta}.", nameof(delta));
        Delta = delta;
    }

    /// <summary>δ: errors up to δ are squared, larger ones count linearly.</summary>
    public float Delta { get; }

    /// <inheritdoc />
    public override Tensor PerExample(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Targets.SameShape(Name, yTrue, yPred);
        var error = p - t;
        var size = error.Abs();
        var quadratic = 0.5f * error * error;
        var linear = Delta * size - 0.5f * Delta * Delta;
        return Targets.PerExample(Tensor.Where(size.LessEqual(Delta), quadratic, linear));
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["delta"] = Delta;
        return config;
    }
}
