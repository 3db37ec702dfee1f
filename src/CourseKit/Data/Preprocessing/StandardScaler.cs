namespace CourseKit;

/// <summary>
/// Standardises each feature column to mean 0 and standard deviation 1, as scikit-learn's <c>StandardScaler</c>:
/// z = (x − mean) / scale. Features on very different scales (a length in metres next to a price in euros) make
/// gradient descent zig-zag; standardised features train faster and weigh equally at the start.
/// </summary>
/// <remarks>
/// <para>The life cycle is scikit-learn's: <c>Fit</c> learns each column's mean and standard deviation from the
/// <em>training</em> data; <c>Transform</c> applies them to any data (training, test, new examples);
/// <c>FitTransform</c> does both at once; <c>InverseTransform</c> goes back to the original units.</para>
/// <code>
/// var scaler = new StandardScaler();
/// var xTrainScaled = scaler.FitTransform(xTrain);
/// var xTestScaled = scaler.Transform(xTest);   // the training mean and scale, not the test set's own
/// </code>
/// <para>The standard deviation is the population one (divided by n, not n − 1), as in scikit-learn. A column whose
/// values are all equal has no spread; its scale is set to 1 so that it becomes all zeros instead of a division by
/// zero. Sums are accumulated in double precision.</para>
/// </remarks>
public sealed class StandardScaler
{
    private double[]? _mean, _variance, _scale;

    /// <summary>Each column's mean in the data passed to <see cref="Fit"/> (scikit-learn's <c>mean_</c>), shape (features,).</summary>
    public Tensor Mean => FeatureColumns.Row(FeatureColumns.Fitted(_mean, nameof(StandardScaler), nameof(Mean)));

    /// <summary>Each column's variance, the mean squared distance from the mean (scikit-learn's <c>var_</c>).</summary>
    public Tensor Variance => FeatureColumns.Row(FeatureColumns.Fitted(_variance, nameof(StandardScaler), nameof(Variance)));

    /// <summary>What each column is divided by: its standard deviation √variance, or 1 for a constant column
    /// (scikit-learn's <c>scale_</c>).</summary>
    public Tensor Scale => FeatureColumns.Row(FeatureColumns.Fitted(_scale, nameof(StandardScaler), nameof(Scale)));

    /// <summary>Whether <see cref="Fit"/> has been called.</summary>
    public bool IsFitted => _mean is not null;

    /// <summary>How many examples (rows) the scaler was fitted on (scikit-learn's <c>n_samples_seen_</c>).</summary>
    public int SamplesSeen { get; private set; }

    /// <summary>Learns each column's mean and standard deviation from <paramref name="x"/>, a (examples, features)
    /// matrix. Returns the scaler itself, so <c>new StandardScaler().Fit(xTrain)</c> reads as one step.</summary>
    public StandardScaler Fit(Tensor x)
    {
        var (values, rows, columns) = FeatureColumns.Read(x, "StandardScaler.Fit");
        var mean = new double[columns];
        var variance = new double[columns];
        var scale = new double[columns];
        for (int c = 0; c < columns; c++)
        {
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int r = 0; r < rows; r++)
            {
                double v = values[r * columns + c];
                sum += v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            mean[c] = sum / rows;
            double squares = 0;
            for (int r = 0; r < rows; r++)
            {
                double d = values[r * columns + c] - mean[c];
                squares += d * d;
            }
            bool constant = min == max; // exact: rounding in the sums must not turn a constant column into a tiny spread
            variance[c] = constant ? 0 : squares / rows;
            scale[c] = constant ? 1 : Math.Sqrt(variance[c]);
        }
        (_mean, _variance, _scale, SamplesSeen) = (mean, variance, scale, rows);
        return this;
    }

    /// <summary>Standardises <paramref name="x"/> with the fitted mean and scale: (x − mean) / scale, column by column.</summary>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> has a different number of columns than the data it was fitted on.</exception>
    public Tensor Transform(Tensor x)
    {
        var (mean, scale) = Parameters(x, nameof(Transform));
        return (x - FeatureColumns.Row(mean, x.Device)) / FeatureColumns.Row(scale, x.Device);
    }

    /// <summary><see cref="Fit"/> then <see cref="Transform"/> on the same data (use it on the training data only).</summary>
    public Tensor FitTransform(Tensor x) => Fit(x).Transform(x);

    /// <summary>Back to the original units: x · scale + mean. Handy to read standardised predictions or centres.</summary>
    public Tensor InverseTransform(Tensor x)
    {
        var (mean, scale) = Parameters(x, nameof(InverseTransform));
        return x * FeatureColumns.Row(scale, x.Device) + FeatureColumns.Row(mean, x.Device);
    }

    private (double[] Mean, double[] Scale) Parameters(Tensor x, string op)
    {
        var mean = FeatureColumns.Fitted(_mean, nameof(StandardScaler), op);
        FeatureColumns.CheckColumns(x, mean.Length, nameof(StandardScaler), op);
        return (mean, _scale!);
    }

    /// <summary>What was fitted: the number of examples and features, each column's mean and scale.</summary>
    public override string ToString() => _mean is null
        ? "StandardScaler (not fitted yet; call Fit(xTrain))"
        : $"StandardScaler fitted on {SamplesSeen:N0} examples × {_mean.Length} features\n" +
          $"  mean:  {FeatureColumns.Format(_mean)}\n" +
          $"  scale: {FeatureColumns.Format(_scale!)}";
}
