namespace CourseKit.Tests.Plots;

public class SimplePlotsTests
{
    [Fact]
    public void Scatter_of_points_coloured_by_class_has_one_trace_per_class()
    {
        Tensor points = new float[,] { { 0, 1 }, { 2, 3 }, { 4, 5 } };
        var figure = Plot.Scatter(points, new float[] { 1, 0, 1 });
        Assert.Equal(2, figure.Traces.Count);
        var class1 = figure.Trace(1);
        Assert.Equal("class 1", class1.GetProperty("name").GetString());
        Assert.Equal([0, 4], class1.GetProperty("x").Numbers());
        Assert.Equal([1, 5], class1.GetProperty("y").Numbers());
        Assert.Equal("markers", class1.GetProperty("mode").GetString());
        Assert.NotEqual(figure.Trace(0).GetProperty("marker").GetProperty("color").GetString(), class1.GetProperty("marker").GetProperty("color").GetString());
    }

    [Fact]
    public void Scatter_of_vectors_with_continuous_colour_uses_a_colour_scale()
    {
        var figure = Plot.Scatter(new float[] { 1, 2, 3 }, new float[] { 4, 5, 6 }, color: new float[] { 0.1f, 0.5f, 0.9f });
        var marker = figure.Trace(0).GetProperty("marker");
        Assert.Equal([0.1, 0.5, 0.9], marker.GetProperty("color").Numbers());
        Assert.True(marker.GetProperty("showscale").GetBoolean());

        var error = Assert.Throws<ArgumentException>(() => Plot.Scatter(new float[] { 1, 2 }, new float[] { 1, 2, 3 }));
        Assert.Contains("2 values but y has 3", error.Message);
        error = Assert.Throws<ArgumentException>(() => Plot.Scatter(Tensor.Zeros([4, 3])));
        Assert.Contains("(4, 3)", error.Message);
    }

    [Fact]
    public void Line_against_index_x_or_several_series()
    {
        Assert.Equal([0, 1, 2], Plot.Line(new float[] { 5, 6, 7 }).Trace(0).GetProperty("x").Numbers());
        var figure = Plot.Line(new float[] { 1, 2 }, new float[] { 3, 4 }, name: "up");
        Assert.Equal([1, 2], figure.Trace(0).GetProperty("x").Numbers());
        Assert.Equal("up", figure.Trace(0).GetProperty("name").GetString());

        var several = Plot.Line(new Dictionary<string, Tensor> { ["a"] = new float[] { 1, 2 }, ["b"] = new float[] { 3, 4 } });
        Assert.Equal(["a", "b"], several.Traces.Select(t => t.Name));
        Assert.True(several.Layout.ShowLegend);
        var error = Assert.Throws<ArgumentException>(() => Plot.Line(new Dictionary<string, Tensor> { ["a"] = new float[] { 1, 2 }, ["b"] = new float[] { 3 } }));
        Assert.Contains("series \"b\" has 1 values", error.Message);
    }

    [Fact]
    public void Histogram_counts_every_value_in_exact_bins()
    {
        var figure = Plot.Histogram(new float[,] { { 0, 1 }, { 2, 10 } }, bins: 5);
        var trace = figure.Trace(0);
        Assert.Equal("histogram", trace.GetProperty("type").GetString());
        Assert.Equal([0, 1, 2, 10], trace.GetProperty("x").Numbers());
        Assert.Equal(5, trace.GetProperty("nbinsx").GetInt32());
        // Bins of 2 from 0 would put 10 on the last edge, outside every bin: the width is a hair wider.
        Assert.Equal(2.00001, trace.GetProperty("xbins").GetProperty("size").GetDouble());
        Assert.Equal(0, trace.GetProperty("xbins").GetProperty("start").GetDouble());
        Assert.Throws<ArgumentOutOfRangeException>(() => Plot.Histogram(new float[] { 1 }, bins: 0));
    }

    [Fact]
    public void Histogram_bins_as_written_to_json_hold_the_smallest_and_largest_value()
    {
        // The JSON keeps 6 significant digits: bins from exactly min to exactly max lost the largest value (it sat on
        // the last edge, which bins do not include) or the smallest (a start rounded up past it).
        var values = new float[] { -3.3087412f, -1.2345678f, 0.1234567f, 2.2222222f, 3.4850637f };
        var bins = Plot.Histogram(values, bins: 30).Trace(0).GetProperty("xbins");
        var written = new HistogramBins { Start = bins.GetProperty("start").GetDouble(), End = bins.GetProperty("end").GetDouble(), Size = bins.GetProperty("size").GetDouble() };
        var counted = CourseKit.Plots.Svg.HistogramBinning.Compute(values.Select(v => (double)v).ToArray(), 30, written, null);
        Assert.Equal(5, counted.Counts.Sum());
        Assert.Equal(30, counted.Counts.Length);    // first and last bin hold the smallest and largest value
    }

    [Fact]
    public void Heatmap_puts_row_zero_on_top_and_can_annotate()
    {
        var figure = Plot.Heatmap(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, annotate: true);
        var trace = figure.Trace(0);
        Assert.Equal([4, 5, 6], trace.GetProperty("z")[1].Numbers());
        Assert.Equal("6", trace.GetProperty("text")[1][2].GetString());
        Assert.Equal("reversed", figure.Json().GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString());
        var error = Assert.Throws<ArgumentException>(() => Plot.Heatmap(new float[] { 1, 2 }));
        Assert.Contains("Reshape(1, 2)", error.Message);
    }

    [Fact]
    public void Heatmap_axes_are_row_and_column_unless_the_caller_names_them()
    {
        var plain = Plot.Heatmap(new float[,] { { 1, 2 } }).Json();
        Assert.Equal("column", plain.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("row", plain.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());

        var named = Plot.Heatmap(new float[,] { { 1, 2 } }, xLabel: "unit", yLabel: "training step");
        var layout = named.Json().GetProperty("layout");
        Assert.Equal("unit", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("training step", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("training step %{y}, unit %{x}: %{z:.4g}<extra></extra>", named.Trace(0).GetProperty("hovertemplate").GetString());
    }
}
