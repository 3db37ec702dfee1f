namespace CourseKit;

/// <summary>
/// A matrix drawn as coloured cells: plotly's <c>heatmap</c> trace. <c>Z[row][column]</c> is drawn at
/// (<c>X[column]</c>, <c>Y[row]</c>); row 0 is at the bottom unless the y axis has <c>AutoRange = "reversed"</c>.
/// </summary>
public sealed record Heatmap : Trace
{
    public override string Type => "heatmap";

    /// <summary>The values, row by row.</summary>
    public double[][]? Z { get; set; }

    /// <summary>Column positions or names.</summary>
    public PlotValues? X { get; set; }

    /// <summary>Row positions or names.</summary>
    public PlotValues? Y { get; set; }

    /// <summary>How values map to colours (<c>"Viridis"</c>, <c>"Blues"</c>, or stops).</summary>
    public ColorScale? ColorScale { get; set; }

    /// <summary>Reverse the colour scale.</summary>
    public bool? ReverseScale { get; set; }

    /// <summary>The value drawn with the first colour of the scale (default: the smallest value).</summary>
    public double? ZMin { get; set; }

    /// <summary>The value drawn with the last colour of the scale (default: the largest value).</summary>
    public double? ZMax { get; set; }

    /// <summary>Whether the colour bar is shown.</summary>
    public bool? ShowScale { get; set; }

    /// <summary>The colour bar's title and size.</summary>
    public ColorBar? ColorBar { get; set; }

    /// <summary>A text per cell, row by row (used by <see cref="TextTemplate"/> and on hover).</summary>
    public string[][]? Text { get; set; }

    /// <summary>What is written in each cell, e.g. <c>"%{text}"</c> or <c>"%{z:.2f}"</c>.</summary>
    public string? TextTemplate { get; set; }

    /// <summary>The font of the cell texts.</summary>
    public PlotFont? TextFont { get; set; }

    /// <summary>Gaps between cells, in pixels.</summary>
    public double? XGap { get; set; }

    /// <summary>Gaps between cells, in pixels.</summary>
    public double? YGap { get; set; }

    internal override string Describe() => $"heatmap ({Z?.Length ?? 0}×{(Z is { Length: > 0 } ? Z[0].Length : 0)})";
}
