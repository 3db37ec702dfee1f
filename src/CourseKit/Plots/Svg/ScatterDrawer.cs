using System.Text;

namespace CourseKit.Plots.Svg;

/// <summary>
/// Draws a <see cref="Scatter"/> trace: its line (broken where a value is missing or NaN, as plotly does), the
/// filled area under or between lines, the markers (grouped into one path per colour and size) and point texts.
/// Smoothed lines (<c>shape: "spline"</c>) are drawn straight.
/// </summary>
internal sealed class ScatterDrawer : TraceDrawer
{
    private readonly Scatter _scatter;
    private readonly int _count;
    private double[] _x = [], _y = [];

    public ScatterDrawer(Scatter scatter, int index, SvgAxis x, SvgAxis y) : base(scatter, index, x, y)
    {
        _scatter = scatter;
        _count = Math.Max(scatter.X?.IsSingle == false ? scatter.X.Count : 0, scatter.Y?.IsSingle == false ? scatter.Y.Count : 0);
        var mode = scatter.Mode ?? (_count < 20 ? "lines+markers" : "lines");
        HasLines = mode.Contains("lines");
        HasMarkers = mode.Contains("markers");
        HasText = mode.Contains("text");
        Colors = new MarkerColors(scatter.Marker, scatter.Line?.Color ?? DefaultColor);
        LineColor = scatter.Line?.Color ?? Colors.Single ?? DefaultColor;
    }

    public bool HasLines { get; }
    public bool HasMarkers { get; }
    public bool HasText { get; }
    public MarkerColors Colors { get; }
    public string LineColor { get; }
    public double LineWidth => _scatter.Line?.Width ?? PlotlyDefaults.LineWidth;

    /// <summary>The previous scatter trace, which <c>fill: "tonexty"</c> fills to.</summary>
    public ScatterDrawer? Previous { get; set; }

    public override IEnumerable<(SvgAxis, PlotValues?)> AxisValues => [(X, _scatter.X), (Y, _scatter.Y)];

    public override ColorBarSpec? ColorBar => HasMarkers ? Colors.ColorBar : null;

    private double MarkerSize(int i) =>
        _scatter.Marker?.Size?.Numbers is { Count: > 0 } n && n[_scatter.Marker.Size.IsSingle ? 0 : Math.Min(i, n.Count - 1)] is var size && double.IsFinite(size) && size >= 0
            ? size
            : PlotlyDefaults.MarkerSize;

    private string? Symbol(int i) => _scatter.Marker?.Symbol is { Strings: { } s } symbols && s.Count > 0 ? s[symbols.IsSingle ? 0 : Math.Min(i, s.Count - 1)] : null;

    public override void Measure()
    {
        _x = X.AllUnits(_scatter.X, _count);
        _y = Y.AllUnits(_scatter.Y, _count);
        double room = HasMarkers ? Enumerable.Range(0, _count).Select(MarkerSize).DefaultIfEmpty(0).Max() / 2 : 0;
        var (xs, ys) = (Finite(_x), Finite(_y));
        if (xs.Length == 0 || ys.Length == 0) return;
        bool toZeroY = _scatter.Fill is "tozeroy";
        bool xPadded = (HasMarkers || HasText) && !toZeroY && _scatter.Fill is not "tonexty";
        X.AutoRange.Include(xs.Min(), xs.Max(), room, xPadded);
        if (toZeroY) Y.AutoRange.Include(Math.Min(0, ys.Min()), Math.Max(0, ys.Max()), ys.Min() < 0 ? room : 0, ys.Max() > 0 ? room : 0, ys.Min() < 0, ys.Max() > 0);
        else Y.AutoRange.Include(ys.Min(), ys.Max(), room, padded: true);
    }

    private static double[] Finite(double[] values) => values.Where(double.IsFinite).ToArray();

    /// <summary>The pixel positions of the points; NaN where a point is missing.</summary>
    public (double X, double Y)[] Pixels()
    {
        var points = new (double, double)[_count];
        for (int i = 0; i < _count; i++)
            points[i] = double.IsFinite(_x[i]) && double.IsFinite(_y[i]) ? (X.Pixel(_x[i]), Y.Pixel(_y[i])) : (double.NaN, double.NaN);
        return points;
    }

