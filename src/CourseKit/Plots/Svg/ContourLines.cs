namespace CourseKit.Plots.Svg;

/// <summary>
/// Finds where a grid of values crosses a level ("marching squares"): in every square of four neighbouring grid
/// points, the level crosses each side whose two corners lie on different sides of it, at the linearly interpolated
/// position. Two crossings make one segment; four (a saddle) are paired by the value at the square's centre.
/// <see cref="Join"/> then chains the segments into lines.
/// </summary>
internal static class ContourLines
{
    /// <summary>The segments of level <paramref name="level"/>, in the units of <paramref name="xs"/> and <paramref name="ys"/>.</summary>
    public static List<((double X, double Y) From, (double X, double Y) To)> Segments(double[] xs, double[] ys, Func<int, int, double> z, double level)
    {
        var segments = new List<((double, double), (double, double))>();
        Span<(double X, double Y)> crossings = stackalloc (double, double)[4];
        for (int row = 0; row + 1 < ys.Length; row++)
            for (int column = 0; column + 1 < xs.Length; column++)
            {
                // Corners counter-clockwise from the bottom left: a (row, column), b (row, column+1), c (row+1, column+1), d (row+1, column).
                double a = z(row, column), b = z(row, column + 1), c = z(row + 1, column + 1), d = z(row + 1, column);
                if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || !double.IsFinite(d)) continue;
                bool aa = a >= level, ba = b >= level, ca = c >= level, da = d >= level;
                if (aa == ba && ba == ca && ca == da) continue;
                double x0 = xs[column], x1 = xs[column + 1], y0 = ys[row], y1 = ys[row + 1];
                int n = 0;
                if (aa != ba) crossings[n++] = (Between(x0, x1, a, b, level), y0);   // bottom side
                if (ba != ca) crossings[n++] = (x1, Between(y0, y1, b, c, level));   // right side
                if (da != ca) crossings[n++] = (Between(x0, x1, d, c, level), y1);   // top side
                if (aa != da) crossings[n++] = (x0, Between(y0, y1, a, d, level));   // left side
                if (n == 2) segments.Add((crossings[0], crossings[1]));
                else if (n == 4)
                {
                    bool centreAbove = (a + b + c + d) / 4 >= level;
                    if (centreAbove == aa)
                    {
                        segments.Add((crossings[0], crossings[1]));
                        segments.Add((crossings[2], crossings[3]));
                    }
                    else
                    {
                        segments.Add((crossings[3], crossings[0]));
                        segments.Add((crossings[1], crossings[2]));
                    }
                }
            }
        return segments;
    }

    /// <summary>
    /// Joins segments that share an end into lines (neighbouring squares compute their common crossing identically),
    /// so a contour is a few long paths instead of thousands of pieces.
    /// </summary>
    public static List<List<(double X, double Y)>> Join(List<((double X, double Y) From, (double X, double Y) To)> segments)
    {
        var byEnd = new Dictionary<(double, double), List<int>>();
        for (int i = 0; i < segments.Count; i++)
        {
            Add(byEnd, segments[i].From, i);
            Add(byEnd, segments[i].To, i);
        }
        var used = new bool[segments.Count];
        var lines = new List<List<(double X, double Y)>>();
        for (int i = 0; i < segments.Count; i++)
        {
            if (used[i]) continue;
            used[i] = true;
            var line = new LinkedList<(double X, double Y)>([segments[i].From, segments[i].To]);
            Extend(line, atEnd: true);
            Extend(line, atEnd: false);
            lines.Add([.. line]);
        }
        return lines;

        void Extend(LinkedList<(double X, double Y)> line, bool atEnd)
        {
            while (true)
            {
                var end = atEnd ? line.Last!.Value : line.First!.Value;
                int next = byEnd[end].FirstOrDefault(j => !used[j], -1);
                if (next < 0) return;
                used[next] = true;
                var other = segments[next].From == end ? segments[next].To : segments[next].From;
                if (atEnd) line.AddLast(other);
                else line.AddFirst(other);
            }
        }
    }

    private static void Add(Dictionary<(double, double), List<int>> byEnd, (double, double) point, int segment)
    {
        if (!byEnd.TryGetValue(point, out var list)) byEnd[point] = list = [];
        list.Add(segment);
    }

    private static double Between(double p0, double p1, double v0, double v1, double level) => p0 + (p1 - p0) * (level - v0) / (v1 - v0);
}
