namespace CourseKit;

/// <summary>Points and/or lines through (x, y) pairs: plotly's <c>scatter</c> trace, for scatter plots and line charts.</summary>
public sealed record Scatter : Trace
{
    public override string Type => "scatter";

    /// <summary><c>"markers"</c> (points), <c>"lines"</c>, <c>"lines+markers"</c>, or with <c>"+text"</c>.</summary>
    public string? Mode { get; set; }

    /// <summary>The horizontal positions (numbers or category names).</summary>
    public PlotValues? X { get; set; }

    /// <summary>The vertical positions.</summary>
    public PlotValues? Y { get; set; }

    /// <summary>How the points look: colour, symbol, size.</summary>
    public Marker? Marker { get; set; }

    /// <summary>How the line looks: colour, width, dash.</summary>
    public LineStyle? Line { get; set; }

    /// <summary>A text per point (or one for all), shown on hover or next to the point with mode <c>"text"</c>.</summary>
    public PlotValues? Text { get; set; }

    /// <summary>Where text is drawn relative to its point: <c>"top center"</c>, <c>"middle right"</c>, …</summary>
    public string? TextPosition { get; set; }

    /// <summary>Fill the area under the line: <c>"tozeroy"</c>, <c>"tonexty"</c>, <c>"toself"</c>.</summary>
    public string? Fill { get; set; }

    /// <summary>The fill colour, when <see cref="Fill"/> is set.</summary>
    public string? FillColor { get; set; }

    internal override string Describe() => $"scatter ({Count(X?.Count ?? Y?.Count ?? 0, "point")})";
}
