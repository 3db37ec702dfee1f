using System.Text;

namespace CourseKit.Plots.Svg;

/// <summary>
/// The outlines of plotly's marker symbols as SVG path data, centred on a point, with the proportions plotly.js
/// uses (size is the diameter; a diamond reaches 1.3 radii, a star 1.4). A name ending in "-open" is drawn as an
/// outline only. Unknown symbols are drawn as circles.
/// </summary>
internal static class MarkerSymbols
{
    /// <summary>Whether the symbol is drawn as an outline (<c>"circle-open"</c>, …).</summary>
    public static bool IsOpen(string? symbol) => symbol?.EndsWith("-open", StringComparison.Ordinal) == true;

    /// <summary>Appends the path of <paramref name="symbol"/> of diameter <paramref name="size"/> at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static void Append(StringBuilder path, string? symbol, double x, double y, double size)
    {
        double r = Math.Max(size, 0) / 2;
        var name = symbol is null ? "circle" : IsOpen(symbol) ? symbol[..^5] : symbol;
        switch (name)
        {
            case "square":
                Move(path, x + r, y + r).Append('H').Append(N(x - r)).Append('V').Append(N(y - r)).Append('H').Append(N(x + r)).Append('Z');
                break;
            case "diamond":
                Polygon(path, x, y, [(1.3 * r, 0), (0, 1.3 * r), (-1.3 * r, 0), (0, -1.3 * r)]);
                break;
            case "cross":
            {
                double a = 0.4 * r, b = 1.2 * r;
                Polygon(path, x, y, [(b, a), (a, a), (a, b), (-a, b), (-a, a), (-b, a), (-b, -a), (-a, -a), (-a, -b), (a, -b), (a, -a), (b, -a)]);
                break;
            }
            case "x":
            {
                // An X made of two bars: the outline steps diagonally by t in each direction.
                double t = 0.8 * r / Math.Sqrt(2);
                Polygon(path, x, y, [(0, t), (t, 2 * t), (2 * t, t), (t, 0), (2 * t, -t), (t, -2 * t), (0, -t), (-t, -2 * t), (-2 * t, -t), (-t, 0), (-2 * t, t), (-t, 2 * t)]);
                break;
            }
            case "triangle-up":
            {
                double half = 2 * r / Math.Sqrt(3);
                Polygon(path, x, y, [(-half, r / 2), (half, r / 2), (0, -r)]);
                break;
            }
            case "triangle-down":
            {
                double half = 2 * r / Math.Sqrt(3);
                Polygon(path, x, y, [(-half, -r / 2), (half, -r / 2), (0, r)]);
                break;
            }
            case "star":
            {
                double s = 1.4 * r;
                Polygon(path, x, y,
                [
                    (0.225 * s, -0.309 * s), (0.951 * s, -0.309 * s), (0.363 * s, 0.118 * s), (0.588 * s, 0.809 * s), (0, 0.382 * s),
                    (-0.588 * s, 0.809 * s), (-0.363 * s, 0.118 * s), (-0.951 * s, -0.309 * s), (-0.225 * s, -0.309 * s), (0, -s),
                ]);
                break;
            }
            default: // circle: two half arcs, drawn relative to the start (shorter for thousands of points)
                Move(path, x + r, y).Append('a').Append(N(r)).Append(',').Append(N(r)).Append(" 0 1,1 ").Append(N(-2 * r)).Append(",0")
                    .Append('a').Append(N(r)).Append(',').Append(N(r)).Append(" 0 1,1 ").Append(N(2 * r)).Append(",0Z");
                break;
        }
    }

    private static StringBuilder Move(StringBuilder path, double x, double y) => path.Append('M').Append(N(x)).Append(',').Append(N(y));

    private static void Polygon(StringBuilder path, double x, double y, (double Dx, double Dy)[] corners)
    {
        Move(path, x + corners[0].Dx, y + corners[0].Dy);
        for (int i = 1; i < corners.Length; i++) path.Append('L').Append(N(x + corners[i].Dx)).Append(',').Append(N(y + corners[i].Dy));
        path.Append('Z');
    }

    private static string N(double v) => SvgWriter.Number(v);
}
