namespace CourseKit;

public static partial class Plot
{
    /// <summary>
    /// How a regression model did, one point per example: the true value across, the prediction up, and the diagonal
    /// where a perfect model's points would all lie. Points above the diagonal were predicted too high, points below
    /// too low.
    /// <code>Plot.PredictedVsTrue(yTest, model.Predict(xTest), name: "age (years)")</code>
    /// </summary>
    /// <param name="yTrue">The true values, (n,) or (n, 1).</param>
    /// <param name="yPred">The predictions for the same examples, (n,) or (n, 1) as <c>Predict</c> gives them.</param>
    /// <param name="name">What is predicted, with its unit, e.g. "age (years)": the axes read "true age (years)" and
    /// "predicted age (years)". Null: "value".</param>
    /// <param name="title">The figure's title; null: "Predicted vs true …".</param>
    public static Figure PredictedVsTrue(Tensor yTrue, Tensor yPred, string? name = null, string? title = null)
    {
        var (truth, predicted) = RegressionPair(yTrue, yPred, nameof(PredictedVsTrue));
        name ??= "value";
        float low = Math.Min(truth.Min(), predicted.Min()), high = Math.Max(truth.Max(), predicted.Max());
        return RegressionFigure(truth, predicted, title ?? $"Predicted vs true {name}", $"true {name}", $"predicted {name}",
                                (low, low), (high, high), "perfect: predicted = true");
    }

    /// <summary>
    /// What a regression model got wrong: each example's residual, true − predicted, against its prediction, with the
    /// line of no error at 0. A good model's residuals scatter evenly around that line; a pattern (a slope, a funnel
    /// that widens) is something the model has not learnt.
    /// <code>Plot.Residuals(yTest, model.Predict(xTest), name: "age (years)")</code>
    /// </summary>
    /// <param name="yTrue">The true values, (n,) or (n, 1).</param>
    /// <param name="yPred">The predictions for the same examples, (n,) or (n, 1).</param>
    /// <param name="name">What is predicted, with its unit, e.g. "age (years)" (the x axis reads "predicted age (years)").
    /// Null: "value".</param>
    /// <param name="title">The figure's title; null: "Residuals of the predicted …".</param>
    public static Figure Residuals(Tensor yTrue, Tensor yPred, string? name = null, string? title = null)
    {
        var (truth, predicted) = RegressionPair(yTrue, yPred, nameof(Residuals));
        name ??= "value";
        var residuals = truth.Zip(predicted, (t, p) => t - p).ToArray();
        return RegressionFigure(predicted, residuals, title ?? $"Residuals of the predicted {name}", $"predicted {name}",
                                "residual: true − predicted", (predicted.Min(), 0), (predicted.Max(), 0), "no error");
    }

    private static (float[] Truth, float[] Predicted) RegressionPair(Tensor yTrue, Tensor yPred, string method)
    {
        var truth = Vector(yTrue, "yTrue", method);
        var predicted = Vector(yPred, "yPred", method);
        if (truth.Length != predicted.Length)
            throw new ArgumentException($"Plot.{method}: yTrue has {truth.Length} values but yPred has {predicted.Length}; give one prediction " +
                                        "per example, e.g. model.Predict(xTest) for yTest.", nameof(yPred));
        if (truth.Length == 0) throw new ArgumentException($"Plot.{method}: there are no examples to plot.", nameof(yTrue));
        return (truth, predicted);
    }

    /// <summary>The examples as points, and a dashed reference line from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static Figure RegressionFigure(float[] xs, float[] ys, string title, string xTitle, string yTitle,
                                           (float X, float Y) from, (float X, float Y) to, string lineName)
    {
        var figure = new Figure { Layout = FigureLayout.Clean(title) };
        figure.Layout.XAxis = CleanAxis(xTitle);
        figure.Layout.YAxis = CleanAxis(yTitle);
        figure.Layout.Height = 500;
        var marker = new Marker { Size = xs.Length > 2000 ? 4 : 6, Opacity = 0.6, Color = ColorOf(0) };
        figure.Add(Points(xs, ys, Enumerable.Range(0, xs.Length), "examples", marker));
        figure.Add(new Scatter
        {
            Name = lineName,
            Mode = "lines",
            X = new[] { from.X, to.X },
            Y = new[] { from.Y, to.Y },
            Line = new LineStyle { Color = "#555", Width = 1.5, Dash = "dash" },
            HoverInfo = "skip",
        });
        return figure;
    }
}
