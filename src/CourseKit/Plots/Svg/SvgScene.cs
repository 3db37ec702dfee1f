namespace CourseKit.Plots.Svg;

/// <summary>
/// A figure made ready to draw: its axes (with categories, ranges and pixel positions), a drawer per visible
/// trace, the legend and colour bars, and the plotting area left once they have their room. Built in the order
/// plotly.js works: axis types and categories, bar placement, what each trace needs visible, margins, then ranges
/// and equal-scale constraints.
/// </summary>
internal sealed class SvgScene
{
    public SvgScene(Figure figure)
    {
        Figure = figure;
        Layout = figure.Layout ?? new FigureLayout();
        Font = new Font(Layout.Font?.Size ?? PlotlyDefaults.FontSize, Layout.Font?.Color ?? PlotlyDefaults.FontColor);
        FontFamily = Layout.Font?.Family ?? PlotlyDefaults.FontFamily;

        CreateAxesAndDrawers();
        ChooseAxisTypes();
        BarArrangement.Arrange(Drawers.OfType<BarDrawer>().ToList(), Layout.BarMode, Number(Layout.Extra, "bargap"));
        foreach (var drawer in Drawers) drawer.Measure();
        ColorBars = Drawers.Select(d => d.ColorBar).OfType<ColorBarSpec>().ToList();
        (Area, Legend) = PlaceArea();
        PlaceAxes();
    }

    public Figure Figure { get; }
    public FigureLayout Layout { get; }

    /// <summary>The figure's font (its family is set once, on the whole picture: <see cref="FontFamily"/>).</summary>
    public Font Font { get; }
    public string FontFamily { get; }

    /// <summary>The axes by id ("x", "y", "x2", …), in the order they were met.</summary>
    public Dictionary<string, SvgAxis> Axes { get; } = [];

    /// <summary>The drawers of the traces that are drawn.</summary>
    public List<TraceDrawer> Drawers { get; } = [];

    /// <summary>All traces' drawers, including those only listed in the legend (<c>visible: "legendonly"</c>).</summary>
    public List<TraceDrawer> All { get; } = [];

    public List<ColorBarSpec> ColorBars { get; }
    public LegendDrawer Legend { get; }
    public PlotArea Area { get; }

    public double Width => Layout.Width ?? PlotlyDefaults.Width;
    public double Height => Layout.Height ?? PlotlyDefaults.Height;

    /// <summary>The plot's background colour (plotly: white).</summary>
    public string PlotBackground => Layout.PlotBackground ?? "#fff";
    public string PaperBackground => Layout.PaperBackground ?? "#fff";

    /// <summary>The pairs of axes that have something drawn on them, each a subplot.</summary>
    public IEnumerable<(SvgAxis X, SvgAxis Y)> Subplots =>
        Axes.Values.Where(a => a.IsX).Select(x => (x, x.Anchor!)).Where(p => p.Item2 is not null).Distinct();

    /// <summary>The layout's axes and the axes and drawer of each trace (traces of types not drawn here are skipped).</summary>
    private void CreateAxesAndDrawers()
    {
        AxisFor("x");
        AxisFor("y");
        foreach (var key in Layout.Extra?.Keys ?? Enumerable.Empty<string>())
            if (AxisId(key) is { } id) AxisFor(id);

        var traces = Figure.Traces ?? [];
        for (int i = 0; i < traces.Count; i++)
        {
            var trace = traces[i];
            if (trace is null || trace.Visible is false) continue;
            if (TraceDrawer.For(trace, i, AxisFor(trace.XAxis ?? "x"), AxisFor(trace.YAxis ?? "y")) is not { } drawer) continue;
            drawer.Font = Font;
            All.Add(drawer);
            if (!(trace.Visible is string v && v == "legendonly")) Drawers.Add(drawer);
        }
        ScatterDrawer? previous = null;   // fill: "tonexty" fills down to the previous scatter trace
        foreach (var scatter in Drawers.OfType<ScatterDrawer>())
        {
            scatter.Previous = previous;
            previous = scatter;
        }
        foreach (var grid in Drawers.OfType<GridTraceDrawer>()) grid.X.TicksByDefault = grid.Y.TicksByDefault = "outside";
    }

    /// <summary>The axis with this id, created (from the layout's settings) on first use.</summary>
    public SvgAxis AxisFor(string id)
    {
        if (Axes.TryGetValue(id, out var axis)) return axis;
        axis = new SvgAxis(id, LayoutAxis(id));
        Axes[id] = axis;
        return axis;
    }

    private Axis? LayoutAxis(string id)
    {
        if (id == "x") return Layout.XAxis;
        if (id == "y") return Layout.YAxis;
        var key = $"{id[0]}axis{id[1..]}";
        return Layout.Extra is { } extra && extra.TryGetValue(key, out var value) ? value as Axis : null;
    }

    /// <summary>"xaxis2" → "x2"; null for keys that are not axes.</summary>
    private static string? AxisId(string key) =>
        key.Length > 5 && (key[0] is 'x' or 'y') && key[1..5] == "axis" && int.TryParse(key[5..], out int n) && n > 1 ? $"{key[0]}{n}" : null;

    private static double? Number(Dictionary<string, object>? extra, string key) =>
        extra is not null && extra.TryGetValue(key, out var value) ? value switch
        {
            double d => d,
            float f => f,
            int i => i,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e => e.GetDouble(),
            _ => null,
        } : null;

