namespace CourseKit;

/// <summary>
/// What plotly's grid traces (<see cref="Heatmap"/>, <see cref="Contour"/>) share: a value <c>Z[row][column]</c> at
/// (<c>X[column]</c>, <c>Y[row]</c>) and how values map to colours.
/// </summary>
public abstract record GridTrace : Trace
{
    /// <summary>The values on the grid, row by row (one row per y).</summary>
    public double[][]? Z { get; set; }

    /// <summary>The grid's x positions or names (one per column).</summary>
    public PlotValues? X { get; set; }

    /// <summary>The grid's y positions or names (one per row).</summary>
    public PlotValues? Y { get; set; }

    /// <summary>How values map to colours (<c>"Viridis"</c>, <c>"Blues"</c>, or stops).</summary>
    public ColorScale? ColorScale { get; set; }

    /// <summary>Reverse the colour scale.</summary>
    public bool? ReverseScale { get; set; }

    /// <summary>The value drawn with the first colour (default: the smallest value).</summary>
    public double? ZMin { get; set; }

    /// <summary>The value drawn with the last colour (default: the largest value).</summary>
    public double? ZMax { get; set; }

    /// <summary>Whether the colour bar is shown.</summary>
    public bool? ShowScale { get; set; }

    /// <summary>The colour bar's title and size.</summary>
    public ColorBar? ColorBar { get; set; }
}