    public override void Draw(SvgWriter w)
    {
        var points = Pixels();
        w.Element("g").Attr("class", "trace scatter").Attr("opacity", TraceOpacity).Open();
        if (_scatter.Fill is { } fill && fill != "none") DrawFill(w, points, fill);
        if (HasLines && _count > 1)
        {
            var d = LinePath(points, _scatter.Line?.Shape);
            if (d.Length > 0)
            {
                w.Element("path").Attr("d", d).Attr("fill", "none").Attr("stroke", LineColor).Attr("stroke-width", LineWidth)
                 .Attr("stroke-dasharray", Dash(_scatter.Line?.Dash, LineWidth)).Attr("stroke-linejoin", "round");
                w.End();
            }
        }
        if (HasMarkers) DrawMarkers(w, points);
        if (HasText) DrawTexts(w, points);
        w.Close("g");
    }

    /// <summary>
    /// The line through the points as path data: a new "M" after every gap, so missing values break the line;
    /// <c>shape: "hv"</c>/<c>"vh"</c> draw steps.
    /// </summary>
    internal static string LinePath(IReadOnlyList<(double X, double Y)> points, string? shape = null)
    {
        var d = new StringBuilder();
        bool drawing = false;
        (double X, double Y) last = default;
        foreach (var p in points)
        {
            if (double.IsNaN(p.X) || double.IsNaN(p.Y))
            {
                drawing = false;
                continue;
            }
            if (!drawing) d.Append('M');
            else if (shape == "hv") d.Append('L').Append(SvgWriter.Number(p.X)).Append(',').Append(SvgWriter.Number(last.Y)).Append('L');
            else if (shape == "vh") d.Append('L').Append(SvgWriter.Number(last.X)).Append(',').Append(SvgWriter.Number(p.Y)).Append('L');
            else d.Append('L');
            d.Append(SvgWriter.Number(p.X)).Append(',').Append(SvgWriter.Number(p.Y));
            drawing = true;
            last = p;
        }
        return d.ToString();
    }

    /// <summary>plotly's dash patterns, which scale with the line width (at least 3 px).</summary>
    internal static string? Dash(string? dash, double width)
    {
        double u = Math.Max(width, 3);
        string Px(params double[] lengths) => string.Join(",", lengths.Select(l => SvgWriter.Number(l * u)));
        return dash switch
        {
            "dot" => Px(1, 1),
            "dash" => Px(3, 3),
            "longdash" => Px(5, 5),
            "dashdot" => Px(3, 1, 1, 1),
            "longdashdot" => Px(5, 1, 1, 1),
            _ => null,
        };
    }

    private void DrawFill(SvgWriter w, (double X, double Y)[] points, string fill)
    {
        var visible = points.Where(p => !double.IsNaN(p.X)).ToList();
        if (visible.Count < 2 && fill != "toself") return;
        var outline = new List<(double X, double Y)>(visible);
        switch (fill)
        {
            case "tozeroy":
            {
                double zero = Y.Pixel(0);
                outline.Add((visible[^1].X, zero));
                outline.Add((visible[0].X, zero));
                break;
            }
            case "tozerox":
            {
                double zero = X.Pixel(0);
                outline.Add((zero, visible[^1].Y));
                outline.Add((zero, visible[0].Y));
                break;
            }
            case "tonexty" or "tonextx" or "tonext" when Previous is not null:
                outline.AddRange(Previous.Pixels().Where(p => !double.IsNaN(p.X)).Reverse());
                break;
            case "toself": break;
            default: return;
        }
        var color = _scatter.FillColor ?? LineColor;
        w.Element("path").Attr("d", LinePath(outline) + "Z").Attr("fill", color)
         .Attr("fill-opacity", _scatter.FillColor is null ? 0.5 : null).Attr("stroke", "none").End();
    }

