namespace CourseKit;

/// <summary>
/// The area under the ROC curve for a yes/no problem (Keras's <c>AUC</c>, <c>"auc"</c>): the probability, roughly, that a
/// random positive example gets a higher prediction than a random negative one. 1 is perfect, 0.5 is guessing.
/// </summary>
/// <remarks>
/// <para>Computed as Keras does, by counting rather than sorting. Keras places <see cref="NumThresholds"/> thresholds
/// evenly in [0, 1], the first just below 0 and the last just above 1 (−ε, 1/(n−1), 2/(n−1), …, (n−2)/(n−1), 1 + ε with
/// ε = 10⁻⁷), and at each threshold t counts, with sample weights, TP, FP, TN and FN for the decisions "prediction &gt; t".
/// Each threshold gives one point of the ROC curve, x = false-positive rate FP/(FP+TN), y = true-positive rate
/// TP/(TP+FN); the area is the sum of trapezoids between neighbouring points, Σ (xᵢ − xᵢ₊₁)·(yᵢ + yᵢ₊₁)/2 (Keras's
/// summation_method "interpolation").</para>
/// <para>Worked example (Keras's documentation, with 3 thresholds −ε, 0.5, 1 + ε): targets [0, 0, 1, 1], predictions
/// [0, 0.5, 0.3, 0.9]. The points are (1, 1), (0, 0.5) and (0, 0), so AUC = (1 − 0)·(1 + 0.5)/2 + 0 = 0.75.</para>
/// <para>Because predictions between two neighbouring thresholds cannot be told apart, this is an approximation of the
/// exact AUC: two predictions 0.500 and 0.501 fall between the same thresholds and count as a tie. 200 thresholds are
/// plenty unless predictions crowd together. Only Keras's default curve (ROC) is implemented, not "PR".</para>
/// <para>Predictions are probabilities in [0, 1]; pass <c>fromLogits: true</c> when the model outputs logits (a sigmoid
/// is then applied first). Targets count as positive when non-zero, as in Keras.</para>
/// </remarks>
public sealed class AUC : Metric
{
    private readonly double[] _tp, _fp, _tn, _fn;

    /// <summary>Creates the metric.</summary>
    /// <param name="numThresholds">How many thresholds, at least 2 (Keras's default 200): more gives a finer curve.</param>
    /// <param name="fromLogits">True when the predictions are logits (no sigmoid on the last layer).</param>
    /// <param name="name">The name shown in logs (Keras's default "auc").</param>
    /// <exception cref="ArgumentException"><paramref name="numThresholds"/> is below 2.</exception>
    public AUC(int numThresholds = 200, bool fromLogits = false, string name = "auc") : base(name)
    {
        if (numThresholds < 2)
            throw new ArgumentException($"AUC: numThresholds must be an integer > 1 (Keras's default is 200), got {numThresholds}.", nameof(numThresholds));
        NumThresholds = numThresholds;
        FromLogits = fromLogits;
        var thresholds = new float[numThresholds];
        thresholds[0] = -Targets.Epsilon;
        for (int i = 1; i < numThresholds - 1; i++) thresholds[i] = (float)(i / (double)(numThresholds - 1));
        thresholds[^1] = 1 + Targets.Epsilon;
        Thresholds = thresholds;
        (_tp, _fp, _tn, _fn) = (new double[numThresholds], new double[numThresholds], new double[numThresholds], new double[numThresholds]);
    }

    /// <summary>The number of thresholds, i.e. of points on the curve.</summary>
    public int NumThresholds { get; }

    /// <summary>Whether predictions are logits (a sigmoid is applied before counting).</summary>
    public bool FromLogits { get; }

    /// <summary>The thresholds, ascending: −ε, 1/(n−1), …, (n−2)/(n−1), 1 + ε.</summary>
    public IReadOnlyList<float> Thresholds { get; }

    /// <summary>Weighted true positives at each threshold.</summary>
    public IReadOnlyList<double> TruePositives => _tp;

    /// <summary>Weighted false positives at each threshold.</summary>
    public IReadOnlyList<double> FalsePositives => _fp;

    /// <summary>Weighted true negatives at each threshold.</summary>
    public IReadOnlyList<double> TrueNegatives => _tn;

    /// <summary>Weighted false negatives at each threshold.</summary>
    public IReadOnlyList<double> FalseNegatives => _fn;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Without <see cref="FromLogits"/>, a prediction lies outside [0, 1].</exception>
    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        var (positive, scores, weights) = MetricInputs.Decisions(Name, yTrue, yPred, sampleWeight);
        if (FromLogits) scores = scores.Select(x => 1 / (1 + MathF.Exp(-x))).ToArray();
        else
        {
            int bad = Array.FindIndex(scores, s => !(s >= 0 && s <= 1));
            if (bad >= 0)
                throw new ArgumentException($"{Name}: y_pred holds {Targets.Number(scores[bad])}, which is not a probability (they lie in [0, 1]). " +
                                            "If the model outputs logits (no sigmoid on the last layer), use new AUC(fromLogits: true).");
        }

        // Keras's counting for evenly spaced thresholds: a prediction p lies above thresholds 0 … b, with
        // b = ⌈p·(n − 1)⌉ − 1 (at least 0, since every p ≥ 0 lies above −ε). Count each prediction in its bucket b, then
        // the positives at threshold i are the counts of buckets i and above.
        int n = NumThresholds;
        var positiveIn = new double[n];
        var negativeIn = new double[n];
        double positives = 0, negatives = 0;
        for (int k = 0; k < scores.Length; k++)
        {
            int bucket = Math.Max(0, (int)MathF.Ceiling(scores[k] * (n - 1)) - 1);
            if (positive[k]) { positiveIn[bucket] += weights[k]; positives += weights[k]; }
            else { negativeIn[bucket] += weights[k]; negatives += weights[k]; }
        }
        double tp = 0, fp = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            tp += positiveIn[i];
            fp += negativeIn[i];
            _tp[i] += tp;
            _fp[i] += fp;
            _fn[i] += positives - tp;
            _tn[i] += negatives - fp;
        }
    }

    /// <summary>The area under the ROC curve through the points (FPRᵢ, TPRᵢ), by the trapezoid rule (0 before any update).</summary>
    public override float Result()
    {
        double area = 0;
        for (int i = 0; i < NumThresholds - 1; i++)
        {
            double x0 = Rate(_fp[i], _tn[i]), x1 = Rate(_fp[i + 1], _tn[i + 1]);
            double y0 = Rate(_tp[i], _fn[i]), y1 = Rate(_tp[i + 1], _fn[i + 1]);
            area += (x0 - x1) * (y0 + y1) / 2;
        }
        return (float)area;
    }

    /// <summary>a / (a + b), or 0 when both are 0 (Keras's divide_no_nan).</summary>
    private static double Rate(double a, double b) => a + b == 0 ? 0 : a / (a + b);

    /// <inheritdoc />
    public override void Reset()
    {
        Array.Clear(_tp);
        Array.Clear(_fp);
        Array.Clear(_tn);
        Array.Clear(_fn);
    }

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["num_thresholds"] = NumThresholds;
        config["curve"] = "ROC";
        config["summation_method"] = "interpolation";
        config["from_logits"] = FromLogits;
        return config;
    }
}
