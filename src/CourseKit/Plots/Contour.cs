namespace CourseKit;

/// <summary>
/// Lines (and filled bands) of equal value over a grid: plotly's <c>contour</c> trace. <c>Z[row][column]</c> is
/// the value at (<c>X[column]</c>, <c>Y[row]</c>). Used for decision boundaries: the value is P(class 1).
/// </summary>
public sealed record Contour : Trace
{
    public override string Type => "contour";

    /// <summary>The values on the grid, row by row (one row per y).</summary>
    public double[][]? Z { get; set; }

    /// <summary>The grid's x positions (one per column).</summary>
    public PlotValues? X { get; set; }

    /// <summary>The grid's y positions (one per row).</summary>
    public PlotValues? Y { get; set; }

    /// <summary>How values map to colours.</summary>
    public ColorScale? ColorScale { get; set; }

    /// <summary>Reverse the colour scale.</summary>
    public bool? ReverseScale { get; set; }

    /// <summary>The value drawn with the first colour.</summary>
    public double? ZMin { get; set; }

    /// <summary>The value drawn with the last colour.</summary>
    public double? ZMax { get; set; }

    /// <summary>Which levels get a line and how the bands are coloured.</summary>
    public ContourLevels? Contours { get; set; }

    /// <summary>The contour lines' colour, width and dash.</summary>
    public LineStyle? Line { get; set; }

    /// <summary>Whether the colour bar is shown.</summary>
    public bool? ShowScale { get; set; }

    /// <summary>The colour bar's title and size.</summary>
    public ColorBar? ColorBar { get; set; }

    /// <summary>The largest number of levels when plotly chooses them itself.</summary>
    public int? NContours { get; set; }

    /// <summary>Let plotly choose the levels (true) or use <see cref="Contours"/> (false).</summary>
    public bool? AutoContour { get; set; }

    internal override string Describe() => $"contour ({Z?.Length ?? 0}×{(Z is { Length: > 0 } ? Z[0].Length : 0)} grid)";
}

/// <summary>The levels of a <see cref="Contour"/>: from <see cref="Start"/> to <see cref="End"/> every <see cref="Size"/>.</summary>
public sealed record ContourLevels
{
    public double? Start { get; set; }
    public double? End { get; set; }
    public double? Size { get; set; }

    /// <summary><c>"fill"</c> (bands), <c>"heatmap"</c> (smooth colours), <c>"lines"</c> (coloured lines only) or <c>"none"</c>.</summary>
    public string? Coloring { get; set; }

    /// <summary>Whether the level lines are drawn.</summary>
    public bool? ShowLines { get; set; }

    /// <summary>Whether each line is labelled with its value.</summary>
    public bool? ShowLabels { get; set; }

    /// <summary>The font of the line labels.</summary>
    public PlotFont? LabelFont { get; set; }
}