    /// <summary>
    /// An axis counts categories when the figure says so or when its first values are names that are not numbers
    /// (plotly's automatic type); then every trace's names are registered in order of appearance.
    /// </summary>
    private void ChooseAxisTypes()
    {
        foreach (var axis in Axes.Values)
        {
            if (axis.Settings.Type is not null) continue;
            var first = Drawers.SelectMany(d => d.AxisValues).FirstOrDefault(v => v.Axis == axis && v.Values is not null);
            if (first.Values?.Strings is { } strings && strings.Any(s => s is not null && !double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)))
                axis.IsCategory = true;
        }
        foreach (var (axis, values) in Drawers.SelectMany(d => d.AxisValues)) axis.AddCategories(values);
    }

    /// <summary>The plotting area once colour bars and then the legend (which wraps at the plot's width) have their room.</summary>
    private (PlotArea, LegendDrawer) PlaceArea()
    {
        var margin = Layout.Margin;
        var area = new PlotArea(Width, Height, margin?.L ?? PlotlyDefaults.MarginLeft, margin?.T ?? PlotlyDefaults.MarginTop,
                                margin?.R ?? PlotlyDefaults.MarginRight, margin?.B ?? PlotlyDefaults.MarginBottom);
        foreach (var bar in ColorBars)
            area = area.Fit(bar.Settings?.X ?? 1.02, "left", ColorBarDrawer.Width(bar, Font), 0.5, "middle", 0);
        var legend = new LegendDrawer(this, area.PaperWidth);
        if (legend.Shown)
        {
            var (x, y, xAnchor, yAnchor) = legend.Anchor;
            area = area.Fit(x, xAnchor, legend.Size.Width, y, yAnchor, legend.Size.Height);
        }
        return (area, legend);
    }

    /// <summary>Pixel spans from the domains, the ranges (given or automatic), reversal, then equal scales where asked.</summary>
    private void PlaceAxes()
    {
        foreach (var axis in Axes.Values)
        {
            var domain = axis.Settings.Domain is [var d0, var d1] ? (d0, d1) : (0.0, 1.0);
            (axis.PixelFrom, axis.PixelTo) = axis.IsX ? (Area.X(domain.Item1), Area.X(domain.Item2)) : (Area.Y(domain.Item1), Area.Y(domain.Item2));
            var otherLetter = axis.IsX ? "y" : "x";
            var anchorId = axis.Settings.Anchor is { } a && a != "free" ? a
                : All.FirstOrDefault(d => (axis.IsX ? d.X : d.Y) == axis) is { } user ? (axis.IsX ? user.Y.Id : user.X.Id)
                : otherLetter + axis.Id[1..];
            axis.Anchor = Axes.TryGetValue(anchorId, out var anchor) ? anchor : Axes[otherLetter];
        }
        foreach (var axis in Axes.Values)
        {
            bool image = Drawers.Any(d => d is ImageDrawer && d.Y == axis);
            if (axis.Settings.Range is [var from, var to]) (axis.From, axis.To) = (from, to);
            else
            {
                var empty = axis.IsCategory ? (-1.0, Math.Max(axis.Categories.Count, 1) + 0.0) : axis.IsX ? (-1.0, 6.0) : (-1.0, 4.0);
                (axis.From, axis.To) = axis.AutoRange.Resolve(axis.Length, empty);
                if (axis.Reversed || (image && axis.Settings.AutoRange is null)) (axis.From, axis.To) = (axis.To, axis.From);
            }
            if (axis.To == axis.From) axis.To = axis.From + 1;
        }
        foreach (var axis in Axes.Values)
        {
            if (axis.Settings.ScaleAnchor is { } id && Axes.TryGetValue(id, out var other) && other != axis)
                KeepScale(axis, other, axis.Settings.ScaleRatio ?? 1);
            else if (!axis.IsX && axis.Settings.ScaleAnchor is null && Drawers.OfType<ImageDrawer>().FirstOrDefault(d => d.Y == axis) is { } image)
                KeepScale(axis, image.X, 1, "domain");   // plotly keeps image pixels square
        }
    }

    /// <summary>Makes one unit of <paramref name="axis"/> <paramref name="ratio"/> times as long as one unit of <paramref name="other"/>.</summary>
    private static void KeepScale(SvgAxis axis, SvgAxis other, double ratio, string? constrain = null)
    {
        double wanted = other.Scale * ratio;
        if (axis.Scale > wanted) Shrink(axis, wanted, constrain ?? axis.Settings.Constrain);
        else if (axis.Scale < wanted) Shrink(other, axis.Scale / ratio, constrain ?? other.Settings.Constrain);
    }

    /// <summary>Gives <paramref name="axis"/> <paramref name="scale"/> pixels per unit: a shorter axis ("domain") or a wider range (plotly's default, "range"), centred.</summary>
    private static void Shrink(SvgAxis axis, double scale, string? constrain)
    {
        if (constrain == "domain")
        {
            double length = Math.Abs(axis.To - axis.From) * scale, middle = (axis.PixelFrom + axis.PixelTo) / 2, sign = Math.Sign(axis.PixelTo - axis.PixelFrom);
            (axis.PixelFrom, axis.PixelTo) = (middle - sign * length / 2, middle + sign * length / 2);
        }
        else
        {
            double span = axis.Length / scale, middle = (axis.From + axis.To) / 2, sign = Math.Sign(axis.To - axis.From);
            (axis.From, axis.To) = (middle - sign * span / 2, middle + sign * span / 2);
        }
    }
}
