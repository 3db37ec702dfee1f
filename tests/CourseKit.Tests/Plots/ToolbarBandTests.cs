using System.Text.Json;

namespace CourseKit.Tests.Plots;

/// <summary>
/// plotly's toolbar (about 30 px high, 2 px from the top right, shown while the mouse is over a figure) covered the
/// titles of narrow or long-titled charts: a confusion matrix, a decision boundary, the gradient-descent explainers. Every
/// chart kind now keeps the top <see cref="FigureLayout.ToolbarBand"/> pixels for the toolbar and hangs its title below it.
/// </summary>
public class ToolbarBandTests
{
    private static TrainingHistory History()
    {
        var history = new TrainingHistory();
        for (int e = 0; e < 3; e++)
            history.OnEpochEnd(e, new Dictionary<string, float> { ["loss"] = 1f / (e + 1), ["val_loss"] = 1.2f / (e + 1) });
        return history;
    }

    private static Tensor Predict(Tensor x) => (x[.., 0] - x[.., 1]).Sigmoid();

    /// <summary>One figure of every chart kind the course draws, by name.</summary>
    public static TheoryData<string> Kinds() => [.. Figures().Keys];

    private static Dictionary<string, Figure> Figures()
    {
        Tensor x = new float[,] { { 0, 0 }, { 1, 0 }, { 0, 2 }, { 2, 2 } };
        Tensor y = new float[] { 1, 1, 0, 0 };
        Tensor labels = new float[] { 0, 1, 1, 0 };
        return new()
        {
            ["Activations"] = Plot.Activations("sigmoid", "relu"),
            ["ConfusionMatrix"] = Plot.ConfusionMatrix(labels, y, ["cat", "dog"]),
            ["DecisionBoundary"] = Plot.DecisionBoundary(Predict, x, y, resolution: 5, title: "Decision boundary of the hidden-layer network"),
            ["DecisionBoundaryExplorer"] = Plot.DecisionBoundaryExplorer(Predict, x, y, resolution: 5),
            ["DecisionBoundaries"] = Plot.DecisionBoundaries(x, y, [("left", Predict), ("right", Predict)], resolution: 5),
            ["DecisionBoundariesWithTitle"] = Plot.DecisionBoundaries(x, y, [("left", Predict)], resolution: 5, title: "two models"),
            ["Function"] = Plot.Function(t => t.Tanh(), -2, 2, points: 5),
            ["Heatmap"] = Plot.Heatmap(new float[,] { { 1, 2 }, { 3, 4 } }, title: "weights"),
            ["Histogram"] = Plot.Histogram(new float[] { 1, 2, 2, 3 }, title: "values"),
            ["Images"] = Plot.Images(Tensor.Zeros([2, 4, 4]), ["a", "b"]),
            ["ImagesWithTitle"] = Plot.Images(Tensor.Zeros([2, 4, 4]), ["a", "b"], title: "digits"),
            ["LearningCurves"] = Plot.LearningCurves(History()),
            ["Line"] = Plot.Line(new float[] { 1, 2, 3 }, title: "a line"),
            ["Scatter"] = Plot.Scatter(x, title: "points"),
            ["PredictedVsTrue"] = Plot.PredictedVsTrue(new float[] { 1, 2 }, new float[] { 1.5f, 2 }),
            ["Residuals"] = Plot.Residuals(new float[] { 1, 2 }, new float[] { 1.5f, 2 }),
            ["Explain.GradientDescent"] = CourseKit.Explain.GradientDescent(v => v * v, 1, 0.1, 3).Figure,
            ["Explain.GradientDescent 2-D"] = CourseKit.Explain.GradientDescent((a, b) => a * a + 3 * b * b, (1, 1), 0.1, 3).Figure,
            ["Explain.LearningRates"] = CourseKit.Explain.LearningRates(v => v * v, 1, [0.1, 1.1], 3).Figure,
        };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_title_hangs_below_the_toolbar_band(string kind)
    {
        var layout = Figures()[kind].Json().GetProperty("layout");
        double top = layout.GetProperty("margin").GetProperty("t").GetDouble();
        if (layout.TryGetProperty("title", out var title))
        {
            // Anchored by its top edge ToolbarBand pixels below the figure's top, whatever the figure's height or width.
            Assert.Equal("container", title.GetProperty("yref").GetString());
            Assert.Equal(1, title.GetProperty("y").GetDouble());
            Assert.Equal("top", title.GetProperty("yanchor").GetString());
            Assert.Equal(FigureLayout.ToolbarBand, title.GetProperty("pad").GetProperty("t").GetDouble());
            Assert.True(title.GetProperty("automargin").GetBoolean());
            Assert.True(top >= FigureLayout.ToolbarBand + FigureLayout.TitleBand, $"{kind}: a top margin of {top} px leaves no room for the title below the toolbar");
        }
        else Assert.True(top >= FigureLayout.ToolbarBand, $"{kind}: a top margin of {top} px puts what is above the plots under the toolbar");
    }

    [Fact]
    public void The_numbers_of_the_band()
    {
        Assert.Equal(40, FigureLayout.ToolbarBand);
        Assert.Equal(32, FigureLayout.TitleBand);
        Assert.Equal(40, FigureLayout.TopMargin(title: false));
        Assert.Equal(40 + 32 + 20, FigureLayout.TopMargin(title: true, below: 20));
        Assert.Equal(72, FigureLayout.Clean("Loss").Margin!.T);
        Assert.Equal(40, FigureLayout.Clean().Margin!.T);
        // A title given later, or as a PlotTitle of one's own, is placed the same way; a position chosen stays.
        var layout = FigureLayout.Clean();
        layout.Title = "late";
        Assert.Equal(("container", "top", 40.0), (layout.Title!.YRef, layout.Title.YAnchor, layout.Title.Pad!.T!.Value));
        // Regression: the late title kept the untitled 40 px margin and was drawn over the plot.
        Assert.Equal(72, layout.Margin!.T);
        var roomy = FigureLayout.Clean();
        roomy.Margin!.T = 120;
        roomy.Title = "late";
        Assert.Equal(120, roomy.Margin.T);
        layout.Title = new PlotTitle { Text = "mine", YRef = "paper", Y = 0.9 };
        Assert.Equal(("paper", 0.9), (layout.Title!.YRef, layout.Title.Y!.Value));
    }
}
