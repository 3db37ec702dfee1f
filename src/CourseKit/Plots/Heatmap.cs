namespace CourseKit;

/// <summary>
/// A matrix drawn as coloured cells: plotly's <c>heatmap</c> trace. <c>Z[row][column]</c> is drawn at
/// (<c>X[column]</c>, <c>Y[row]</c>); row 0 is at the bottom unless the y axis has <c>AutoRange = "reversed"</c>.
/// </summary>
public sealed record Heatmap : GridTrace
{
    public override string Type => "heatmap";

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
