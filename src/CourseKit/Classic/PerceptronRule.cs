namespace CourseKit;

/// <summary>
/// One threshold unit learning "this class or not" with the perceptron rule: targets are +1 and −1, the unit's value is
/// p = w·x + b, and each example with y·p ≤ 0 (wrong, or exactly on the boundary) moves the weights towards it:
/// w ← w + η·y·x, b ← b + η·y. Computed in double precision, example by example, as scikit-learn does.
/// </summary>
internal sealed class PerceptronRule(int features)
{
    /// <summary>The weights w.</summary>
    public double[] Weights { get; } = new double[features];

    /// <summary>The bias b.</summary>
    public double Bias { get; set; }

    /// <summary>p = w·x + b for one example (the sum first, then the bias, as scikit-learn adds them).</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        double dot = 0;
        for (int j = 0; j < x.Length; j++) dot += Weights[j] * x[j];
        return dot + Bias;
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
            if (margin > 0) continue;          // on the right side: nothing to learn
            loss -= margin;
            double step = eta * y[i];          // η·(y − ŷ)/2 in 0/1 terms: ±η
            for (int j = 0; j < Weights.Length; j++) Weights[j] += step * x[i][j];
            if (fitIntercept) Bias += step;
        }
        return loss;
    }
}
