using System.Xml.Linq;
using static CourseKit.Tests.Plots.Svg.SvgTestHelpers;

namespace CourseKit.Tests.Plots.Svg;

/// <summary>Every chart of <see cref="Plot"/> has a static picture: well-formed SVG with something drawn for each trace.</summary>
public class PlotHelpersSvgTests
{
    private static Tensor Predict(Tensor x) => (x[.., 0] - x[.., 1]).Sigmoid();
    private static readonly Tensor Points = new float[,] { { 0, 0 }, { 1, 0 }, { 0, 2 }, { 2, 2 } };
    private static readonly Tensor Labels = new float[] { 1, 1, 0, 0 };

    private static TrainingHistory History()
    {
        var history = new TrainingHistory();
        for (int e = 0; e < 5; e++)
            history.OnEpochEnd(e, new Dictionary<string, float> { ["loss"] = 1f / (e + 1), ["val_loss"] = 1.2f / (e + 1), ["accuracy"] = 0.5f + 0.1f * e });
        return history;
    }

    public static TheoryData<string> Charts => new(Figures.Keys);

    private static readonly Dictionary<string, Func<Figure>> Figures = new()
    {
        ["LearningCurves"] = () => Plot.LearningCurves(History()),
        ["DecisionBoundary"] = () => Plot.DecisionBoundary(Predict, Points, Labels, point: (0.5f, 0.5f), resolution: 30),
        ["DecisionBoundaryExplorer"] = () => Plot.DecisionBoundaryExplorer(Predict, Points, Labels, resolution: 30),
        ["ConfusionMatrix"] = () => Plot.ConfusionMatrix(new float[] { 0, 1, 2, 2 }, new float[] { 0, 2, 2, 1 }, ["a", "b", "c"]),
        ["ConfusionMatrix normalized"] = () => Plot.ConfusionMatrix(new float[] { 0, 1, 1, 0 }, new float[] { 0, 1, 0, 0 }, normalize: true),
        ["Images"] = () => Plot.Images(Tensor.FromData(Enumerable.Range(0, 3 * 28 * 28).Select(i => (float)(i % 255)).ToArray(), [3, 28, 28]), titles: ["a", "b", "c"]),
        ["Activations"] = () => Plot.Activations(),
        ["Function"] = () => Plot.Function(x => x * x, -2, 2),
        ["Histogram"] = () => Plot.Histogram(new float[] { 1, 2, 2, 3, 3, 3, 4 }, bins: 4),
        ["Scatter"] = () => Plot.Scatter(new float[] { 1, 2, 3 }, new float[] { 3, 1, 2 }),
        ["Scatter by class"] = () => Plot.Scatter(Points, Labels),
        ["Scatter by value"] = () => Plot.Scatter(new float[] { 1, 2, 3 }, new float[] { 3, 1, 2 }, color: new float[] { 0.1f, 0.5f, 0.9f }),
        ["Line"] = () => Plot.Line(new float[] { 1, 4, 9 }),
        ["Line of x"] = () => Plot.Line(new float[] { 0, 1, 2 }, new float[] { 1, 4, 9 }),
        ["Lines"] = () => Plot.Line(new Dictionary<string, Tensor> { ["a"] = new float[] { 1, 2 }, ["b"] = new float[] { 2, 1 } }),
        ["Heatmap"] = () => Plot.Heatmap(new float[,] { { 1, 2 }, { 3, 4 } }, annotate: true, columnLabels: ["p", "q"]),
    };

    [Theory]
    [MemberData(nameof(Charts))]
    public void Every_chart_renders_to_well_formed_svg_with_something_drawn_per_trace(string chart)
    {
        var figure = Figures[chart]();
        var svg = XDocument.Parse(figure.ToSvg()).Root!;
        Assert.Equal(Ns + "svg", svg.Name);
        var groups = svg.TraceGroups();
        Assert.Equal(figure.Traces.Count, groups.Count);
        Assert.All(groups, g => Assert.Contains(g.Descendants(), e => e.Name == Ns + "path" || e.Name == Ns + "rect" || e.Name == Ns + "image"));
        if (figure.Layout.Title?.Text is { } title) Assert.Equal([title], svg.Texts("title"));
    }

    [Fact]
    public void The_decision_boundary_shows_the_probability_surface_the_boundary_line_and_both_classes()
    {
        var figure = Plot.DecisionBoundary(Predict, Points, Labels, resolution: 30);
        var svg = figure.Svg();
        var groups = svg.TraceGroups();
        Assert.Single(groups[0].Descendants(Ns + "image"));                   // 30 × 30 probabilities, smooth
        var boundary = Assert.Single(groups[1].Elements(Ns + "path"));        // the one level p = 0.5
        Assert.Equal("black", boundary.Attr("stroke"));
        Assert.Equal("3", boundary.Attr("stroke-width"));
        Assert.Equal(["decision boundary (p = 0.5)", "class 0", "class 1"], svg.Descendants(Ns + "g").Single(g => (string?)g.Attribute("class") == "legend").Descendants(Ns + "text").Select(t => t.Value));
        Assert.Equal(["P(class 1)"], svg.Descendants(Ns + "g").Where(g => (string?)g.Attribute("class") == "colorbar").Descendants(Ns + "text").Select(t => t.Value).Where(t => t.StartsWith('P')));
    }

    [Fact]
    public void The_confusion_matrix_writes_its_counts_in_square_cells()
    {
        var svg = Plot.ConfusionMatrix(new float[] { 0, 1, 1, 1 }, new float[] { 0, 1, 1, 0 }).Svg();
        var group = svg.TraceGroups()[0];
        Assert.Equal(["1", "0", "1", "2"], group.Descendants(Ns + "text").Select(t => t.Value));
        var cells = group.Descendants(Ns + "rect").ToList();
        Assert.Equal(4, cells.Count);
        Assert.All(cells, c => Assert.Equal(c.Number("width"), c.Number("height"), 0.15));
        Assert.Contains("true class", svg.Texts("axis-title"));
    }

    [Fact]
    public void Image_grids_keep_square_pixels()
    {
        var svg = Plot.Images(Tensor.FromData(Enumerable.Range(0, 2 * 28 * 28).Select(i => (float)(i % 255)).ToArray(), [2, 28, 28])).Svg();
        var images = svg.TraceGroups().Select(g => g.Descendants(Ns + "image").Single()).ToList();
        Assert.All(images, i => Assert.Equal(i.Number("width"), i.Number("height"), 0.15));
    }
}
