using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseKit.Plots.Svg;

/// <summary>
/// Draws a <see cref="Heatmap"/>: each value as a cell coloured from the colour scale (cells span half way to their
/// neighbours, with <c>xgap</c>/<c>ygap</c> pixels between them), and, with a <c>texttemplate</c>, the cell's text in
/// black or white, whichever stands out on the cell's colour.
/// </summary>
internal sealed partial class HeatmapDrawer : GridTraceDrawer
{
    private readonly Heatmap _heatmap;
    private double[] _columnEdges = [], _rowEdges = [];

    public HeatmapDrawer(Heatmap heatmap, int index, SvgAxis x, SvgAxis y) : base(heatmap, index, x, y) => _heatmap = heatmap;

    public override ColorBarSpec? ColorBar => _heatmap.ShowScale != false && Columns > 0 ? new ColorBarSpec(Scale, ZMin, ZMax, _heatmap.ColorBar) : null;

    protected override void MeasureGrid()
    {
        if (Columns == 0) return;
        _columnEdges = GridRaster.Edges(XCentres, Columns);
        _rowEdges = GridRaster.Edges(YCentres, Rows);
        X.AutoRange.Include(_columnEdges.Where(double.IsFinite).DefaultIfEmpty(0).Min(), _columnEdges.Where(double.IsFinite).DefaultIfEmpty(0).Max());
        Y.AutoRange.Include(_rowEdges.Where(double.IsFinite).DefaultIfEmpty(0).Min(), _rowEdges.Where(double.IsFinite).DefaultIfEmpty(0).Max());
    }

    /// <summary>The colour of a value (null for a missing one).</summary>
    public Rgba? ColorOf(double value) => double.IsFinite(value) ? Scale.At(value, ZMin, ZMax) : null;

    public override void Draw(SvgWriter w)
    {
        if (Columns == 0) return;
        var columnPixels = _columnEdges.Select(X.Pixel).ToArray();
        var rowPixels = _rowEdges.Select(Y.Pixel).ToArray();
        w.Element("g").Attr("class", "trace heatmap").Attr("opacity", TraceOpacity).Open();
        GridRaster.Draw(w, columnPixels, rowPixels, (row, column) => ColorOf(ValueAt(row, column)), _heatmap.XGap ?? 0, _heatmap.YGap ?? 0);
        if (_heatmap.TextTemplate is { } template) DrawTexts(w, template, columnPixels, rowPixels);
        w.Close("g");
    }

    private void DrawTexts(SvgWriter w, string template, double[] columnPixels, double[] rowPixels)
    {
        var font = Font.With(_heatmap.TextFont);
        for (int row = 0; row < Rows; row++)
            for (int column = 0; column < Columns; column++)
            {
                var text = Fill(template, row, column);
                if (string.IsNullOrEmpty(text)) continue;
                var background = ColorOf(ValueAt(row, column));
                var color = _heatmap.TextFont?.Color ?? (background is { Brightness: < 128 } ? "#fff" : "#444");
                SvgText.Write(w, (columnPixels[column] + columnPixels[column + 1]) / 2, (rowPixels[row] + rowPixels[row + 1]) / 2,
                              SvgText.Lines(text), font with { Color = color });
            }
    }

    [GeneratedRegex(@"%\{(text|z|x|y)(?::([^}]*))?\}")]
    private static partial Regex Placeholder();

    /// <summary>The cell's text from plotly's template syntax: <c>%{text}</c>, <c>%{z}</c>, <c>%{z:.2f}</c>, <c>%{x}</c>, <c>%{y}</c>.</summary>
    private string Fill(string template, int row, int column) => Placeholder().Replace(template, m =>
    {
        var format = m.Groups[2].Success ? m.Groups[2].Value : null;
        return m.Groups[1].Value switch
        {
            "text" => _heatmap.Text is { } t && row < t.Length && column < t[row].Length ? t[row][column] : "",
            "z" => Number(ValueAt(row, column), format),
            "x" => Label(_heatmap.X, column, format),
            _ => Label(_heatmap.Y, row, format),
        };
    });

    private static string Number(double value, string? format) =>
        double.IsFinite(value) ? format is null ? value.ToString("0.######", CultureInfo.InvariantCulture) : TickLabels.Format(value, 1, format) : "";

    /// <summary>A column's or row's name, its number, or (without positions) its index.</summary>
    private static string Label(PlotValues? values, int i, string? format) =>
        values?.Strings is { } s && i < s.Count ? s[i] ?? "" : Number(values?.Numbers is { } n && i < n.Count ? n[i] : i, format);
}
