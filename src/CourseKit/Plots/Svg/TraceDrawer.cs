namespace CourseKit.Plots.Svg;

/// <summary>
/// Draws one trace of the figure: first it names the categories it uses and the values that must be visible
/// (<see cref="Measure"/>), then, once the axes have their ranges, it writes its SVG (<see cref="Draw"/>). It also
/// draws its little symbol in the legend and may ask for a colour bar.
/// </summary>
internal abstract class TraceDrawer
{
    protected TraceDrawer(Trace trace, int index, SvgAxis x, SvgAxis y)
    {
        Trace = trace;
        Index = index;
        X = x;
        Y = y;
    }

    public Trace Trace { get; }

    /// <summary>The trace's position in the figure's data (it picks the default colour).</summary>
    public int Index { get; }

    public SvgAxis X { get; }
    public SvgAxis Y { get; }

    /// <summary>The figure's font, for texts a trace writes (cell values, point labels).</summary>
    public Font Font { get; set; } = new(PlotlyDefaults.FontSize, PlotlyDefaults.FontColor);

    /// <summary>The colour plotly gives this trace when it sets none.</summary>
    public string DefaultColor => PlotlyDefaults.TraceColor(Index);

    /// <summary>The values each axis shows, in order: strings make a category axis (unless the figure says otherwise).</summary>
    public virtual IEnumerable<(SvgAxis Axis, PlotValues? Values)> AxisValues => [];

    /// <summary>Registers what must be visible on <see cref="X"/> and <see cref="Y"/> (their <see cref="SvgAxis.AutoRange"/>).</summary>
    public abstract void Measure();

    /// <summary>Writes the trace; the axes' ranges and pixels are known by now.</summary>
    public abstract void Draw(SvgWriter w);

    /// <summary>Whether the trace has a legend entry when <see cref="Trace.ShowLegend"/> is not set (heatmaps and images don't).</summary>
    public virtual bool InLegendByDefault => true;

    /// <summary>Draws the legend symbol in the 40 px wide slot that starts at <paramref name="x"/>, centred on <paramref name="y"/>.</summary>
    public abstract void DrawLegendSymbol(SvgWriter w, double x, double y);

    /// <summary>The colour bar this trace shows, if any.</summary>
    public virtual ColorBarSpec? ColorBar => null;

    /// <summary>The trace's opacity as an SVG attribute value (null when fully opaque).</summary>
    protected double? TraceOpacity => Trace.Opacity is { } o && o < 1 ? Math.Max(0, o) : null;

    /// <summary>The trace for <paramref name="trace"/>'s type, or null for a type this renderer does not draw.</summary>
    public static TraceDrawer? For(Trace trace, int index, SvgAxis x, SvgAxis y) => trace switch
    {
        Scatter s => new ScatterDrawer(s, index, x, y),
        Bar b => new BarDrawer(b, index, x, y),
        Histogram h => new BarDrawer(h, index, x, y),
        Heatmap h => new HeatmapDrawer(h, index, x, y),
        Contour c => new ContourDrawer(c, index, x, y),
        ImageTrace i => new ImageDrawer(i, index, x, y),
        _ => null,
    };
}

/// <summary>
/// A colour bar to draw: the scale, the value range it spans, the trace's <see cref="CourseKit.ColorBar"/> settings and,
/// for filled contours, the levels between which it shows bands of one colour each.
/// </summary>
internal sealed record ColorBarSpec(ColorScales Scale, double Min, double Max, ColorBar? Settings, IReadOnlyList<double>? Levels = null);
