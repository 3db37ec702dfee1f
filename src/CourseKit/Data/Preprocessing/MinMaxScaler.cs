namespace CourseKit;

/// <summary>
/// Rescales each feature column linearly so that its smallest training value becomes <see cref="FeatureRange"/>.Min
/// and its largest becomes <see cref="FeatureRange"/>.Max (0 and 1 by default), as scikit-learn's <c>MinMaxScaler</c>:
/// x' = x · scale + offset with scale = (max − min) / (dataMax − dataMin) and offset = min − dataMin · scale.
/// </summary>
/// <remarks>
/// <para>Same life cycle as <see cref="StandardScaler"/>: <c>Fit</c> on the training data, <c>Transform</c> any data,
/// <c>InverseTransform</c> back. Test values outside the training range land outside the feature range (no clipping,
/// as in scikit-learn).</para>
/// <para>A column whose values are all equal has range 0; like scikit-learn, its range is taken as 1, so the column
/// maps to the lower end of the feature range instead of dividing by zero.</para>
/// </remarks>
public sealed class MinMaxScaler
{
    private double[]? _dataMin, _dataMax, _scale, _offset;

    /// <summary>A scaler mapping each column onto [<paramref name="min"/>, <paramref name="max"/>] (scikit-learn's
    /// <c>feature_range</c>); e.g. <c>new MinMaxScaler(-1, 1)</c> for tanh-friendly inputs.</summary>
    /// <exception cref="ArgumentException"><paramref name="min"/> is not below <paramref name="max"/>.</exception>
    public MinMaxScaler(float min = 0, float max = 1)
    {
        if (!(min < max) || !float.IsFinite(min) || !float.IsFinite(max))
            throw new ArgumentException($"MinMaxScaler: the feature range ({Preprocessing.Number(min)}, {Preprocessing.Number(max)}) is not a range; " +
                                        "min must be a number below max, e.g. new MinMaxScaler(0, 1) or new MinMaxScaler(-1, 1).", nameof(min));
        FeatureRange = (min, max);
    }

    /// <summary>The interval every column is mapped onto (scikit-learn's <c>feature_range</c>).</summary>
    public (float Min, float Max) FeatureRange { get; }

    /// <summary>Each column's smallest value in the data passed to <see cref="Fit"/> (scikit-learn's <c>data_min_</c>).</summary>
    public Tensor DataMin => FeatureColumns.Row(FeatureColumns.Fitted(_dataMin, nameof(MinMaxScaler), nameof(DataMin)));

    /// <summary>Each column's largest value in the data passed to <see cref="Fit"/> (scikit-learn's <c>data_max_</c>).</summary>
    public Tensor DataMax => FeatureColumns.Row(FeatureColumns.Fitted(_dataMax, nameof(MinMaxScaler), nameof(DataMax)));

    /// <summary>What each column is multiplied by: (max − min) / (dataMax − dataMin), with a zero range counted as 1
    /// (scikit-learn's <c>scale_</c>).</summary>
    public Tensor Scale => FeatureColumns.Row(FeatureColumns.Fitted(_scale, nameof(MinMaxScaler), nameof(Scale)));

    /// <summary>What is added after multiplying: min − dataMin · scale (scikit-learn calls it <c>min_</c>).</summary>
    public Tensor Offset => FeatureColumns.Row(FeatureColumns.Fitted(_offset, nameof(MinMaxScaler), nameof(Offset)));

    /// <summary>Whether <see cref="Fit"/> has been called.</summary>
    public bool IsFitted => _dataMin is not null;

    /// <summary>How many examples (rows) the scaler was fitted on (scikit-learn's <c>n_samples_seen_</c>).</summary>
    public int SamplesSeen { get; private set; }

    /// <summary>Learns each column's smallest and largest value from <paramref name="x"/>, a (examples, features)
    /// matrix. Returns the scaler itself.</summary>
    public MinMaxScaler Fit(Tensor x)
    {
        var (values, rows, columns) = FeatureColumns.Read(x, "MinMaxScaler.Fit");
        var dataMin = new double[columns];
        var dataMax = new double[columns];
        var scale = new double[columns];
        var offset = new double[columns];
        var (min, max) = FeatureRange;
        for (int c = 0; c < columns; c++)
        {
            dataMin[c] = double.PositiveInfinity;
            dataMax[c] = double.NegativeInfinity;
            for (int r = 0; r < rows; r++)
            {
                double v = values[r * columns + c];
                dataMin[c] = Math.Min(dataMin[c], v);
                dataMax[c] = Math.Max(dataMax[c], v);
            }
            double range = dataMax[c] - dataMin[c];
            scale[c] = ((double)max - min) / (range == 0 ? 1 : range);
            offset[c] = min - dataMin[c] * scale[c];
        }
        (_dataMin, _dataMax, _scale, _offset, SamplesSeen) = (dataMin, dataMax, scale, offset, rows);
        return this;
    }

    /// <summary>Rescales <paramref name="x"/> column by column: x · scale + offset.</summary>
    /// <exception cref="InvalidOperationException">The scaler has not been fitted.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> has a different number of columns than the data it was fitted on.</exception>
    public Tensor Transform(Tensor x)
    {
        var (scale, offset) = Parameters(x, nameof(Transform));
        return x * FeatureColumns.Row(scale, x.Device) + FeatureColumns.Row(offset, x.Device);
    }

    /// <summary><see cref="Fit"/> then <see cref="Transform"/> on the same data (use it on the training data only).</summary>
    public Tensor FitTransform(Tensor x) => Fit(x).Transform(x);

    /// <summary>Back to the original units: (x − offset) / scale.</summary>
    public Tensor InverseTransform(Tensor x)
    {
        var (scale, offset) = Parameters(x, nameof(InverseTransform));
        return (x - FeatureColumns.Row(offset, x.Device)) / FeatureColumns.Row(scale, x.Device);
    }

    private (double[] Scale, double[] Offset) Parameters(Tensor x, string op)
    {
        var scale = FeatureColumns.Fitted(_scale, nameof(MinMaxScaler), op);
        FeatureColumns.CheckColumns(x, scale.Length, nameof(MinMaxScaler), op);
        return (scale, _offset!);
    }

    /// <summary>What was fitted: the feature range, the number of examples and features, each column's minimum and maximum.</summary>
    public override string ToString()
    {
        string range = $"[{Preprocessing.Number(FeatureRange.Min)}, {Preprocessing.Number(FeatureRange.Max)}]";
        return _dataMin is null
            ? $"MinMaxScaler onto {range} (not fitted yet; call Fit(xTrain))"
            : $"MinMaxScaler onto {range} fitted on {SamplesSeen:N0} examples × {_dataMin.Length} features\n" +
              $"  data min: {FeatureColumns.Format(_dataMin)}\n" +
              $"  data max: {FeatureColumns.Format(_dataMax!)}";
    }
}
