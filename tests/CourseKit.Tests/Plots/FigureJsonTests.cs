using System.Text.Json;

namespace CourseKit.Tests.Plots;

public class FigureJsonTests
{
    [Fact]
    public void Scatter_uses_plotly_property_names_and_leaves_out_unset_ones()
    {
        var figure = new Figure(new Scatter
        {
            Name = "train",
            Mode = "lines+markers",
            X = new[] { 1.0, 2.0, 3.0 },
            Y = new[] { 0.5f, 0.25f, 0.125f },
            HoverTemplate = "%{y}<extra></extra>",
            ShowLegend = false,
            LegendGroup = "g",
            XAxis = "x2",
            YAxis = "y2",
            Marker = new Marker { Color = "red", Symbol = "x", Size = 8, ColorScale = "Viridis" },
            Line = new LineStyle { Color = "blue", Width = 2, Dash = "dash" },
            Text = new[] { "a", "b", "c" },
        });

        var trace = figure.Trace(0);

        Assert.Equal("type", trace.PropertyNames()[0]);
        Assert.Equal("scatter", trace.GetProperty("type").GetString());
        Assert.Equal("lines+markers", trace.GetProperty("mode").GetString());
        Assert.Equal([1, 2, 3], trace.GetProperty("x").Numbers());
        Assert.Equal([0.5, 0.25, 0.125], trace.GetProperty("y").Numbers());
        Assert.Equal("%{y}<extra></extra>", trace.GetProperty("hovertemplate").GetString());
        Assert.False(trace.GetProperty("showlegend").GetBoolean());
        Assert.Equal("g", trace.GetProperty("legendgroup").GetString());
        Assert.Equal("x2", trace.GetProperty("xaxis").GetString());
        Assert.Equal("y2", trace.GetProperty("yaxis").GetString());
        var marker = trace.GetProperty("marker");
        Assert.Equal("red", marker.GetProperty("color").GetString());
        Assert.Equal("x", marker.GetProperty("symbol").GetString());
        Assert.Equal(8, marker.GetProperty("size").GetDouble());
        Assert.Equal("Viridis", marker.GetProperty("colorscale").GetString());
        Assert.Equal(["color", "symbol", "size", "colorscale"], marker.PropertyNames());
        var line = trace.GetProperty("line");
        Assert.Equal("dash", line.GetProperty("dash").GetString());
        Assert.Equal(2, line.GetProperty("width").GetDouble());
        Assert.Equal(["a", "b", "c"], trace.GetProperty("text").Strings());
        Assert.False(trace.TryGetProperty("opacity", out _));
        Assert.False(trace.TryGetProperty("fill", out _));
    }

    [Fact]
    public void Figure_json_has_data_layout_config_and_frames_only_when_given()
    {
        var figure = new Figure(new Bar { X = new[] { "cat", "dog" }, Y = new[] { 3, 5 } });
        var json = figure.Json();
        Assert.Equal(["data", "layout", "config"], json.PropertyNames());
        Assert.False(json.GetProperty("config").GetProperty("displaylogo").GetBoolean());
        Assert.True(json.GetProperty("config").GetProperty("responsive").GetBoolean());

        figure.Frames = [new FigureFrame { Name = "f0", Data = [new Bar { Y = new[] { 1, 2 } }], Traces = [0] }];
        figure.Config = null;
        json = figure.Json();
        Assert.Equal(["data", "layout", "frames"], json.PropertyNames());
        var frame = json.GetProperty("frames")[0];
        Assert.Equal("f0", frame.GetProperty("name").GetString());
        Assert.Equal("bar", frame.GetProperty("data")[0].GetProperty("type").GetString());
        Assert.Equal([0], frame.GetProperty("traces").Numbers());
    }

