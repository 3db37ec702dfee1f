namespace CourseKit.Plots.Svg;

/// <summary>
/// The legend: one entry (symbol and name) per trace that has one. plotly shows it when two or more traces have
/// entries or one trace asks for its entry (<c>showlegend: true</c>), unless the layout says otherwise. A vertical
/// legend sits right of the plot (x = 1.02, top aligned); a horizontal one ("h") puts its entries in one row when they
/// fit in the plot's width, else in rows of equal columns (as wide as the widest entry), as plotly does. Stacked bars
/// and areas filled to the next line are listed top to bottom as they are stacked (plotly's reversed order). Text widths are estimated, as no font
/// measurements are available here.
/// </summary>
internal sealed class LegendDrawer
{
    private const double SymbolWidth = 40, EntryGap = 5, Padding = 4;
    private readonly SvgScene _scene;
    private readonly List<(TraceDrawer Drawer, string Name)> _entries;
    private readonly double _paperWidth;

    /// <param name="scene">The figure being drawn.</param>
    /// <param name="paperWidth">The plot's width before the legend takes its room (horizontal legends wrap at it).</param>
    public LegendDrawer(SvgScene scene, double paperWidth)
    {
        _scene = scene;
        _paperWidth = paperWidth;
        _entries = scene.All
            .Where(d => d.Trace.ShowLegend ?? d.InLegendByDefault)
            .Select(d => (d, SvgText.Lines(d.Trace.Name ?? $"trace {d.Index}").FirstOrDefault() ?? ""))
            .ToList();
        bool stacked = (scene.Layout.BarMode is "stack" or "relative" && _entries.Any(e => e.Drawer is BarDrawer))
                       || scene.Figure.Traces.OfType<Scatter>().Any(s => s.Fill is "tonexty" or "tonextx" or "tonext");
        if (stacked) _entries.Reverse();
        var layout = scene.Layout;
        Shown = _entries.Count > 0 && (layout.ShowLegend ?? (_entries.Count >= 2 || _entries.Any(e => e.Drawer.Trace.ShowLegend == true)));
        Horizontal = layout.Legend?.Orientation == "h";
        Size = Shown ? Measure() : (0, 0);
    }

    /// <summary>The names in the legend, in order.</summary>
    public IEnumerable<string> Names => _entries.Select(e => e.Name);

    public bool Shown { get; }
    public bool Horizontal { get; }

    private double EntryHeight => Math.Max(_scene.Font.Size * SvgText.LineHeight + 4, 19);
    private string[] TitleLines => SvgText.Lines(_scene.Layout.Legend?.Title?.Text);

    /// <summary>The legend's estimated width and height in pixels.</summary>
    public (double Width, double Height) Size { get; }

    /// <summary>Where the legend is: paper fractions and anchors.</summary>
    public (double X, double Y, string XAnchor, string YAnchor) Anchor
    {
        get
        {
            var legend = _scene.Layout.Legend;
            double x = legend?.X ?? (Horizontal ? 0 : 1.02);
            double y = legend?.Y ?? (Horizontal ? -0.1 : 1);
            var xAnchor = legend?.XAnchor is { } xa && xa != "auto" ? xa : "left";
            var yAnchor = legend?.YAnchor is { } ya && ya != "auto" ? ya : Horizontal && legend?.Y is null ? "top" : y >= 2.0 / 3 ? "top" : y <= 1.0 / 3 ? "bottom" : "middle";
            return (x, y, xAnchor, yAnchor);
        }
    }

    private double EntryWidth(string name) => SymbolWidth + SvgText.Width(name, _scene.Font.Size);

    /// <summary>How wide a horizontal legend may be: the plot's width, or half the figure when it sits beside the plot.</summary>
    private double MaxWidth
    {
        get
        {
            var (x, _, xAnchor, _) = Anchor;
            bool beside = x < 0 || (x == 0 && xAnchor == "right") || x > 1 || (x == 1 && xAnchor == "left");
            return Math.Max(beside ? _scene.Width / 2 : _paperWidth, 2 * SymbolWidth);
        }
    }

    /// <summary>Entry positions (left end, vertical centre) relative to the legend's top-left corner.</summary>
    private List<(double X, double Y)> Positions(out double width, out double height)
    {
        var positions = new List<(double, double)>();
        double titleHeight = TitleLines.Length * _scene.Font.Size * SvgText.LineHeight;
        double x = Padding, y = Padding + titleHeight, rowWidth = 0;
        var widths = _entries.Select(e => EntryWidth(e.Name)).ToList();
        double widest = widths.DefaultIfEmpty(0).Max(), maxWidth = MaxWidth;
        bool oneRow = widths.Sum() + (widths.Count - 1) * EntryGap + 2 * Padding < maxWidth;
        foreach (var entry in widths)
        {
            double step = (oneRow ? entry : widest) + EntryGap;
            if (Horizontal && x > Padding && x + step - EntryGap >= maxWidth)
            {
                x = Padding;
                y += EntryHeight;
            }
            positions.Add((x, y + EntryHeight / 2));
            rowWidth = Math.Max(rowWidth, x + entry);
            if (Horizontal) x += step;
            else y += EntryHeight;
        }
        width = Math.Max(Padding * 2 + SvgText.Width(TitleLines, _scene.Font.Size), rowWidth + Padding);
        height = (Horizontal ? y + EntryHeight : y) + Padding;
        return positions;
    }

    private (double, double) Measure()
    {
        Positions(out double width, out double height);
        return (width, height);
    }

    public void Draw(SvgWriter w)
    {
        if (!Shown) return;
        var area = _scene.Area;
        var (x, y, xAnchor, yAnchor) = Anchor;
        var (width, height) = Size;
        double left = area.X(x) - xAnchor switch { "right" => width, "center" => width / 2, _ => 0 };
        double top = area.Y(y) - yAnchor switch { "bottom" => height, "middle" => height / 2, _ => 0 };
        w.Element("g").Attr("class", "legend").Open();
        w.Element("rect").Attr("x", left).Attr("y", top).Attr("width", width).Attr("height", height)
         .Attr("fill", _scene.Layout.Legend?.BgColor ?? _scene.PaperBackground).End();
        if (TitleLines.Length > 0) SvgText.Write(w, left + Padding, top + Padding, TitleLines, _scene.Font, "start", "top");
        var positions = Positions(out _, out _);
        for (int i = 0; i < _entries.Count; i++)
        {
            var (drawer, name) = _entries[i];
            var (ex, ey) = positions[i];
            bool hidden = drawer.Trace.Visible is string v && v == "legendonly";
            w.Element("g").Attr("class", "legend-entry").Attr("opacity", hidden ? 0.5 : null).Open();
            drawer.DrawLegendSymbol(w, left + ex, top + ey);
            SvgText.Write(w, left + ex + SymbolWidth, top + ey, [name], _scene.Font, "start", "middle");
            w.Close("g");
        }
        w.Close("g");
    }
}
