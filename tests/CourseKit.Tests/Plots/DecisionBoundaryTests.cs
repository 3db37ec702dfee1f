using System.Text.Json;

namespace CourseKit.Tests.Plots;

public class DecisionBoundaryTests
{
    // p = sigmoid(x1 − x2): class 1 below the diagonal.
    private static Tensor Predict(Tensor x) => (x[.., 0] - x[.., 1]).Sigmoid();

    private static readonly Tensor X = new float[,] { { 0, 0 }, { 1, 0 }, { 0, 2 }, { 2, 2 } };
    private static readonly Tensor Y = new float[] { 1, 1, 0, 0 };

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    [Fact]
    public void Grid_spans_the_data_plus_ten_percent_and_holds_the_predicted_probabilities()
    {
        var figure = Plot.DecisionBoundary(Predict, X, Y, resolution: 5);
        var contour = figure.Trace(0);
        Assert.Equal("contour", contour.GetProperty("type").GetString());
        var xs = contour.GetProperty("x").Numbers();
        var ys = contour.GetProperty("y").Numbers();
        Assert.Equal([-0.2, 0.4, 1, 1.6, 2.2], xs.Select(v => Math.Round(v, 6)));
        Assert.Equal([-0.2, 0.4, 1, 1.6, 2.2], ys.Select(v => Math.Round(v, 6)));

        var z = contour.GetProperty("z");
        Assert.Equal(5, z.GetArrayLength());
        for (int row = 0; row < 5; row++)
            for (int column = 0; column < 5; column++)
                Assert.Equal(Sigmoid(xs[column] - ys[row]), z[row][column].GetDouble(), 4); // stored to 4 decimals
        Assert.Equal(0.5, z[2][2].GetDouble(), 6);                 // on the diagonal
        Assert.Equal(Sigmoid(2.4), z[0][4].GetDouble(), 4);        // x1 = 2.2, x2 = −0.2

        Assert.Equal(0, contour.GetProperty("zmin").GetDouble());
        Assert.Equal(1, contour.GetProperty("zmax").GetDouble());
    }

