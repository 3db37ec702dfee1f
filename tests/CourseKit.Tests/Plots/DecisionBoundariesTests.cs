using System.Text.Json;

namespace CourseKit.Tests.Plots;

/// <summary><c>Plot.DecisionBoundaries</c>: several models' decision boundaries side by side over the same data.</summary>
public class DecisionBoundariesTests
{
    private static readonly Tensor X = new float[,] { { 0, 0 }, { 1, 0 }, { 0, 2 }, { 2, 2 } };
    private static readonly Tensor Y = new float[] { 1, 1, 0, 0 };

    // Two opposite models: p = σ(x1 − x2) (class 1 below the diagonal) and p = σ(x2 − x1).
    private static readonly (string Title, Func<Tensor, Tensor> Predict)[] TwoPanels =
    [
        ("below the diagonal", x => (x[.., 0] - x[.., 1]).Sigmoid()),
        ("above the diagonal", x => (x[.., 1] - x[.., 0]).Sigmoid()),
    ];

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    [Fact]
    public void Each_panel_shows_its_own_model_on_its_own_axes_under_its_title()
    {
        var figure = Plot.DecisionBoundaries(X, Y, TwoPanels, resolution: 5);
        var data = figure.Json().GetProperty("data");
        Assert.Equal(8, data.GetArrayLength());   // per panel: probabilities, boundary, class 0, class 1

        // Panel 1 on the default axes, panel 2 on x2/y2; both grids span the data plus 10 %, as DecisionBoundary's.
        Assert.False(data[0].TryGetProperty("xaxis", out _));
        Assert.Equal("x2", data[4].GetProperty("xaxis").GetString());
        Assert.Equal("y2", data[4].GetProperty("yaxis").GetString());
        Assert.All(Enumerable.Range(4, 4), i => Assert.Equal("x2", data[i].GetProperty("xaxis").GetString()));
        Assert.Equal([-0.2, 0.4, 1, 1.6, 2.2], data[4].GetProperty("x").Numbers().Select(v => Math.Round(v, 6)));

        // z[0][4] is x1 = 2.2, x2 = −0.2: σ(2.4) on the left, σ(−2.4) on the right.
        Assert.Equal(Sigmoid(2.4), data[0].GetProperty("z")[0][4].GetDouble(), 4);
        Assert.Equal(Sigmoid(-2.4), data[4].GetProperty("z")[0][4].GetDouble(), 4);
        Assert.Equal(0.5, data[5].GetProperty("contours").GetProperty("start").GetDouble());

        // The data are the same in both panels.
        Assert.Equal([0, 2], data[2].GetProperty("x").Numbers());
        Assert.Equal([0, 2], data[6].GetProperty("x").Numbers());

        Assert.Equal(["below the diagonal", "above the diagonal"], figure.Layout.Annotations!.Select(a => a.Text));
        Assert.Null(figure.Layout.Title);
    }

    [Fact]
    public void Panels_share_one_colour_bar_and_one_legend()
    {
        var data = Plot.DecisionBoundaries(X, Y, TwoPanels, resolution: 4).Json().GetProperty("data");
        Assert.True(data[0].TryGetProperty("colorbar", out _));
        Assert.False(data[4].TryGetProperty("colorbar", out _));
        Assert.False(data[4].GetProperty("showscale").GetBoolean());

        // Legend entries come from the first panel; the second joins their groups, so one click hides a part everywhere.
        Assert.True(data[1].GetProperty("showlegend").GetBoolean());
        Assert.False(data[5].GetProperty("showlegend").GetBoolean());
        Assert.False(data[6].GetProperty("showlegend").GetBoolean());
        Assert.False(data[2].TryGetProperty("showlegend", out _));
        Assert.Equal(["boundary", "class 0", "class 1"], new[] { 1, 2, 3 }.Select(i => data[i].GetProperty("legendgroup").GetString()));
        Assert.Equal(["boundary", "class 0", "class 1"], new[] { 5, 6, 7 }.Select(i => data[i].GetProperty("legendgroup").GetString()));
    }

