using System.Globalization;
using System.Xml.Linq;
using CourseKit.Plots.Svg;
using static CourseKit.Tests.Plots.Svg.SvgTestHelpers;

namespace CourseKit.Tests.Plots.Svg;

public class FigureSvgTests
{
    [Fact]
    public void The_picture_has_the_layout_size_as_view_box_and_scales_with_the_page()
    {
        var svg = new Figure(new Scatter { X = new[] { 1.0, 2 }, Y = new[] { 3.0, 4 } }).Svg();
        Assert.Equal("0 0 700 450", svg.Attr("viewBox"));      // plotly's default size
        Assert.Equal("100%", svg.Attr("width"));
        Assert.Contains("max-width:700px", svg.Attr("style"));
        Assert.Contains("height:auto", svg.Attr("style"));

        var sized = new Figure { Layout = { Width = 300, Height = 200 } }.Svg();
        Assert.Equal("0 0 300 200", sized.Attr("viewBox"));
    }

    [Fact]
    public void Data_points_land_on_the_pixels_of_the_axis_ranges()
    {
        // x 0..10 over 50–650 px (60 px per unit), y 0..10 over 400–50 px (35 px per unit, upwards).
        var figure = Framed(new Scatter { X = new[] { 0.0, 5, 10, 2.5 }, Y = new[] { 0.0, 5, 10, 1.3 }, Mode = "lines" });
        figure.Layout.XAxis = new Axis { Range = [0, 10] };
        figure.Layout.YAxis = new Axis { Range = [0, 10] };
        var line = figure.Svg().TraceGroups()[0].Element(Ns + "path")!;
        Assert.Equal("M50,400L350,225L650,50L200,354.5", line.Attr("d"));
    }

