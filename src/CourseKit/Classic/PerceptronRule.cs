namespace CourseKit;

/// <summary>
/// One threshold unit learning "this class or not" with the perceptron rule: targets are +1 and −1, the unit's value is
/// p = w·x + b, and each example with y·p ≤ 0 (wrong, or exactly on the boundary) moves the weights towards it:
/// w ← w + η·y·x, b ← b + η·y. A penalty, if any, shrinks w a little at every example. Computed in double precision,
/// example by example and in scikit-learn's order of operations, so that the numbers equal scikit-learn's.
/// </summary>
internal sealed class PerceptronRule(int features, PerceptronPenalty penalty)
{
    // w = _scale · _w: an L2 penalty shrinks every weight at every example, which costs one multiplication of _scale
    // (scikit-learn's WeightVector does the same); Weights multiplies it in.
    private readonly double[] _w = new double[features];
    private double _scale = 1;

    // The L1 penalty's bookkeeping (Tsuruoka et al.'s cumulative penalty, as scikit-learn): the total penalty every
    // weight should have received so far, and how much each one did receive.
    private double _l1Total;
    private readonly double[] _l1Received = penalty.L1Part > 0 ? new double[features] : [];

    /// <summary>The weights w.</summary>
    public double[] Weights => _w.Select(w => w * _scale).ToArray();

    /// <summary>The bias b.</summary>
    public double Bias { get; private set; }

    /// <summary>p = w·x + b for one example.</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        double dot = 0;
        for (int j = 0; j < x.Length; j++) dot += _w[j] * x[j];
        return dot * _scale + Bias;
    }

    /// <summary>
    /// One pass over the examples in <paramref name="order"/>: the rule applied to each in turn. Returns the epoch's
    /// perceptron loss Σ max(0, −y·p), the amount by which the examples were on the wrong side (the stopping rule watches it).
    /// </summary>
    public double Epoch(double[][] x, double[] y, int[] order, double eta, bool fitIntercept)
    {
        double loss = 0;
        foreach (int i in order)
        {
            double margin = y[i] * Value(x[i]);
            double step = margin > 0 ? 0 : eta * y[i];    // on the right side: nothing to learn; else ±η
            loss += Math.Max(0, -margin);
            if (penalty.L2Part > 0) Shrink(Math.Max(0, 1 - penalty.L2Part * eta * penalty.Alpha));
            if (step != 0)
                for (int j = 0; j < _w.Length; j++) _w[j] += x[i][j] * (step / _scale);
            if (fitIntercept) Bias += step;
            if (penalty.L1Part > 0) TruncateTowardsZero(penalty.L1Part * eta * penalty.Alpha);
        }
        return loss;
    }

    /// <summary>Multiplies the scale into the weights (at the end of training, as scikit-learn does).</summary>
    public void Settle()
    {
        for (int j = 0; j < _w.Length; j++) _w[j] *= _scale;
        _scale = 1;
    }

    /// <summary>w ← c·w, kept in the scale until it gets so small that the digits of _w would suffer.</summary>
    private void Shrink(double c)
    {
        _scale *= c;
        if (_scale >= 1e-9) return;
        for (int j = 0; j < _w.Length; j++) _w[j] *= _scale;
        _scale = 1;
    }

    /// <summary>The L1 step: every weight moves towards 0 by what it is owed of the total penalty, but never past 0.</summary>
    private void TruncateTowardsZero(double penaltyStep)
    {
        _l1Total += penaltyStep;
        for (int j = 0; j < _w.Length; j++)
        {
            double before = _w[j];
            if (_scale * _w[j] > 0) _w[j] = Math.Max(0, _w[j] - (_l1Total + _l1Received[j]) / _scale);
            else if (_scale * _w[j] < 0) _w[j] = Math.Min(0, _w[j] + (_l1Total - _l1Received[j]) / _scale);
            _l1Received[j] += _scale * (_w[j] - before);
        }
    }
}

/// <summary>The weight penalty of a <see cref="Perceptron"/>: none, or α times an L2, L1 or elastic-net mix of both.</summary>
internal readonly record struct PerceptronPenalty(double Alpha, double L1Part)
{
    /// <summary>The share of the L2 penalty (1 − the L1 share).</summary>
    public double L2Part => Alpha > 0 ? 1 - L1Part : 0;
}
