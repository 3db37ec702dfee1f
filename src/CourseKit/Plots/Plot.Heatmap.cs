using System.Globalization;

namespace CourseKit;

public static partial class Plot
{
    /// <summary>
    /// A matrix as coloured cells, row 0 at the top (as it is printed), e.g. a weight matrix or an attention map.
    /// <code>Plot.Heatmap(weights, title: "W1", annotate: true)</code>
    /// </summary>
    /// <param name="matrix">A 2-D tensor (rows, columns).</param>
    /// <param name="title">The figure's title.</param>
    /// <param name="colorScale">The colour scale (default "Viridis"; "RdBu" suits values around 0).</param>
    /// <param name="annotate">Write each value in its cell (readable up to about 20 × 20).</param>
    /// <param name="columnLabels">A name per column, or null for 0, 1, 2, …</param>
    /// <param name="rowLabels">A name per row, or null for 0, 1, 2, …</param>
    /// <param name="xLabel">The title of the horizontal axis, what the columns are (e.g. "unit"); "column" by default.</param>
    /// <param name="yLabel">The title of the vertical axis, what the rows are (e.g. "training step"); "row" by default.</param>
    public static Figure Heatmap(Tensor matrix, string? title = null, ColorScale? colorScale = null, bool annotate = false,
                                 IReadOnlyList<string>? columnLabels = null, IReadOnlyList<string>? rowLabels = null,
                                 string xLabel = "column", string yLabel = "row")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var shape = matrix.Shape;
        if (shape.Length != 2)
            throw new ArgumentException($"Plot.Heatmap: needs a 2-D tensor (rows, columns), got shape {ShapeMath.Format(shape)}. " +
                                        (shape.Length == 1 ? $"Make it one row with .Reshape(1, {shape[0]})." : "Pick one slice, e.g. matrix[0]."), nameof(matrix));
        int rows = shape[0], columns = shape[1];
        if (columnLabels is not null && columnLabels.Count != columns)
            throw new ArgumentException($"Plot.Heatmap: got {columnLabels.Count} column labels for {columns} columns.", nameof(columnLabels));
        if (rowLabels is not null && rowLabels.Count != rows)
            throw new ArgumentException($"Plot.Heatmap: got {rowLabels.Count} row labels for {rows} rows.", nameof(rowLabels));
        var values = matrix.ToArray();
        var z = new double[rows][];
        for (int r = 0; r < rows; r++)
        {
            z[r] = new double[columns];
            for (int c = 0; c < columns; c++) z[r][c] = values[r * columns + c];
        }
        var heatmap = new Heatmap
        {
            Z = z,
            ColorScale = colorScale ?? "Viridis",
            ColorBar = new ColorBar { Thickness = 15 },
            HoverTemplate = $"{yLabel} %{{y}}, {xLabel} %{{x}}: %{{z:.4g}}<extra></extra>",
        };
        if (columnLabels is not null) heatmap.X = columnLabels.ToArray();
        if (rowLabels is not null) heatmap.Y = rowLabels.ToArray();
        if (annotate)
        {
            heatmap.Text = z.Select(row => row.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)).ToArray()).ToArray();
            heatmap.TextTemplate = "%{text}";
        }
        var figure = new Figure(heatmap) { Layout = FigureLayout.Clean(title) };
        figure.Layout.XAxis = new Axis { Title = xLabel, ShowGrid = false, ZeroLine = false, Type = columnLabels is null ? null : "category" };
        figure.Layout.YAxis = new Axis { Title = yLabel, ShowGrid = false, ZeroLine = false, AutoRange = "reversed", Type = rowLabels is null ? null : "category" };
        figure.Layout.Height = Math.Clamp(120 + 25 * rows, 300, 700);
        return figure;
    }
}
