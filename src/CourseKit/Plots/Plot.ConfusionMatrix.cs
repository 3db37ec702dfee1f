using System.Globalization;

namespace CourseKit;

public static partial class Plot
{
    /// <summary>The size of tick labels in CourseKit's figures (plotly takes the layout's font, 13 in <see cref="FigureLayout.Clean"/>).</summary>
    private const double TickFontSize = 13;

    /// <summary>
    /// The confusion matrix as an annotated heatmap: true classes top to bottom, predicted classes left to right,
    /// each cell with its count (or, with <paramref name="normalize"/>, the fraction of its row). The diagonal holds the
    /// correct predictions.
    /// <code>Plot.ConfusionMatrix(yTest, model.Predict(xTest), classNames)</code>
    /// </summary>
    /// <param name="yTrue">True classes: indices (n,) or one-hot (n, classes).</param>
    /// <param name="yPred">Predictions: indices, probabilities (n, classes), or one sigmoid probability per row.</param>
    /// <param name="classNames">A name per class (default: 0, 1, 2, …).</param>
    /// <param name="normalize">Show each row as fractions (of the true class's examples) instead of counts.</param>
    /// <param name="title">The figure's title (default: "Confusion matrix" with the accuracy).</param>
    public static Figure ConfusionMatrix(Tensor yTrue, Tensor yPred, IReadOnlyList<string>? classNames = null, bool normalize = false, string? title = null)
    {
        var counts = CourseKit.ConfusionMatrix.Compute(yTrue, yPred, classNames?.Count);
        int k = counts.GetLength(0);
        if (classNames is not null && classNames.Count != k)
            throw new ArgumentException($"Plot.ConfusionMatrix: got {classNames.Count} class names for {k} classes; give one name per class.", nameof(classNames));
        var names = Enumerable.Range(0, k).Select(i => classNames?[i] ?? i.ToString(CultureInfo.InvariantCulture)).ToArray();

        var z = new double[k][];
        var text = new string[k][];
        for (int t = 0; t < k; t++)
        {
            double rowTotal = Enumerable.Range(0, k).Sum(p => counts[t, p]);
            z[t] = new double[k];
            text[t] = new string[k];
            for (int p = 0; p < k; p++)
            {
                z[t][p] = normalize ? (rowTotal == 0 ? 0 : counts[t, p] / rowTotal) : counts[t, p];
                text[t][p] = normalize ? z[t][p].ToString("0.00", CultureInfo.InvariantCulture) : counts[t, p].ToString(CultureInfo.InvariantCulture);
            }
        }

        double accuracy = CourseKit.ConfusionMatrix.Accuracy(counts);
        var figure = new Figure(new Heatmap
        {
            Name = "confusion matrix",
            Z = z,
            X = names,
            Y = names,
            Text = text,
            TextTemplate = "%{text}",
            ColorScale = ColorScale.WhiteToBlue,
            ZMin = 0,
            ZMax = normalize ? 1 : null,
            ColorBar = new ColorBar { Title = normalize ? "fraction of row" : "count", Thickness = 15 },
            XGap = 1,
            YGap = 1,
            HoverTemplate = normalize
                ? "true %{y}, predicted %{x}<br>%{z:.1%} of the true %{y}<extra></extra>"
                : "true %{y}, predicted %{x}<br>%{z} examples<extra></extra>",
        })
        {
            Layout = FigureLayout.Clean(title ?? $"Confusion matrix (accuracy {accuracy.ToString("0.0%", CultureInfo.InvariantCulture)})"),
        };
        var layout = figure.Layout;
        int side = Math.Clamp(60 * k, 250, 700);
        // Room for the longest class name: beside the rows on the left, and under the columns when plotly has to turn
        // the names because they are wider than a column.
        double longest = names.Max(n => Plots.Svg.SvgText.Width(n, TickFontSize)) * 1.1;
        int left = Math.Max(60, (int)Math.Ceiling(longest) + 45);
        int bottom = longest > side / (double)k ? 50 + (int)Math.Ceiling(longest) : 50;
        int top = FigureLayout.TopMargin(title: true);
        layout.Margin = new PlotMargin { L = left, R = 30, T = top, B = bottom };
        layout.Width = side + 140 + left;
        layout.Height = side + top + 40 + bottom;
        layout.XAxis = new Axis { Title = "predicted class", Type = "category", ShowGrid = false, Ticks = "" };
        layout.YAxis = new Axis { Title = "true class", Type = "category", AutoRange = "reversed", ScaleAnchor = "x", Constrain = "domain", ShowGrid = false, Ticks = "" };
        return figure;
    }
}
