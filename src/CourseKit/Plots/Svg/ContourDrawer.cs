using System.Text;

namespace CourseKit.Plots.Svg;

/// <summary>
/// Draws a <see cref="Contour"/>: the coloured surface (<c>coloring</c> "fill": bands between levels; "heatmap":
/// smooth colours; "lines"/"none": no surface) and the level lines found by <see cref="ContourLines"/>. The levels are
/// the figure's <c>contours</c> start/end/size, or, when plotly chooses them, "nice" steps (as for axis ticks) giving
/// at most <c>ncontours</c> (15) levels inside the values' range. Line labels are not drawn.
/// </summary>
internal sealed class ContourDrawer : GridTraceDrawer
{
    private readonly Contour _contour;

    public ContourDrawer(Contour contour, int index, SvgAxis x, SvgAxis y) : base(contour, index, x, y)
    {
        _contour = contour;
        Coloring = contour.Contours?.Coloring ?? "fill";
        Levels = ChooseLevels(contour, ZMin, ZMax);
    }

    public string Coloring { get; }

    /// <summary>The values where lines are drawn, smallest first.</summary>
    public double[] Levels { get; }

    private string LineColor => _contour.Line?.Color ?? "#444";

    public override ColorBarSpec? ColorBar =>
        _contour.ShowScale != false && Coloring != "none" && Columns > 0
            ? new ColorBarSpec(Scale, ZMin, ZMax, _contour.ColorBar, Coloring == "fill" && Levels.Length >= 2 ? Levels : null)
            : null;

    /// <summary>
    /// The value whose colour a band takes: the middle of the band between the two levels around <paramref name="value"/>
    /// (below the first level and above the last, the middle of a band as wide as the others).
    /// </summary>
    internal static double BandValue(double value, IReadOnlyList<double> levels)
    {
        double size = levels[1] - levels[0];
        int band = Math.Clamp((int)Math.Floor((value - levels[0]) / size), -1, levels.Count - 1);
        return levels[0] + (band + 0.5) * size;
    }

    internal static double[] ChooseLevels(Contour contour, double zMin, double zMax)
    {
        var given = contour.Contours;
        if (contour.AutoContour != true && given is { Start: { } start, End: { } end } && end >= start)
        {
            double size = given.Size is { } s && s > 0 ? s : Math.Max(end - start, 1);
            int count = (int)Math.Floor((end - start) / size + 1e-9) + 1;
            return Enumerable.Range(0, Math.Min(count, 1000)).Select(i => start + i * size).ToArray();
        }
        if (!(zMax > zMin)) return [zMin];
        double step = NiceTicks.Step((zMax - zMin) / (contour.NContours ?? 15));
        return NiceTicks.Values(zMin, zMax, step).Where(v => v > zMin && v < zMax).ToArray();
    }

    protected override void MeasureGrid()
    {
        if (Columns == 0) return;
        var xs = XCentres.Where(double.IsFinite).DefaultIfEmpty(0);
        var ys = YCentres.Where(double.IsFinite).DefaultIfEmpty(0);
        X.AutoRange.Include(xs.Min(), xs.Max());
        Y.AutoRange.Include(ys.Min(), ys.Max());
    }

    /// <summary>The colour of a value for the surface: its own colour ("heatmap") or its band's ("fill").</summary>
    private Rgba? SurfaceColor(double value)
    {
        if (!double.IsFinite(value)) return null;
        if (Coloring == "heatmap" || Levels.Length < 2) return Scale.At(value, ZMin, ZMax);
        return Scale.At(BandValue(value, Levels), ZMin, ZMax);
    }

    public override void Draw(SvgWriter w)
    {
        if (Columns < 2 || Rows < 2) return;
        w.Element("g").Attr("class", "trace contour").Attr("opacity", TraceOpacity).Open();
        if (Coloring is "fill" or "heatmap")
        {
            var columnPixels = GridRaster.Edges(XCentres, Columns).Select(X.Pixel).ToArray();
            var rowPixels = GridRaster.Edges(YCentres, Rows).Select(Y.Pixel).ToArray();
            GridRaster.Draw(w, columnPixels, rowPixels, (row, column) => SurfaceColor(ValueAt(row, column)), smooth: Coloring == "heatmap");
        }
        if (_contour.Contours?.ShowLines != false) DrawLines(w);
        w.Close("g");
    }

    private void DrawLines(SvgWriter w)
    {
        double width = _contour.Line?.Width ?? 0.5;
        foreach (var level in Levels)
        {
            var segments = ContourLines.Segments(XCentres, YCentres, ValueAt, level);
            if (segments.Count == 0) continue;
            var d = new StringBuilder();
            foreach (var line in ContourLines.Join(segments))
                d.Append(ScatterDrawer.LinePath(line.Select(p => (X.Pixel(p.X), Y.Pixel(p.Y))).ToList()));
            var color = Coloring == "lines" ? Scale.At(level, ZMin, ZMax).Hex : LineColor;
            w.Element("path").Attr("d", d.ToString()).Attr("fill", "none").Attr("stroke", color).Attr("stroke-width", width)
             .Attr("stroke-dasharray", ScatterDrawer.Dash(_contour.Line?.Dash, width)).Attr("stroke-linecap", "round").End();
        }
    }

    public override void DrawLegendSymbol(SvgWriter w, double x, double y)
    {
        if (Coloring is "none" or "lines")
            w.Element("path").Attr("d", $"M{SvgWriter.Number(x + 5)},{SvgWriter.Number(y)}h30").Attr("stroke", Coloring == "lines" ? Scale.AtPosition(0.5).Hex : LineColor)
             .Attr("stroke-width", Math.Min(_contour.Line?.Width ?? 0.5, 5)).Attr("fill", "none").End();
        else base.DrawLegendSymbol(w, x, y);
    }
}
