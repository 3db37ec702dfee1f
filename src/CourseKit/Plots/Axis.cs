namespace CourseKit;

/// <summary>One axis of a plot (plotly's <c>xaxis</c>, <c>yaxis</c>, <c>xaxis2</c>, …): title, range, ticks, grid, and where it sits.</summary>
public sealed record Axis
{
    /// <summary>The axis label, e.g. <c>"epoch"</c>.</summary>
    public PlotTitle? Title { get; set; }

    /// <summary>The visible range [from, to] (null: fit the data).</summary>
    public double[]? Range { get; set; }

    /// <summary>The part of the figure the axis spans, [start, end] as fractions 0–1 (for subplots).</summary>
    public double[]? Domain { get; set; }

    /// <summary>The axis this one is drawn against, e.g. <c>"y2"</c> for <c>xaxis2</c> in a subplot.</summary>
    public string? Anchor { get; set; }

    /// <summary>Keep this axis's scale equal to another's (<c>"x"</c>): square pixels, round circles.</summary>
    public string? ScaleAnchor { get; set; }

    /// <summary>The ratio kept with <see cref="ScaleAnchor"/> (default 1).</summary>
    public double? ScaleRatio { get; set; }

    /// <summary>When scales are anchored, shrink the <c>"domain"</c> or the <c>"range"</c>.</summary>
    public string? Constrain { get; set; }

    /// <summary>Zoom this axis together with another one (<c>"x"</c>).</summary>
    public string? Matches { get; set; }

    /// <summary><c>"reversed"</c> to run top to bottom (images, matrices); true or false for automatic ranging.</summary>
    public object? AutoRange { get; set; }

    /// <summary><c>"linear"</c>, <c>"log"</c>, <c>"category"</c>, <c>"date"</c>.</summary>
    public string? Type { get; set; }

    public bool? ShowGrid { get; set; }
    public string? GridColor { get; set; }

    /// <summary>Whether the line at 0 is drawn.</summary>
    public bool? ZeroLine { get; set; }
    public string? ZeroLineColor { get; set; }

    public bool? ShowLine { get; set; }
    public string? LineColor { get; set; }

    /// <summary>Repeat the axis line on the opposite side (true) or with ticks (<c>"ticks"</c>).</summary>
    public object? Mirror { get; set; }

    public bool? ShowTickLabels { get; set; }

    /// <summary><c>"outside"</c>, <c>"inside"</c> or <c>""</c> (no tick marks).</summary>
    public string? Ticks { get; set; }

    /// <summary>The distance between ticks.</summary>
    public double? DTick { get; set; }

    /// <summary>Tick number format, e.g. <c>".0%"</c> or <c>"d"</c>.</summary>
    public string? TickFormat { get; set; }

    /// <summary>Where ticks go (with <see cref="TickText"/> for their labels).</summary>
    public PlotValues? TickVals { get; set; }
    public PlotValues? TickText { get; set; }

    /// <summary>Forbid zooming on this axis.</summary>
    public bool? FixedRange { get; set; }

    /// <summary>An axis with no ticks, labels, grid or zero line (for images).</summary>
    public static Axis Hidden() => new() { ShowTickLabels = false, ShowGrid = false, ZeroLine = false, Ticks = "", ShowLine = false };
}