    [Fact]
    public void Panels_fill_rows_of_the_given_number_of_columns()
    {
        var three = TwoPanels.Append(("again", TwoPanels[0].Predict)).ToList();
        var layout = Plot.DecisionBoundaries(X, Y, three, columns: 2, resolution: 3, title: "Three models").Json().GetProperty("layout");
        double[] Domain(string axis) => layout.GetProperty(axis).GetProperty("domain").Numbers();

        Assert.Equal([0, 0.46], Domain("xaxis"));
        Assert.Equal([0.54, 1], Domain("xaxis2"));
        Assert.Equal(Domain("xaxis"), Domain("xaxis3"));          // the third panel starts the second row …
        // … below the first, 90 of the 2 · 280 + 90 pixels lower: room for tick labels, the x1 title and the next panel titles
        Assert.Equal(90.0 / 650, Domain("yaxis")[0] - Domain("yaxis3")[1], 5);
        // toolbar, title and panel-title bands, the panels, the legend
        Assert.Equal(40 + 32 + 20 + 650 + 110, layout.GetProperty("height").GetDouble());
        Assert.Equal(Domain("yaxis"), Domain("yaxis2"));

        // x1 under every panel, x2 only at the start of each row.
        string? Title(string axis) => layout.GetProperty(axis).TryGetProperty("title", out var t) ? t.GetProperty("text").GetString() : null;
        Assert.Equal(["x1", "x1", "x1"], new[] { "xaxis", "xaxis2", "xaxis3" }.Select(Title));
        Assert.Equal(["x2", null, "x2"], new[] { "yaxis", "yaxis2", "yaxis3" }.Select(Title));
        Assert.Equal("Three models", layout.GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Wide_rows_narrow_their_panels_to_fit_a_notebook()
    {
        var six = Enumerable.Range(0, 6).Select(i => ($"model {i}", TwoPanels[i % 2].Predict)).ToList();
        var two = Plot.DecisionBoundaries(X, Y, TwoPanels, resolution: 3).Layout;
        var three = Plot.DecisionBoundaries(X, Y, six, columns: 3, resolution: 3).Layout;
        Assert.Equal(60 + 110 + 2 * 300, two.Width);            // two panels of 300 px and the margins
        Assert.Equal(60 + 110 + 3 * 256, three.Width);          // three panels of ⌊(940 − 170) / 3⌋ = 256 px
        Assert.Equal(40 + 20 + 2 * 236 + 90 + 110, three.Height);   // square-ish: 236 px high, two rows
    }

    [Fact]
    public void The_static_picture_shows_every_panel_without_scripts()
    {
        var svg = Plot.DecisionBoundaries(X, Y, TwoPanels, resolution: 4).ToSvg();
        Assert.Contains(">below the diagonal<", svg);
        Assert.Contains(">above the diagonal<", svg);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(svg, "<clipPath ").Count);   // one clipped plot area per panel
    }

    [Fact]
    public void A_dataset_names_the_axes_and_classes_and_models_are_drawn_from_their_predictions()
    {
        var data = new TabularDataset("notes", X, Y, ["skewness", "entropy"], "test", ["genuine", "forged"]);
        var model = new Sequential([new Dense(1, inputShape: [2], activation: "sigmoid")]);
        var figure = Plot.DecisionBoundaries(data, ("untrained", model), ("the same again", model));
        using var json = JsonDocument.Parse(figure.ToJson());
        var layout = json.RootElement.GetProperty("layout");
        Assert.Equal("skewness", layout.GetProperty("xaxis2").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("entropy", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        var traces = json.RootElement.GetProperty("data");
        Assert.Equal(["genuine", "forged"], new[] { 2, 3 }.Select(i => traces[i].GetProperty("name").GetString()));

        // The default 60 × 60 grid; its first value is the model's P(class 1) at the grid's corner, rounded to 4 decimals.
        var z = traces[0].GetProperty("z");
        Assert.Equal(60, z.GetArrayLength());
        var corner = model.Predict(Tensor.FromData([-0.2f, -0.2f], [1, 2])).Item();
        Assert.InRange(z[0][0].GetDouble(), corner - 0.5001e-4, corner + 0.5001e-4);
        Assert.Equal(z[0][0].GetDouble(), traces[4].GetProperty("z")[0][0].GetDouble());

        // Without a dataset: the points and classes as tensors, the axes called x1 and x2.
        var plain = Plot.DecisionBoundaries(X, Y, ("untrained", model)).Json();
        Assert.Equal("x1", plain.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(z[0][0].GetDouble(), plain.GetProperty("data")[0].GetProperty("z")[0][0].GetDouble());
        Assert.Equal("class 0", plain.GetProperty("data")[2].GetProperty("name").GetString());
    }

    [Fact]
    public void Wrong_requests_are_explained()
    {
        Func<Tensor, Tensor> predict = TwoPanels[0].Predict;
        var error = Assert.Throws<ArgumentException>(() => Plot.DecisionBoundaries(X, Y, []));
        Assert.Contains("at least one (title, model) pair", error.Message);

        var many = Enumerable.Range(0, 17).Select(i => ($"model {i}", predict)).ToList();
        error = Assert.Throws<ArgumentException>(() => Plot.DecisionBoundaries(X, Y, many));
        Assert.Contains("17 panels are too many for one figure (at most 16)", error.Message);

        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => Plot.DecisionBoundaries(X, Y, TwoPanels, columns: 0));
        Assert.Contains("columns should be at least 1, got 0", zero.Message);

        error = Assert.Throws<ArgumentException>(() => Plot.DecisionBoundaries(X, Y, [("forgot the model", (Func<Tensor, Tensor>)null!)]));
        Assert.Contains("panel 0 (\"forgot the model\") has no model", error.Message);
        var model = new Sequential([new Dense(1, inputShape: [2], activation: "sigmoid")]);
        error = Assert.Throws<ArgumentException>(() => Plot.DecisionBoundaries(X, Y, ("a model", model), ("none", null!)));
        Assert.Contains("panel 1 (\"none\") has no model", error.Message);

        error = Assert.Throws<ArgumentException>(() => Plot.DecisionBoundaries(new float[,] { { 0, 0, 0 } }, new float[] { 1 }, TwoPanels));
        Assert.Contains("Plot.DecisionBoundaries: x should have shape (n, 2)", error.Message);
    }

    [Fact]
    public void A_dataset_names_the_colour_bar_after_its_positive_class()
    {
        var data = new TabularDataset("notes", X, Y, ["skewness", "entropy"], "test", ["genuine", "forged"]);
        var traces = Plot.DecisionBoundaries(data, TwoPanels, resolution: 5).Json().GetProperty("data");
        Assert.Equal("P(forged)", traces[0].GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("P(forged) = %{z:.3f}", traces[4].GetProperty("hovertemplate").GetString());
        Assert.Equal("P(class 1)", Plot.DecisionBoundaries(X, Y, TwoPanels, resolution: 5).Json()
            .GetProperty("data")[0].GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
    }
}