    private void DrawMarkers(SvgWriter w, (double X, double Y)[] points)
    {
        var marker = _scatter.Marker;
        double outlineWidth = marker?.Line?.Width ?? 0;
        var outlineColor = marker?.Line?.Color ?? "#444";
        w.Element("g").Attr("class", "points").Attr("opacity", marker?.Opacity is { } o && o < 1 ? o : null).Open();
        // One path per (colour, symbol, size): thousands of points stay one element each colour.
        var groups = new Dictionary<(string Color, string? Symbol, double Size), StringBuilder>();
        for (int i = 0; i < points.Length; i++)
        {
            var (px, py) = points[i];
            if (double.IsNaN(px)) continue;
            var key = (Colors.At(i), Symbol(i), MarkerSize(i));
            if (!groups.TryGetValue(key, out var path)) groups[key] = path = new StringBuilder();
            MarkerSymbols.Append(path, key.Item2, px, py, key.Item3);
        }
        foreach (var ((color, symbol, _), path) in groups)
        {
            bool open = MarkerSymbols.IsOpen(symbol);
            w.Element("path").Attr("d", path.ToString()).Attr("fill", open ? "none" : color);
            if (open) w.Attr("stroke", color).Attr("stroke-width", Math.Max(outlineWidth, 1));
            else if (outlineWidth > 0) w.Attr("stroke", outlineColor).Attr("stroke-width", outlineWidth);
            w.End();
        }
        w.Close("g");
    }

    private void DrawTexts(SvgWriter w, (double X, double Y)[] points)
    {
        if (_scatter.Text is null) return;
        var position = _scatter.TextPosition ?? "middle center";
        for (int i = 0; i < points.Length; i++)
        {
            var (px, py) = points[i];
            if (double.IsNaN(px)) continue;
            var text = _scatter.Text.IsSingle ? _scatter.Text.ToString() : _scatter.Text.Strings?[i] ?? _scatter.Text.Numbers?[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
            double gap = HasMarkers ? MarkerSize(i) / 2 + 2 : 2;
            string vertical = position.StartsWith("top") ? "bottom" : position.StartsWith("bottom") ? "top" : "middle";
            string anchor = position.EndsWith("left") ? "end" : position.EndsWith("right") ? "start" : "middle";
            double ty = vertical == "bottom" ? py - gap : vertical == "top" ? py + gap : py;
            double tx = anchor == "end" ? px - gap : anchor == "start" ? px + gap : px;
            SvgText.Write(w, tx, ty, SvgText.Lines(text), Font, anchor, vertical);
        }
    }

    public override void DrawLegendSymbol(SvgWriter w, double x, double y)
    {
        if (_scatter.Fill is { } fill && fill != "none")
            w.Element("rect").Attr("x", x + 5).Attr("y", y - 6).Attr("width", 30).Attr("height", 12).Attr("fill", _scatter.FillColor ?? LineColor).Attr("fill-opacity", 0.5).End();
        if (HasLines)
            w.Element("path").Attr("d", $"M{SvgWriter.Number(x + 5)},{SvgWriter.Number(y)}h30").Attr("stroke", LineColor)
             .Attr("stroke-width", Math.Min(LineWidth, 5)).Attr("stroke-dasharray", Dash(_scatter.Line?.Dash, Math.Min(LineWidth, 5))).Attr("fill", "none").End();
        if (HasMarkers)
        {
            var path = new StringBuilder();
            MarkerSymbols.Append(path, Symbol(0), x + 20, y, Math.Min(MarkerSize(0), 16));
            bool open = MarkerSymbols.IsOpen(Symbol(0));
            var color = Colors.Single ?? Colors.At(0);
            w.Element("path").Attr("d", path.ToString()).Attr("fill", open ? "none" : color).Attr("stroke", open ? color : _scatter.Marker?.Line?.Width > 0 ? _scatter.Marker.Line.Color ?? "#444" : null)
             .Attr("stroke-width", open ? 1 : _scatter.Marker?.Line?.Width).Attr("opacity", _scatter.Marker?.Opacity).End();
        }
    }
}