    [Fact]
    public void Numbers_are_written_with_a_decimal_point_whatever_the_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var figure = Framed(new Scatter { X = new[] { 0.0, 2.5 }, Y = new[] { 0.0, 1.3 }, Mode = "lines" });
            figure.Layout.XAxis = new Axis { Range = [0, 10] };
            figure.Layout.YAxis = new Axis { Range = [0, 10] };
            Assert.Equal("M50,400L200,354.5", figure.Svg().TraceGroups()[0].Element(Ns + "path")!.Attr("d"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void A_missing_value_breaks_the_line_into_two_pieces()
    {
        var figure = Framed(new Scatter { X = new[] { 0.0, 2.5, 5, 10 }, Y = new[] { 0.0, double.NaN, 10, 5 }, Mode = "lines" });
        figure.Layout.XAxis = new Axis { Range = [0, 10] };
        figure.Layout.YAxis = new Axis { Range = [0, 10] };
        var d = figure.Svg().TraceGroups()[0].Element(Ns + "path")!.Attr("d");
        Assert.Equal("M50,400M350,50L650,225", d);
        Assert.Equal(2, d.Count(c => c == 'M'));
    }

    [Fact]
    public void Automatic_ranges_pad_lines_by_5_percent_in_y_only_and_markers_by_their_radius_too()
    {
        // Lines only: x exactly 0..10 (600 px); y padded 5 % of 350 px at each end: 17.5 px, so 0 sits at 382.5.
        var lines = Framed(new Scatter { X = new[] { 0.0, 10 }, Y = new[] { 0.0, 10 }, Mode = "lines" });
        Assert.Equal("M50,382.5L650,67.5", lines.Svg().TraceGroups()[0].Element(Ns + "path")!.Attr("d"));

        // Markers of size 10: 5 px + 5 % of 600 px = 35 px room in x; 5 + 17.5 = 22.5 px in y.
        var markers = Framed(new Scatter { X = new[] { 0.0, 10 }, Y = new[] { 0.0, 10 }, Mode = "markers", Marker = new Marker { Size = 10, Symbol = "square" } });
        var d = markers.Svg().TraceGroups()[0].Descendants(Ns + "path").Single().Attr("d");
        Assert.Equal("M90,382.5H80V372.5H90ZM620,77.5H610V67.5H620Z", d);   // squares around (85, 377.5) and (615, 72.5)
    }

    [Fact]
    public void Bars_are_rectangles_from_zero_to_their_value()
    {
        // Categories a, b: slots of 300 px (range −0.5..1.5), bars 0.8 of a slot (bargap 0.2): 240 px wide.
        var figure = Framed(new Bar { X = new[] { "a", "b" }, Y = new[] { 2.0, 4 } });
        figure.Layout.YAxis = new Axis { Range = [0, 10] };
        var bars = figure.Svg().TraceGroups()[0].Elements(Ns + "rect").ToList();
        Assert.Equal([80, 380], bars.Select(b => b.Number("x")));
        Assert.Equal([240, 240], bars.Select(b => b.Number("width")));
        Assert.Equal([70, 140], bars.Select(b => b.Number("height")));
        Assert.Equal([330, 260], bars.Select(b => b.Number("y")));
        Assert.Equal("#1f77b4", bars[0].Attr("fill"));   // plotly.js's first trace colour
    }

    [Fact]
    public void Grouped_bars_share_a_slot_and_stacked_bars_start_where_the_previous_ended()
    {
        Trace First() => new Bar { X = new[] { "a" }, Y = new[] { 2.0 } };
        Trace Second() => new Bar { X = new[] { "a" }, Y = new[] { 4.0 } };

        var grouped = Framed(First(), Second());
        grouped.Layout.ShowLegend = false;
        grouped.Layout.YAxis = new Axis { Range = [0, 10] };
        var groups = grouped.Svg().TraceGroups();
        // One slot of 600 px; two bars of 0.4 slot = 240 px side by side, starting 60 px in.
        Assert.Equal([110, 350], groups.Select(g => g.Element(Ns + "rect")!.Number("x")));
        Assert.Equal([240, 240], groups.Select(g => g.Element(Ns + "rect")!.Number("width")));
        Assert.Equal("#ff7f0e", groups[1].Element(Ns + "rect")!.Attr("fill"));

        var stacked = Framed(First(), Second());
        stacked.Layout.ShowLegend = false;
        stacked.Layout.BarMode = "stack";
        stacked.Layout.YAxis = new Axis { Range = [0, 10] };
        var rects = stacked.Svg().TraceGroups().Select(g => g.Element(Ns + "rect")!).ToList();
        Assert.Equal([330, 190], rects.Select(r => r.Number("y")));       // 0..2 and 2..6
        Assert.Equal([70, 140], rects.Select(r => r.Number("height")));
    }

    [Fact]
    public void Heatmap_cells_take_their_colour_from_the_scale()
    {
        var figure = Framed(new Heatmap { Z = [[0, 5, 10]], ColorScale = ColorScale.Through("#000000", "#ffffff"), ZMin = 0, ZMax = 10, ShowScale = false });
        var cells = figure.Svg().TraceGroups()[0].Descendants(Ns + "rect").ToList();
        Assert.Equal(["#000000", "#808080", "#ffffff"], cells.Select(c => c.Attr("fill")));   // 127.5 rounds to 128
        Assert.Equal([200, 200, 200], cells.Select(c => c.Number("width")));                   // 600 px / 3 cells

        // plotly's "Blues" has the stop rgb(70,100,245) at 0.5, and rgb(106,137,247) at 0.7.
        var blues = Framed(new Heatmap { Z = [[0, 0.5, 0.7, 1]], ColorScale = "Blues" });
        Assert.Equal(["#050aac", "#4664f5", "#6a89f7", "#dcdcdc"], blues.Svg().TraceGroups()[0].Descendants(Ns + "rect").Select(c => c.Attr("fill")));
    }

    [Fact]
    public void Heatmap_texts_are_written_in_each_cell_in_a_colour_that_stands_out()
    {
        var figure = Framed(new Heatmap { Z = [[0, 10]], Text = [["none", "many"]], TextTemplate = "%{text}: %{z}", ColorScale = ColorScale.Through("#000000", "#ffffff") });
        var texts = figure.Svg().TraceGroups()[0].Descendants(Ns + "text").ToList();
        Assert.Equal(["none: 0", "many: 10"], texts.Select(t => t.Value));
        Assert.Equal(["#fff", "#444"], texts.Select(t => t.Attr("fill")));   // white on black, dark grey on white
    }

    [Fact]
    public void A_large_grid_is_one_embedded_png_with_sharp_pixels()
    {
        var z = Enumerable.Range(0, 100).Select(r => Enumerable.Range(0, 100).Select(c => (double)(r + c)).ToArray()).ToArray();
        var group = Framed(new Heatmap { Z = z, ShowScale = false }).Svg().TraceGroups()[0];
        Assert.Empty(group.Descendants(Ns + "rect"));
        var image = Assert.Single(group.Descendants(Ns + "image"));
        Assert.StartsWith("data:image/png;base64,", (string?)image.Attribute(XName.Get("href", "http://www.w3.org/1999/xlink")));
        Assert.Equal("image-rendering:pixelated", image.Attr("style"));
        Assert.Equal(600, image.Number("width"));
    }

    [Fact]
    public void Contour_lines_cross_where_the_values_reach_the_level()
    {
        // z = column, level 0.5: one segment half way between the columns, from bottom to top.
        var segments = ContourLines.Segments([0, 1], [0, 1], (row, column) => column, 0.5);
        var (from, to) = Assert.Single(segments);
        Assert.Equal((0.5, 0.0), from);
        Assert.Equal((0.5, 1.0), to);

        // A saddle (high corners bottom-left and top-right, centre 0.5 ≥ 0.4) keeps the high corners joined.
        var saddle = ContourLines.Segments([0, 1], [0, 1], (row, column) => row == column ? 1 : 0, 0.4);
        Assert.Equal(2, saddle.Count);
    }

    [Fact]
    public void Contour_segments_of_neighbouring_squares_join_into_one_line()
    {
        // z = column on three rows: the level 0.5 crosses both squares of the first column pair, bottom to top.
        var segments = ContourLines.Segments([0, 1, 2], [0, 1, 2], (row, column) => column, 0.5);
        Assert.Equal(2, segments.Count);
        var line = Assert.Single(ContourLines.Join(segments));
        Assert.Equal([(0.5, 0.0), (0.5, 1.0), (0.5, 2.0)], line.OrderBy(p => p.Y));
    }

    [Fact]
    public void A_contour_draws_its_levels_as_paths_in_the_plot()
    {
        // z = x on a 0..4 grid with levels 1, 2, 3: three vertical lines at x = 1, 2, 3 → 200, 350, 500 px.
        var xs = new[] { 0.0, 1, 2, 3, 4 };
        var contour = new Contour
        {
            X = xs, Y = xs, Z = xs.Select(_ => xs.ToArray()).ToArray(),
            Contours = new ContourLevels { Start = 1, End = 3, Size = 1, Coloring = "none" },
        };
        var figure = Framed(contour);
        figure.Layout.Width = 800;   // plot 50–750: 175 px per unit
        var paths = figure.Svg().TraceGroups()[0].Elements(Ns + "path").ToList();
        Assert.Equal(3, paths.Count);
        Assert.All(paths.Zip([225.0, 400, 575]), p => Assert.StartsWith($"M{p.Second.ToString(CultureInfo.InvariantCulture)},", p.First.Attr("d")));
    }

    [Fact]
    public void The_legend_lists_the_traces_that_have_an_entry()
    {
        var figure = new Figure(
            new Scatter { Name = "train", Y = new[] { 1.0, 2 } },
            new Scatter { Name = "hidden", Y = new[] { 1.0, 2 }, ShowLegend = false },
            new Bar { Name = "counts", Y = new[] { 1.0, 2 } },
            new Heatmap { Name = "map", Z = [[1.0]] });   // heatmaps have no entry unless asked
        Assert.Equal(["train", "counts"], figure.Svg().Descendants(Ns + "g").Single(g => (string?)g.Attribute("class") == "legend").Descendants(Ns + "text").Select(t => t.Value));

        // One trace: no legend, unless it asks for its entry.
        Assert.DoesNotContain(new Figure(new Scatter { Name = "only", Y = new[] { 1.0 } }).Svg().Descendants(Ns + "g"), g => (string?)g.Attribute("class") == "legend");
        Assert.Contains(new Figure(new Scatter { Name = "only", Y = new[] { 1.0 }, ShowLegend = true }).Svg().Descendants(Ns + "g"), g => (string?)g.Attribute("class") == "legend");
    }

    [Fact]
    public void Long_legend_names_are_drawn_whole_inside_the_picture()
    {
        // Notebook 14's bowl: five paths named like "momentum η=0.01" beside a chart with the course's 13 px font.
        var names = new[] { "SGD η=0.09", "momentum η=0.01", "Nesterov η=0.01", "RMSprop η=0.3", "Adam η=0.5" };
        var figure = new Figure(names.Select(n => (Trace)new Scatter { Name = n, X = new[] { -4.0, 0 }, Y = new[] { 1.5, 0 } }).ToArray())
        {
            Layout = FigureLayout.Clean("paths"),
        };
        var svg = figure.Svg();
        var texts = svg.Descendants(Ns + "g").Single(g => (string?)g.Attribute("class") == "legend").Descendants(Ns + "text").ToList();
        Assert.Equal(names, texts.Select(t => t.Value));
        // In DejaVu Sans (Linux's sans-serif, wider than Arial or Segoe UI) "momentum η=0.01" is, in font units of
        // 2,048 per em: 3 × m 1,995, o 1,253, e 1,260, n 1,298, t 803, u 1,298, space 651, η 1,298, = 1,716,
        // 2 × 0 1,303, . 651, 1 1,303 = 20,122 units, 127.7 px at 13 px. It must end inside the picture.
        var momentum = texts.Single(t => t.Value == "momentum η=0.01");
        double width = double.Parse(svg.Attr("viewBox").Split(' ')[2], CultureInfo.InvariantCulture);
        Assert.True(momentum.Number("x") + 127.7 <= width, $"the label ends at {momentum.Number("x") + 127.7:F1} px, the picture is {width} px wide");
    }

    [Fact]
    public void Stacked_bars_list_their_legend_top_down_as_plotly_does()
    {
        var figure = new Figure(new Bar { Name = "p", Y = new[] { 1.0 } }, new Bar { Name = "q", Y = new[] { 2.0 } }) { Layout = { BarMode = "stack" } };
        Assert.Equal(["q", "p"], figure.Svg().Descendants(Ns + "g").Single(g => (string?)g.Attribute("class") == "legend").Descendants(Ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void Long_category_names_are_turned_so_they_do_not_overlap()
    {
        string[] Transforms(params string[] names) =>
            Framed(new Bar { X = names, Y = names.Select(_ => 1.0).ToArray() }).Svg().Descendants(Ns + "text")
                .Where(t => names.Contains(t.Value)).Select(t => (string?)t.Attribute("transform") ?? "").ToArray();

        Assert.All(Transforms("a", "b", "c"), t => Assert.Equal("", t));                       // 200 px apart: upright
        var turned = Transforms("a rather long category name indeed", "another long category name", "and a third one");
        Assert.All(turned, t => Assert.StartsWith("rotate(30 ", t));                             // 200 px apart: room for 30°
        var many = Enumerable.Range(0, 30).Select(i => $"category number {i}").ToArray();
        Assert.All(Transforms(many), t => Assert.StartsWith("rotate(90 ", t));                   // 20 px apart: upright text
    }

    [Fact]
    public void Titles_are_escaped_and_readable()
    {
        var figure = new Figure(new Scatter { Name = "x<y & \"z\"", Y = new[] { 1.0 }, ShowLegend = true }) { Layout = FigureLayout.Clean("a < b & c > d") };
        figure.Layout.XAxis = new Axis { Title = "x<sup>2</sup> & more" };
        var raw = figure.ToSvg();
        Assert.Contains("a &lt; b &amp; c &gt; d", raw);
        var svg = XDocument.Parse(raw).Root!;
        Assert.Equal("a < b & c > d", svg.Texts("title").Single());
        Assert.Equal("x2 & more", svg.Texts("axis-title").Single());          // plotly's <sup> tag is dropped, "&" kept
        Assert.Contains("x<y & \"z\"", svg.Texts());
        Assert.Equal("a < b & c > d", svg.Element(Ns + "title")!.Value);
    }

    [Fact]
    public void An_empty_figure_is_an_empty_frame_with_its_title_and_plotlys_default_ranges()
    {
        var svg = new Figure { Layout = FigureLayout.Clean("Nothing yet") }.Svg();
        Assert.Empty(svg.TraceGroups());
        Assert.Equal(["Nothing yet"], svg.Texts("title"));
        var labels = svg.Texts();
        Assert.Contains("6", labels);     // x from −1 to 6
        Assert.Contains("4", labels);     // y from −1 to 4
    }

    [Fact]
    public void Log_axes_put_ticks_on_powers_of_ten()
    {
        var figure = new Figure(new Scatter { X = new[] { 1.0, 10, 100, 1000, 100000 }, Y = new[] { 1.0, 2, 3, 4, 5 } });
        figure.Layout.XAxis = new Axis { Type = "log" };
        var labels = figure.Svg().Texts();
        Assert.Contains("10", labels);
        Assert.Contains("1000", labels);
        Assert.Contains("100k", labels);
    }

    [Fact]
    public void A_reversed_axis_puts_the_first_row_at_the_top()
    {
        var figure = Framed(new Heatmap { Z = [[1.0], [2.0]] });
        figure.Layout.YAxis = new Axis { AutoRange = "reversed" };
        var rows = figure.Svg().TraceGroups()[0].Descendants(Ns + "rect").Select(r => r.Number("y")).ToList();
        Assert.Equal([50, 225], rows);
    }

    [Fact]
    public void Image_pixels_are_square_and_the_first_row_is_on_top()
    {
        var image = new ImageTrace { Z = [[[255, 0, 0], [0, 255, 0]], [[0, 0, 255], [255, 255, 255]]] };
        var cells = Framed(image).Svg().TraceGroups()[0].Descendants(Ns + "rect").ToList();
        Assert.Equal(["#ff0000", "#00ff00", "#0000ff", "#ffffff"], cells.Select(c => c.Attr("fill")));
        Assert.All(cells, c => Assert.Equal(175, c.Number("width")));     // 350 px tall for 2 rows, so 175 px wide too
        Assert.All(cells, c => Assert.Equal(175, c.Number("height")));
        Assert.True(cells[0].Number("y") < cells[2].Number("y"));
    }

    [Fact]
    public void The_same_figure_gives_the_same_picture_and_different_figures_different_ids()
    {
        Figure Make(double v) => new(new Scatter { Y = new[] { 1.0, v } });
        Assert.Equal(Make(2).ToSvg(), Make(2).ToSvg());
        string ClipId(string svg) => XDocument.Parse(svg).Root!.Descendants(Ns + "clipPath").First().Attr("id");
        Assert.NotEqual(ClipId(Make(2).ToSvg()), ClipId(Make(3).ToSvg()));
    }

    [Fact]
    public void Subplots_are_drawn_in_their_domains()
    {
        var figure = Framed(new Scatter { X = new[] { 0.0, 1 }, Y = new[] { 0.0, 1 }, Mode = "lines" },
                            new Scatter { X = new[] { 0.0, 1 }, Y = new[] { 0.0, 1 }, Mode = "lines", XAxis = "x2", YAxis = "y2" });
        figure.Layout.ShowLegend = false;
        figure.Layout.XAxis = new Axis { Domain = [0, 0.5], Range = [0, 1] };
        figure.Layout.XAxisAt(2).Domain = [0.5, 1];
        figure.Layout.XAxisAt(2).Range = [0, 1];
        figure.Layout.XAxisAt(2).Anchor = "y2";
        figure.Layout.YAxis = new Axis { Range = [0, 1] };
        figure.Layout.YAxisAt(2).Range = [0, 1];
        figure.Layout.YAxisAt(2).Anchor = "x2";
        var paths = figure.Svg().TraceGroups().Select(g => g.Element(Ns + "path")!.Attr("d")).ToList();
        Assert.Equal(["M50,400L350,50", "M350,400L650,50"], paths);
    }

    [Fact]
    public void Annotations_are_written_at_their_position()
    {
        var figure = Framed();
        figure.Layout.Annotations = [new PlotAnnotation { Text = "middle", X = 0.5, Y = 0.5, ShowArrow = false }];
        var text = figure.Svg().Descendants(Ns + "g").Single(g => (string?)g.Attribute("class") == "annotation").Element(Ns + "text")!;
        Assert.Equal("middle", text.Value);
        Assert.Equal(350, text.Number("x"));
    }
}

public class FigureSvgOddInputTests
{
    public static TheoryData<string> Cases => new(OddFigures.Keys);

    private static readonly Dictionary<string, Func<Figure>> OddFigures = new()
    {
        ["traces without data"] = () => new Figure(new Scatter(), new Bar(), new Histogram(), new Heatmap(), new Contour(), new ImageTrace()),
        ["infinite and missing values"] = () => new Figure(
            new Scatter { X = new[] { 1.0, double.PositiveInfinity, 3 }, Y = new[] { double.NaN, 2, double.NegativeInfinity } },
            new Heatmap { Z = [[double.NaN, 1], [double.PositiveInfinity, 2]] },
            new Bar { X = new[] { "a", null }, Y = new[] { double.NaN, 1 } }),
        ["one point"] = () => new Figure(new Scatter { X = new[] { 5.0 }, Y = new[] { 5.0 } }),
        ["odd marker sizes"] = () => new Figure(new Scatter { X = new[] { 1.0, 2 }, Y = new[] { 1.0, 2 }, Mode = "markers", Marker = new Marker { Size = new[] { double.NaN, -3 } } }),
        ["categories on both axes"] = () => new Figure(new Scatter { X = new[] { "a", "b" }, Y = new[] { "low", "high" } }),
        ["log axis with non-positive values"] = () => new Figure(new Scatter { X = new[] { -1.0, 0, 10 }, Y = new[] { 1.0, 2, 3 } }) { Layout = { XAxis = new Axis { Type = "log" } } },
        ["equal range ends"] = () => new Figure(new Scatter { Y = new[] { 1.0, 2 } }) { Layout = { XAxis = new Axis { Range = [3, 3] } } },
        ["annotation on a missing axis"] = () => new Figure { Layout = { Annotations = [new PlotAnnotation { Text = "?", X = 1, Y = 1, XRef = "x7", YRef = "y7" }] } },
        ["horizontal bars"] = () => new Figure(new Bar { Y = new[] { "a", "b" }, X = new[] { 1.0, -2 }, Orientation = "h" }),
        ["filled areas"] = () => new Figure(new Scatter { Y = new[] { 1.0, 3, 2 }, Fill = "tozeroy" }, new Scatter { Y = new[] { 2.0, 4, 3 }, Fill = "tonexty" }),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Odd_figures_still_give_well_formed_svg_with_only_finite_numbers(string name)
    {
        var svg = OddFigures[name]().ToSvg();
        System.Xml.Linq.XDocument.Parse(svg);
        Assert.DoesNotContain("NaN", svg);
        Assert.DoesNotContain("Infinity", svg);
        Assert.DoesNotContain("∞", svg);
    }
}
