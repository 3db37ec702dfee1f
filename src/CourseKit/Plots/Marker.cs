namespace CourseKit;

/// <summary>How points (or bars) look: colour, symbol, size, and a colour scale when colours are numbers.</summary>
public sealed record Marker
{
    /// <summary>One CSS colour (<c>"#1f77b4"</c>, <c>"red"</c>) or one number per point (mapped through <see cref="ColorScale"/>).</summary>
    public PlotValues? Color { get; set; }

    /// <summary><c>"circle"</c>, <c>"x"</c>, <c>"star"</c>, <c>"square"</c>, <c>"diamond"</c>, <c>"triangle-up"</c>, … (one, or one per point).</summary>
    public PlotValues? Symbol { get; set; }

    /// <summary>Size in pixels (one, or one per point).</summary>
    public PlotValues? Size { get; set; }

    /// <summary>How numeric colours map to colours.</summary>
    public ColorScale? ColorScale { get; set; }

    /// <summary>The number drawn with the first colour of the scale.</summary>
    public double? CMin { get; set; }

    /// <summary>The number drawn with the last colour of the scale.</summary>
    public double? CMax { get; set; }

    /// <summary>Whether a colour bar is shown for numeric colours.</summary>
    public bool? ShowScale { get; set; }

    /// <summary>The colour bar's title and size.</summary>
    public ColorBar? ColorBar { get; set; }

    /// <summary>The outline of each point.</summary>
    public LineStyle? Line { get; set; }

    /// <summary>Transparency of the points, 0 to 1.</summary>
    public double? Opacity { get; set; }
}

/// <summary>How a line looks: colour, width in pixels, dash (<c>"solid"</c>, <c>"dash"</c>, <c>"dot"</c>, <c>"dashdot"</c>).</summary>
public sealed record LineStyle
{
    public string? Color { get; set; }
    public double? Width { get; set; }
    public string? Dash { get; set; }

    /// <summary><c>"linear"</c> (default) or <c>"spline"</c> (smoothed), <c>"hv"</c> (steps).</summary>
    public string? Shape { get; set; }
}

/// <summary>The colour bar next to a heatmap, contour or coloured markers.</summary>
public sealed record ColorBar
{
    public PlotTitle? Title { get; set; }

    /// <summary>Width in pixels.</summary>
    public double? Thickness { get; set; }

    /// <summary>Length as a fraction of the plot height.</summary>
    public double? Len { get; set; }

    /// <summary>Horizontal position (fraction of the width; 1.02 is just right of the plot).</summary>
    public double? X { get; set; }

    /// <summary>Vertical position of its centre (fraction of the height).</summary>
    public double? Y { get; set; }

    /// <summary>Number format of the ticks, e.g. <c>".0%"</c>.</summary>
    public string? TickFormat { get; set; }
}