    [Fact]
    public void Bar_histogram_heatmap_contour_and_image_write_their_own_fields()
    {
        var figure = new Figure(
            new Bar { X = new[] { "a", "b" }, Y = new[] { 1.0, 2.0 }, Orientation = "v" },
            new Histogram { X = new[] { 1.0, 2.0, 2.5 }, NBinsX = 7, XBins = new HistogramBins { Start = 0, End = 3, Size = 0.5 } },
            new Heatmap
            {
                Z = [[1, 2], [3, 4]], X = new[] { "p0", "p1" }, Y = new[] { "t0", "t1" }, ColorScale = "Blues", ZMin = 0, ZMax = 4,
                Text = [["1", "2"], ["3", "4"]], TextTemplate = "%{text}", ShowScale = false,
            },
            new Contour
            {
                Z = [[0, 0.5], [0.5, 1]], X = new[] { 0.0, 1.0 }, Y = new[] { 0.0, 1.0 }, Opacity = 0.8, ShowScale = true,
                Contours = new ContourLevels { Start = 0, End = 1, Size = 0.1, Coloring = "heatmap" },
                ColorScale = ColorScale.FromStops((0, "blue"), (1, "red")),
            },
            ImageTrace.FromGrey([[0, 255]]));

        var data = figure.Json().GetProperty("data");
        Assert.Equal(["bar", "histogram", "heatmap", "contour", "image"], data.EnumerateArray().Select(t => t.GetProperty("type").GetString()));

        Assert.Equal(["a", "b"], data[0].GetProperty("x").Strings());
        Assert.Equal(7, data[1].GetProperty("nbinsx").GetInt32());
        Assert.Equal(0.5, data[1].GetProperty("xbins").GetProperty("size").GetDouble());

        var heatmap = data[2];
        Assert.Equal(4, heatmap.GetProperty("z")[1][1].GetDouble());
        Assert.Equal("Blues", heatmap.GetProperty("colorscale").GetString());
        Assert.Equal(0, heatmap.GetProperty("zmin").GetDouble());
        Assert.Equal(4, heatmap.GetProperty("zmax").GetDouble());
        Assert.Equal("%{text}", heatmap.GetProperty("texttemplate").GetString());
        Assert.Equal("3", heatmap.GetProperty("text")[1][0].GetString());
        Assert.False(heatmap.GetProperty("showscale").GetBoolean());

        var contour = data[3];
        var levels = contour.GetProperty("contours");
        Assert.Equal(["start", "end", "size", "coloring"], levels.PropertyNames());
        Assert.Equal("heatmap", levels.GetProperty("coloring").GetString());
        Assert.Equal(0.8, contour.GetProperty("opacity").GetDouble());
        var stops = contour.GetProperty("colorscale");
        Assert.Equal(JsonValueKind.Array, stops.ValueKind);
        Assert.Equal(1, stops[1][0].GetDouble());
        Assert.Equal("red", stops[1][1].GetString());

        var pixel = data[4].GetProperty("z")[0][1];
        Assert.Equal([255, 255, 255], pixel.Numbers());
    }

