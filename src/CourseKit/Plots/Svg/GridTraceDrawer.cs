namespace CourseKit.Plots.Svg;

/// <summary>
/// What drawing a <see cref="Heatmap"/> and a <see cref="Contour"/> share: the grid's positions (<c>X[column]</c>,
/// <c>Y[row]</c>, or 0, 1, 2, … when not given), the value range mapped to colours (<c>zmin</c>/<c>zmax</c>, by default
/// the values' own range) and the colour scale (plotly's default for these traces is "RdBu").
/// </summary>
internal abstract class GridTraceDrawer : TraceDrawer
{
    protected GridTraceDrawer(GridTrace grid, int index, SvgAxis x, SvgAxis y) : base(grid, index, x, y)
    {
        Grid = grid;
        Z = grid.Z ?? [];
        Rows = Z.Length;
        Columns = Rows == 0 ? 0 : Z.Max(r => r?.Length ?? 0);
        var finite = Z.SelectMany(r => r ?? []).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        ZMin = grid.ZMin ?? finite.Min();
        ZMax = grid.ZMax ?? finite.Max();
        Scale = ColorScales.Of(grid.ColorScale, grid.ReverseScale == true);
    }

    protected GridTrace Grid { get; }
    protected double[][] Z { get; }
    protected int Rows { get; }
    protected int Columns { get; }
    public double ZMin { get; }
    public double ZMax { get; }
    public ColorScales Scale { get; }

    /// <summary>Column and row positions in axis units (set by <see cref="Measure"/>).</summary>
    protected double[] XCentres { get; private set; } = [];
    protected double[] YCentres { get; private set; } = [];

    public override IEnumerable<(SvgAxis, PlotValues?)> AxisValues => [(X, Grid.X), (Y, Grid.Y)];

    public override bool InLegendByDefault => false;

    /// <summary>The value at (row, column), NaN when missing.</summary>
    protected double ValueAt(int row, int column) => row < Z.Length && Z[row] is { } r && column < r.Length ? r[column] : double.NaN;

    public override void Measure()
    {
        XCentres = X.AllUnits(Grid.X, Grid.X is { IsSingle: false } xs && xs.Count == Columns + 1 ? Columns + 1 : Columns);
        YCentres = Y.AllUnits(Grid.Y, Grid.Y is { IsSingle: false } ys && ys.Count == Rows + 1 ? Rows + 1 : Rows);
        MeasureGrid();
    }

    /// <summary>Includes the grid's extent in the axes' ranges (heatmaps: the cells' edges; contours: the outer grid points).</summary>
    protected abstract void MeasureGrid();

    public override void DrawLegendSymbol(SvgWriter w, double x, double y) =>
        w.Element("rect").Attr("x", x + 14).Attr("y", y - 6).Attr("width", 12).Attr("height", 12).Attr("fill", Scale.AtPosition(0.5).Hex).End();
}