    [Fact]
    public void Boundary_line_at_one_half_and_points_by_class_with_distinct_markers()
    {
        var figure = Plot.DecisionBoundary(Predict, X, Y, resolution: 10, title: "Mine");
        var data = figure.Json().GetProperty("data");
        var boundary = data[1].GetProperty("contours");
        Assert.Equal(0.5, boundary.GetProperty("start").GetDouble());
        Assert.Equal(0.5, boundary.GetProperty("end").GetDouble());
        Assert.Equal(3, data[1].GetProperty("line").GetProperty("width").GetDouble());

        Assert.Equal("class 0", data[2].GetProperty("name").GetString());
        Assert.Equal("circle", data[2].GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Equal([0, 2], data[2].GetProperty("x").Numbers());
        Assert.Equal([2, 2], data[2].GetProperty("y").Numbers());
        Assert.Equal("class 1", data[3].GetProperty("name").GetString());
        Assert.Equal("x", data[3].GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Equal([0, 1], data[3].GetProperty("x").Numbers());
        Assert.Equal(4, data.GetArrayLength());
        Assert.Equal("Mine", figure.Layout.Title!.Text);
    }

    [Fact]
    public void Marked_point_is_a_star_with_its_probability()
    {
        var figure = Plot.DecisionBoundary(Predict, X, Y, point: (1f, 0f), resolution: 4);
        var star = figure.Trace(4);
        Assert.Equal("star", star.GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Equal([1], star.GetProperty("x").Numbers());
        var expected = $"P(class 1) = {Sigmoid(1):0.000} → class 1";
        Assert.Equal(expected, star.GetProperty("text").GetString());
        Assert.Equal(expected, figure.Layout.Annotations![0].Text);
    }

    [Fact]
    public void One_hot_labels_are_accepted()
    {
        Tensor oneHot = new float[,] { { 0, 1 }, { 0, 1 }, { 1, 0 }, { 1, 0 } };
        var figure = Plot.DecisionBoundary(Predict, X, oneHot, resolution: 3);
        Assert.Equal([0, 1], figure.Trace(3).GetProperty("x").Numbers());
    }

    [Fact]
    public void Wrong_shapes_and_values_are_explained()
    {
        Tensor threeFeatures = new float[,] { { 0, 0, 0 } };
        var error = Assert.Throws<ArgumentException>(() => Plot.DecisionBoundary(Predict, threeFeatures, new float[] { 1 }));
        Assert.Contains("(n, 2)", error.Message);
        Assert.Contains("(1, 3)", error.Message);

        error = Assert.Throws<ArgumentException>(() => Plot.DecisionBoundary(Predict, X, new float[] { 0, 1, 2, 0 }));
        Assert.Contains("only the classes 0 and 1", error.Message);

        error = Assert.Throws<ArgumentException>(() => Plot.DecisionBoundary(Predict, X, new float[] { 0, 1 }));
        Assert.Contains("4 points but y has 2", error.Message);

        error = Assert.Throws<ArgumentException>(() => Plot.DecisionBoundary(x => x[.., 0] - x[.., 1], X, Y));
        Assert.Contains("probabilities between 0 and 1", error.Message);

        error = Assert.Throws<ArgumentException>(() => Plot.DecisionBoundary(x => x, X, Y));
        Assert.Contains("column 1", error.Message);
    }

    [Fact]
    public void Model_overload_uses_the_models_predictions()
    {
        var model = new Sequential([new Dense(1, activation: "sigmoid")]);
        var figure = Plot.DecisionBoundary(model, X, Y, resolution: 6);
        var z = figure.Trace(0).GetProperty("z");
        var probabilities = z.EnumerateArray().SelectMany(row => row.Numbers()).ToArray();
        Assert.Equal(36, probabilities.Length);
        Assert.All(probabilities, p => Assert.InRange(p, 0, 1));
        var direct = model.Predict(Tensor.FromData([-0.2f, -0.2f], [1, 2])).Item();
        // the figure stores probabilities rounded to 4 decimals (enough for a colour): at most half a unit of the last one off
        Assert.InRange(probabilities[0], direct - 0.5001e-4, direct + 0.5001e-4);
    }

    [Fact]
    public void Explorer_moves_an_observation_client_side_with_sliders_and_clicks()
    {
        var figure = Plot.DecisionBoundaryExplorer(Predict, X, Y, point: (2f, 0f), resolution: 11);
        var json = figure.Json();
        var sliders = json.GetProperty("layout").GetProperty("sliders");
        Assert.Equal(["x1", "x2"], sliders.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var steps = sliders[0].GetProperty("steps");
        Assert.Equal(25, steps.GetArrayLength());   // −0.2 … 2.2 in steps of 0.1
        Assert.Equal("skip", steps[0].GetProperty("method").GetString());
        Assert.Equal("-0.2", steps[0].GetProperty("value").GetString());
        Assert.Equal("\u22120.2", steps[0].GetProperty("label").GetString());
        Assert.Equal("2.2", steps[24].GetProperty("value").GetString());
        double active = double.Parse(steps[sliders[0].GetProperty("active").GetInt32()].GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2.0, active);   // the start, a step of the slider

        // The marker starts at the point with the probability interpolated from the grid (sigmoid(2 − 0) ≈ 0.88).
        var star = json.GetProperty("data")[4];
        Assert.Equal("star", star.GetProperty("marker").GetProperty("symbol").GetString());
        var text = star.GetProperty("text")[0].GetString()!;
        Assert.StartsWith("P(class 1) = 0.8", text);
        Assert.EndsWith("class 1", text);

        Assert.Contains("plotly_sliderchange", figure.Script);
        Assert.Contains("plotly_click", figure.Script);
        Assert.Contains("figure.data[4]", figure.Script);
        Assert.Contains(figure.Script!, figure.ToHtml());
        Assert.Contains(figure.Script!, figure.ToStandaloneHtml());
    }

    [Fact]
    public void A_page_carries_each_probability_grid_once()
    {
        // The background and the p = 0.5 line contour the same grid: the page's script stores it once and points the
        // line at it. The figure's JSON (for plotly elsewhere) keeps both traces complete.
        static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
        var single = Plot.DecisionBoundary(Predict, X, Y, resolution: 20);
        var data = single.Json().GetProperty("data");
        string z = data[0].GetProperty("z").GetRawText();
        Assert.Equal(z, data[1].GetProperty("z").GetRawText());
        string html = single.ToHtml(PlotlySource.AlreadyLoaded);
        Assert.Equal(1, Count(html, z));
        Assert.Contains("figure.data[1].z = figure.data[0].z;", html);

        (string, Func<Tensor, Tensor>)[] opposite = [("a", Predict), ("b", x => (x[.., 1] - x[.., 0]).Sigmoid())];
        var panels = Plot.DecisionBoundaries(X, Y, opposite, resolution: 20);
        var panelData = panels.Json().GetProperty("data");
        string zA = panelData[0].GetProperty("z").GetRawText(), zB = panelData[4].GetProperty("z").GetRawText();
        string panelsHtml = panels.ToHtml(PlotlySource.AlreadyLoaded);
        Assert.Equal(1, Count(panelsHtml, zA));
        Assert.Equal(1, Count(panelsHtml, zB));
        Assert.Contains("figure.data[5].z = figure.data[4].z;", panelsHtml);
    }

    [Fact]
    public void Explorer_keeps_the_legend_and_the_label_clear_of_an_observation_near_the_top()
    {
        // x2 spans 0 … 2, the grid −0.2 … 2.2: an observation at x2 = 2 sits near the top edge of the plot.
        var near = Plot.DecisionBoundaryExplorer(Predict, X, Y, point: (1f, 2f), resolution: 11);
        var layout = near.Json().GetProperty("layout");
        var legend = layout.GetProperty("legend");
        Assert.Equal("top", legend.GetProperty("yanchor").GetString());
        Assert.True(legend.GetProperty("y").GetDouble() < layout.GetProperty("sliders")[0].GetProperty("y").GetDouble(),
                    "the legend hangs under the sliders, away from the plot's top edge");
        Assert.True(layout.GetProperty("annotations")[0].GetProperty("ay").GetDouble() > 0, "near the top the label hangs below the star");

        var low = Plot.DecisionBoundaryExplorer(Predict, X, Y, point: (1f, 0f), resolution: 11).Json().GetProperty("layout");
        Assert.True(low.GetProperty("annotations")[0].GetProperty("ay").GetDouble() < 0, "lower down the label stands above the star");
        Assert.Contains("'annotations[0].ay'", near.Script);   // and the script flips it as the observation moves
    }

    [Fact]
    public void Grid_interpolation_matches_the_grid_at_its_points_and_between_them()
    {
        var grid = new DecisionGrid([0, 1], [0, 1], [[0, 1], [0.5, 0.75]]);
        Assert.Equal(0, grid.At(0, 0));
        Assert.Equal(1, grid.At(1, 0));
        Assert.Equal(0.75, grid.At(1, 1));
        Assert.Equal(0.5, grid.At(0.5, 0));
        Assert.Equal((0.5 + 0.625) / 2, grid.At(0.5, 0.5), 10);
        Assert.Equal(0.75, grid.At(5, 5)); // outside: the nearest edge
    }

    [Fact]
    public void ADatasetNamesTheAxesSlidersAndClasses()
    {
        var x = Tensor.FromArray(new float[,] { { 0, 0 }, { 1, 1 }, { 2, 0 }, { 3, 1 } });
        var y = Tensor.FromArray(new float[] { 0, 1, 0, 1 });
        var data = new TabularDataset("notes", x, y, ["skewness", "entropy"], "test", ["genuine", "forged"]);
        Func<Tensor, Tensor> predict = t => (t[.., 0] - t[.., 1]).Sigmoid();

        using var json = JsonDocument.Parse(Plot.DecisionBoundary(predict, data).ToJson());
        var layout = json.RootElement.GetProperty("layout");
        Assert.Equal("skewness", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("entropy", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        var names = json.RootElement.GetProperty("data").EnumerateArray().Select(t => t.TryGetProperty("name", out var n) ? n.GetString() : null).ToList();
        Assert.Contains("genuine", names);
        Assert.Contains("forged", names);

        var model = new Sequential([new Dense(1, inputShape: [2], activation: "sigmoid")]);
        using var explorer = JsonDocument.Parse(Plot.DecisionBoundaryExplorer(model, data).ToJson());
        var sliders = explorer.RootElement.GetProperty("layout").GetProperty("sliders").EnumerateArray().ToList();
        Assert.Equal(["x1", "x2"], sliders.Select(sl => sl.GetProperty("name").GetString()));   // what the script keys on
        Assert.Equal(["skewness = ", "entropy = "], sliders.Select(sl => sl.GetProperty("currentvalue").GetProperty("prefix").GetString()));

        using var handWritten = JsonDocument.Parse(Plot.DecisionBoundaryExplorer(predict, data, point: (1f, 0f)).ToJson());
        var handSliders = handWritten.RootElement.GetProperty("layout").GetProperty("sliders").EnumerateArray().ToList();
        Assert.Equal(["skewness = ", "entropy = "], handSliders.Select(sl => sl.GetProperty("currentvalue").GetProperty("prefix").GetString()));
        Assert.Equal("entropy", handWritten.RootElement.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());

        var three = new TabularDataset("three", Tensor.Zeros([2, 3]), Tensor.Zeros([2]), ["a", "b", "c"], "test");
        Assert.Contains("needs two features", Assert.Throws<ShapeException>(() => Plot.DecisionBoundary(predict, three)).Message);
    }

    [Fact]
    public void A_dataset_names_the_probability_after_its_positive_class()
    {
        var data = new TabularDataset("notes", X, Y, ["skewness", "entropy"], "test", ["genuine", "forged"]);
        var figure = Plot.DecisionBoundary(Predict, data, point: (1f, 0f), resolution: 11);
        var background = figure.Json().GetProperty("data")[0];
        Assert.Equal("P(forged)", background.GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("P(forged)", background.GetProperty("name").GetString());
        Assert.EndsWith("<br>P(forged) = %{z:.3f}<extra></extra>", background.GetProperty("hovertemplate").GetString());
        var expected = $"P(forged) = {Sigmoid(1):0.000} → forged";
        Assert.Equal(expected, figure.Json().GetProperty("data")[4].GetProperty("text").GetString());
        Assert.Equal(expected, figure.Json().GetProperty("layout").GetProperty("annotations")[0].GetProperty("text").GetString());

        // The explorer's star and label, and its script, which rewrites them as the observation moves.
        var explorer = Plot.DecisionBoundaryExplorer(Predict, data, point: (0f, 2f), resolution: 11);
        var json = explorer.Json();
        Assert.Equal("P(forged)", json.GetProperty("data")[0].GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.StartsWith("P(forged) = 0.1", json.GetProperty("data")[4].GetProperty("text")[0].GetString());
        Assert.EndsWith("→ genuine", json.GetProperty("data")[4].GetProperty("text")[0].GetString());
        Assert.Contains("var text = \"P(forged) = \" + p.toFixed(3) + \" \\u2192 \" + (p >= 0.5 ? \"forged\" : \"genuine\");", explorer.Script);

        // Without class names it stays "class 1".
        var plain = Plot.DecisionBoundaryExplorer(Predict, X, Y, resolution: 11);
        Assert.Equal("P(class 1)", plain.Json().GetProperty("data")[0].GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("var text = \"P(class 1) = \" + p.toFixed(3) + \" \\u2192 \" + (p >= 0.5 ? \"class 1\" : \"class 0\");", plain.Script);
    }

    [Fact]
    public void Explorer_sliders_step_in_round_numbers_over_the_data()
    {
        // The banknotes' skewness (−13.77 … 6.82) and entropy (−8.55 … 2.45): grids −15.83 … 8.88 and −9.65 … 3.55.
        var x = Tensor.FromArray(new float[,] { { -13.7734f, -8.5482f }, { 6.8248f, 2.4495f }, { 0, 0 } });
        var y = Tensor.FromArray(new float[] { 0, 1, 0 });
        Func<Tensor, Tensor> predict = t => (t[.., 0] * 0.1f).Sigmoid();
        var sliders = Plot.DecisionBoundaryExplorer(predict, x, y, resolution: 11).Json().GetProperty("layout").GetProperty("sliders");

        static string[] Labels(JsonElement slider) => slider.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("label").GetString()!).ToArray();
        static double[] Values(JsonElement slider) => slider.GetProperty("steps").EnumerateArray()
            .Select(s => double.Parse(s.GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        // 24.7 / 40 rounds up to steps of 1; 13.2 / 40 to steps of 0.5. Both cover the data and stay on the grid.
        Assert.Equal(Enumerable.Range(-15, 24).Select(v => (double)v), Values(sliders[0]));
        Assert.Equal("\u221215", Labels(sliders[0])[0]);
        Assert.Equal("8", Labels(sliders[0])[^1]);
        Assert.Equal(Enumerable.Range(-19, 27).Select(v => v / 2.0), Values(sliders[1]));
        Assert.Equal(["\u22129.5", "\u22129", "\u22128.5"], Labels(sliders[1])[..3]);
        // The observation starts on the round step nearest the middle, and the slider shows it there.
        Assert.Equal(-3, Values(sliders[0])[sliders[0].GetProperty("active").GetInt32()]);   // middle −3.47
        Assert.Equal(-3, Values(sliders[1])[sliders[1].GetProperty("active").GetInt32()]);   // middle −3.05

        // A start between the steps becomes a step of its own, so the slider shows exactly where the star is.
        var json = Plot.DecisionBoundaryExplorer(predict, x, y, point: (1.25f, 2f), resolution: 11).Json();
        var moved = json.GetProperty("layout").GetProperty("sliders");
        int active = moved[0].GetProperty("active").GetInt32();
        Assert.Equal(1.25, Values(moved[0])[active]);
        Assert.Equal("1.25", Labels(moved[0])[active]);
        Assert.Equal([1, 1.25, 2], Values(moved[0])[(active - 1)..(active + 2)]);
        Assert.Equal(25, Values(moved[0]).Length);
        Assert.Equal(1.25, json.GetProperty("data")[4].GetProperty("x")[0].GetDouble());
        Assert.Equal(27, Values(moved[1]).Length);   // 2 is a step already
        Assert.Equal(2, Values(moved[1])[moved[1].GetProperty("active").GetInt32()]);
    }
}