    [Fact]
    public void Layout_writes_titles_as_objects_extra_axes_and_plotly_spellings()
    {
        var layout = FigureLayout.Clean("Loss");
        layout.XAxis = new Axis { Title = "epoch", Range = [0, 10], ShowGrid = false, ZeroLine = false, ShowTickLabels = true };
        layout.YAxisAt(2).AutoRange = "reversed";
        layout.YAxisAt(2).ScaleAnchor = "x2";
        layout.XAxisAt(2).Domain = [0.5, 1];
        layout.Grid = new LayoutGrid { Rows = 1, Columns = 2, Pattern = "independent" };
        layout.Shapes = [new PlotShape { Type = "line", X0 = 0, X1 = 1, Y0 = 0, Y1 = 1 }];
        layout.Sliders = [new PlotSlider { Name = "s", Steps = [new SliderStep { Method = "animate", Args = [new[] { "f0" }, new { mode = "immediate" }], Label = "0" }] }];
        layout.UpdateMenus = [new UpdateMenu { Type = "buttons", Buttons = [new MenuButton { Label = "Play", Method = "animate", Args = [null] }] }];
        var json = new Figure { Layout = layout }.Json().GetProperty("layout");

        Assert.Equal("Loss", json.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("white", json.GetProperty("plot_bgcolor").GetString());
        Assert.Equal("closest", json.GetProperty("hovermode").GetString());
        var xaxis = json.GetProperty("xaxis");
        Assert.Equal("epoch", xaxis.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal([0, 10], xaxis.GetProperty("range").Numbers());
        Assert.False(xaxis.GetProperty("showgrid").GetBoolean());
        Assert.False(xaxis.GetProperty("zeroline").GetBoolean());
        Assert.True(xaxis.GetProperty("showticklabels").GetBoolean());
        Assert.Equal("reversed", json.GetProperty("yaxis2").GetProperty("autorange").GetString());
        Assert.Equal("x2", json.GetProperty("yaxis2").GetProperty("scaleanchor").GetString());
        Assert.Equal([0.5, 1], json.GetProperty("xaxis2").GetProperty("domain").Numbers());
        Assert.Equal("independent", json.GetProperty("grid").GetProperty("pattern").GetString());
        Assert.Equal("line", json.GetProperty("shapes")[0].GetProperty("type").GetString());
        var step = json.GetProperty("sliders")[0].GetProperty("steps")[0];
        Assert.Equal("f0", step.GetProperty("args")[0][0].GetString());
        Assert.Equal("immediate", step.GetProperty("args")[1].GetProperty("mode").GetString());
        Assert.Equal("Play", json.GetProperty("updatemenus")[0].GetProperty("buttons")[0].GetProperty("label").GetString());
        Assert.Same(layout.XAxisAt(2), layout.XAxisAt(2));
        Assert.Same(layout.XAxis, layout.XAxisAt(1));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3, "0.333333")]
    [InlineData(60000, "60000")]
    [InlineData(-2, "-2")]
    [InlineData(123456.789, "123457")]
    [InlineData(0.000012345678, "1.23457E-05")]
    public void Numbers_are_written_with_six_significant_digits_and_whole_numbers_exactly(double value, string expected)
    {
        Assert.Equal(expected, PlotJson.CompactNumber(value));
        var json = new Figure(new Scatter { Y = new[] { value } }).ToJson();
        Assert.Contains($"\"y\":[{expected}]", json);
        double parsed = JsonDocument.Parse(json).RootElement.GetProperty("data")[0].GetProperty("y")[0].GetDouble();
        Assert.True(Math.Abs(parsed - value) <= 5e-6 * Math.Abs(value), $"{parsed} is not {value} to 6 significant digits");
    }

    [Fact]
    public void Floats_keep_their_short_decimal_form_and_NaN_becomes_null()
    {
        var json = new Figure(new Scatter { Y = new[] { 0.1f, float.NaN, 2.5f, float.PositiveInfinity } }).ToJson();
        Assert.Contains("\"y\":[0.1,null,2.5,null]", json);
    }

    [Fact]
    public void Ten_thousand_points_stay_small()
    {
        var random = new Random(1);
        var xs = Enumerable.Range(0, 10_000).Select(_ => random.NextDouble()).ToArray();
        var json = new Figure(new Scatter { X = xs, Y = xs, Mode = "markers" }).ToJson();
        Assert.True(json.Length < 10_000 * 2 * 10, $"JSON of 20,000 numbers took {json.Length} characters");
    }

    [Fact]
    public void Html_sensitive_characters_are_escaped_but_unicode_kept()
    {
        var json = new Figure { Layout = FigureLayout.Clean("</script><b>σ → ŷ</b>") }.ToJson();
        Assert.DoesNotContain("</script>", json);
        Assert.Contains("σ → ŷ", json);
        Assert.Equal("</script><b>σ → ŷ</b>", JsonDocument.Parse(json).RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Extra_properties_reach_the_json()
    {
        var figure = new Figure(new Scatter { Y = new[] { 1.0 }, Extra = new() { ["cliponaxis"] = false } });
        figure.Layout.Extra = new() { ["bargap"] = 0.1 };
        var json = figure.Json();
        Assert.False(json.GetProperty("data")[0].GetProperty("cliponaxis").GetBoolean());
        Assert.Equal(0.1, json.GetProperty("layout").GetProperty("bargap").GetDouble());
    }

    [Fact]
    public void ToString_names_the_title_and_each_trace_with_its_size()
    {
        var figure = new Figure(new Scatter { X = new[] { 1.0, 2, 3 }, Y = new[] { 1.0, 2, 3 } }, new Heatmap { Z = [[1, 2, 3], [4, 5, 6]] });
        figure.Layout.Title = "Demo";
        Assert.Equal("Figure \"Demo\": scatter (3 points), heatmap (2×3)", figure.ToString());
        Assert.Equal("Figure: no traces", new Figure().ToString());
    }

    [Fact]
    public void ColorScale_rejects_too_few_colours()
    {
        var error = Assert.Throws<ArgumentException>(() => ColorScale.Through("red"));
        Assert.Contains("at least two colours", error.Message);
    }
}

public class FigureDescriptionTests
{
    [Fact]
    public void Runs_of_identical_traces_are_counted()
    {
        var figure = new Figure(
            new Scatter { Y = new[] { 1.0, 2 } }, new Scatter { Y = new[] { 3.0, 4 } }, new Scatter { Y = new[] { 5.0, 6 } },
            new Bar { Y = new[] { 1.0 } });
        Assert.Equal("Figure: scatter (2 points) ×3, bar (1 bar)", figure.ToString());
    }
}
