using System.Globalization;

namespace CourseKit;

public static partial class Plot
{
    /// <summary>
    /// How the values of a tensor are distributed: <paramref name="bins"/> equal-width bins from the smallest to the
    /// largest value. Any shape works (all values are counted), e.g. a layer's weights:
    /// <code>Plot.Histogram(model.Layers[0].Weights[0], bins: 50, title: "Weights of the first layer")</code>
    /// </summary>
    /// <param name="values">The values, of any shape.</param>
    /// <param name="bins">The number of bins.</param>
    /// <param name="title">The figure's title.</param>
    /// <param name="name">The name on hover and the x axis title.</param>
    public static Figure Histogram(Tensor values, int bins = 30, string? title = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (bins < 1 || bins > 10_000)
            throw new ArgumentOutOfRangeException(nameof(bins), $"Plot.Histogram: bins should be between 1 and 10,000, got {bins}.");
        var data = values.ToArray().Where(float.IsFinite).ToArray();
        if (data.Length == 0)
            throw new ArgumentException("Plot.Histogram: the tensor has no finite values (all NaN or infinite) to count.", nameof(values));
        var (start, size) = ExactBins(data.Min(), data.Max(), bins);
        var figure = new Figure(new Histogram
        {
            Name = name ?? "values",
            X = data,
            NBinsX = bins,
            // Exact edges, so "bins" means what it says (plotly's nbinsx alone is only an upper bound).
            XBins = new HistogramBins { Start = start, End = start + bins * size, Size = size },
            Marker = new Marker { Color = TrainColor, Line = new LineStyle { Color = "white", Width = 1 } },
            HoverTemplate = "%{x}: %{y} values<extra></extra>",
        })
        {
            Layout = FigureLayout.Clean(title),
        };
        figure.Layout.XAxis = CleanAxis(name ?? "value");
        figure.Layout.YAxis = CleanAxis("count");
        figure.Layout.Height = 400;
        figure.Layout.Extra = new() { ["bargap"] = 0.02 };
        return figure;
    }

    /// <summary>
    /// The start and width of <paramref name="bins"/> bins that hold every value from <paramref name="min"/> to
    /// <paramref name="max"/>, as plotly reads them back from the JSON (6 significant digits; a bin holds its left edge
    /// but not its right one): the start rounded down, the width rounded up, and the largest value kept off the last edge.
    /// </summary>
    internal static (double Start, double Size) ExactBins(double min, double max, int bins)
    {
        double start = Significant(min, Math.Floor);
        if (!(max > min)) return (start, 1);
        double size = Significant((max - start) / bins, Math.Ceiling);
        if (start + bins * size <= max) size = Significant(size * (1 + 2e-6), Math.Ceiling);
        return (start, size);
    }

    /// <summary><paramref name="value"/> rounded to 6 significant digits in the direction of <paramref name="round"/>.</summary>
    private static double Significant(double value, Func<double, double> round)
    {
        if (value == 0 || !double.IsFinite(value)) return value;
        double scale = Math.Pow(10, 5 - Math.Floor(Math.Log10(Math.Abs(value))));
        return double.Parse((round(value * scale) / scale).ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
