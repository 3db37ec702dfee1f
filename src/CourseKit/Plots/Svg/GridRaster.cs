using CourseKit.Interactive;

namespace CourseKit.Plots.Svg;

/// <summary>
/// Draws a grid of coloured cells (heatmaps, filled contours, images). Small grids, and grids with gaps between
/// cells, become one <c>&lt;rect&gt;</c> per cell; larger regular grids become one embedded PNG (a 100 × 100 grid as
/// rectangles would weigh about half a megabyte, as a PNG a few kilobytes), stretched over the cells with
/// <c>image-rendering: pixelated</c> so each cell stays a sharp square, or smoothed for a continuous surface.
/// </summary>
internal static class GridRaster
{
    /// <summary>Grids of more cells than this are drawn as an image when their cells are evenly sized.</summary>
    public const int MaxRectangles = 625;

    /// <summary>
    /// Draws the cells between <paramref name="columnEdges"/> and <paramref name="rowEdges"/> (pixels, one more than
    /// there are columns and rows), each in <paramref name="color"/>(row, column) (null: left empty).
    /// </summary>
    public static void Draw(SvgWriter w, double[] columnEdges, double[] rowEdges, Func<int, int, Rgba?> color,
                            double xGap = 0, double yGap = 0, bool smooth = false)
    {
        int columns = columnEdges.Length - 1, rows = rowEdges.Length - 1;
        if (columns < 1 || rows < 1) return;
        bool small = columns * rows <= MaxRectangles || ((xGap > 0 || yGap > 0) && columns * rows <= 40_000);
        if (small || !IsEven(columnEdges) || !IsEven(rowEdges)) Rectangles(w, columnEdges, rowEdges, color, xGap, yGap);
        else Picture(w, columnEdges, rowEdges, color, smooth);
    }

    private static void Rectangles(SvgWriter w, double[] columnEdges, double[] rowEdges, Func<int, int, Rgba?> color, double xGap, double yGap)
    {
        // Crisp edges: anti-aliased neighbours would let the background show through as thin lines between cells.
        w.Element("g").Attr("shape-rendering", "crispEdges").Open();
        for (int row = 0; row < rowEdges.Length - 1; row++)
            for (int column = 0; column < columnEdges.Length - 1; column++)
            {
                if (color(row, column) is not { } c) continue;
                double x0 = Math.Min(columnEdges[column], columnEdges[column + 1]) + xGap / 2, x1 = Math.Max(columnEdges[column], columnEdges[column + 1]) - xGap / 2;
                double y0 = Math.Min(rowEdges[row], rowEdges[row + 1]) + yGap / 2, y1 = Math.Max(rowEdges[row], rowEdges[row + 1]) - yGap / 2;
                if (x1 <= x0 || y1 <= y0) continue;
                w.Element("rect").Attr("x", x0).Attr("y", y0).Attr("width", x1 - x0).Attr("height", y1 - y0).Attr("fill", c.Hex)
                 .Attr("fill-opacity", c.A < 1 ? c.A : null).End();
            }
        w.Close("g");
    }

    private static void Picture(SvgWriter w, double[] columnEdges, double[] rowEdges, Func<int, int, Rgba?> color, bool smooth)
    {
        int columns = columnEdges.Length - 1, rows = rowEdges.Length - 1;
        bool flipX = columnEdges[^1] < columnEdges[0], flipY = rowEdges[^1] < rowEdges[0];
        var pixels = new byte[columns * rows * 3];
        for (int row = 0; row < rows; row++)
            for (int column = 0; column < columns; column++)
            {
                var c = color(row, column) ?? new Rgba(255, 255, 255);
                if (c.A < 1) c = Rgba.Mix(new Rgba(255, 255, 255), c with { A = 1 }, c.A);
                int px = flipX ? columns - 1 - column : column, py = flipY ? rows - 1 - row : row;
                var (r, g, b) = c.Bytes;
                int k = (py * columns + px) * 3;
                (pixels[k], pixels[k + 1], pixels[k + 2]) = (r, g, b);
            }
        double left = Math.Min(columnEdges[0], columnEdges[^1]), top = Math.Min(rowEdges[0], rowEdges[^1]);
        double width = Math.Abs(columnEdges[^1] - columnEdges[0]), height = Math.Abs(rowEdges[^1] - rowEdges[0]);
        Image(w, pixels, columns, rows, 3, left, top, width, height, smooth);
    }

    /// <summary>Writes an <c>&lt;image&gt;</c> with <paramref name="pixels"/> (rows top to bottom, 1 or 3 bytes each) as a PNG.</summary>
    public static void Image(SvgWriter w, byte[] pixels, int columns, int rows, int channels, double x, double y, double width, double height, bool smooth)
    {
        // Pixelated cells are also enlarged in the PNG itself, for viewers that smooth images whatever CSS says.
        int scale = smooth ? 1 : Math.Clamp((int)Math.Floor(Math.Min(width / columns, height / rows)), 1, 4);
        var png = Png.Encode(pixels, columns, rows, channels, scale);
        ImageElement(w, "data:image/png;base64," + Convert.ToBase64String(png), x, y, width, height, smooth);
    }

    /// <summary>An <c>&lt;image&gt;</c> stretched over the given pixels.</summary>
    public static void ImageElement(SvgWriter w, string dataUri, double x, double y, double width, double height, bool smooth)
    {
        w.Element("image").Attr("x", x).Attr("y", y).Attr("width", width).Attr("height", height).Attr("preserveAspectRatio", "none")
         .Attr("style", smooth ? null : "image-rendering:pixelated").Attr("xlink:href", dataUri).End();
    }

    /// <summary>Whether all steps between edges are the same (within 1 %), so one image can stand for the cells.</summary>
    private static bool IsEven(double[] edges)
    {
        double step = (edges[^1] - edges[0]) / (edges.Length - 1);
        for (int i = 1; i < edges.Length; i++)
            if (Math.Abs(edges[i] - edges[i - 1] - step) > Math.Abs(step) * 0.01 + 1e-9) return false;
        return true;
    }

    /// <summary>
    /// Cell edges around cell centres: half way between neighbours, and half a step beyond the first and last
    /// (a single centre gets ±0.5). Given one more value than cells, the values already are the edges.
    /// </summary>
    public static double[] Edges(double[] centres, int cells)
    {
        if (centres.Length == cells + 1) return centres;
        if (cells == 1) return [centres[0] - 0.5, centres[0] + 0.5];
        var edges = new double[cells + 1];
        for (int i = 1; i < cells; i++) edges[i] = (centres[i - 1] + centres[i]) / 2;
        edges[0] = centres[0] - (centres[1] - centres[0]) / 2;
        edges[cells] = centres[cells - 1] + (centres[cells - 1] - centres[cells - 2]) / 2;
        return edges;
    }
}
