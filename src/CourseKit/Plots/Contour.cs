namespace CourseKit;

/// <summary>
/// Lines (and filled bands) of equal value over a grid: plotly's <c>contour</c> trace. <c>Z[row][column]</c> is
/// the value at (<c>X[column]</c>, <c>Y[row]</c>). Used for decision boundaries: the value is P(class 1).
/// </summary>
public sealed record Contour : GridTrace
{
    public override string Type => "contour";

    /// <summary>Which levels get a line and how the bands are coloured.</summary>
    public ContourLevels? Contours { get; set; }

    /// <summary>The contour lines' colour, width and dash.</summary>
    public LineStyle? Line { get; set; }

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
