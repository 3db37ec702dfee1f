namespace CourseKit;

public static partial class Plot
{
    /// <summary>A line through the values of <paramref name="y"/>, against their index 0, 1, 2, …</summary>
    /// <param name="y">The values, a vector (n,) or (n, 1).</param>
    /// <param name="name">The line's name.</param>
    /// <param name="title">The figure's title.</param>
    public static Figure Line(Tensor y, string? name = null, string? title = null)
    {
        var ys = Vector(y, "y", "Line");
        return LineFigure(null, [(name ?? "y", ys)], title, "index");
    }

    /// <summary>A line through the points (x[i], y[i]).</summary>
    /// <param name="x">The horizontal positions (n,).</param>
    /// <param name="y">The values (n,).</param>
    /// <param name="name">The line's name.</param>
    /// <param name="title">The figure's title.</param>
    public static Figure Line(Tensor x, Tensor y, string? name = null, string? title = null)
    {
        var xs = Vector(x, "x", "Line");
        var ys = Vector(y, "y", "Line");
        if (xs.Length != ys.Length)
            throw new ArgumentException($"Plot.Line: x has {xs.Length} values but y has {ys.Length}; they must match.", nameof(y));
        return LineFigure(xs, [(name ?? "y", ys)], title, "x");
    }

    /// <summary>
    /// Several lines in one plot, one per named series, against <paramref name="x"/> or the index:
    /// <code>Plot.Line(new Dictionary&lt;string, Tensor&gt; { ["sin"] = x.Sin(), ["cos"] = x.Cos() }, x)</code>
    /// </summary>
    /// <param name="series">The lines by name, each a vector; all of the same length.</param>
    /// <param name="x">The shared horizontal positions, or null for 0, 1, 2, …</param>
    /// <param name="title">The figure's title.</param>
    public static Figure Line(IReadOnlyDictionary<string, Tensor> series, Tensor? x = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("Plot.Line: no series given; add at least one named vector.", nameof(series));
        var lines = series.Select(s => (s.Key, Vector(s.Value, $"series \"{s.Key}\"", "Line"))).ToList();
        var xs = x is null ? null : Vector(x, "x", "Line");
        int n = xs?.Length ?? lines[0].Item2.Length;
        foreach (var (name, values) in lines)
            if (values.Length != n)
                throw new ArgumentException($"Plot.Line: series \"{name}\" has {values.Length} values but {(xs is null ? $"\"{lines[0].Key}\"" : "x")} has {n}; all must match.", nameof(series));
        return LineFigure(xs, lines, title, xs is null ? "index" : "x");
    }

    private static Figure LineFigure(float[]? xs, List<(string Name, float[] Values)> lines, string? title, string xTitle)
    {
        var figure = new Figure { Layout = FigureLayout.Clean(title) };
        figure.Layout.XAxis = CleanAxis(xTitle);
        figure.Layout.YAxis = CleanAxis(lines.Count == 1 ? lines[0].Name : null);
        figure.Layout.Height = 420;
        figure.Layout.ShowLegend = lines.Count > 1;
        for (int i = 0; i < lines.Count; i++)
        {
            var (name, values) = lines[i];
            figure.Add(new Scatter
            {
                Name = name,
                Mode = values.Length <= 30 ? "lines+markers" : "lines",
                X = xs is null ? Enumerable.Range(0, values.Length).ToArray() : xs,
                Y = values,
                Line = new LineStyle { Color = ColorOf(i), Width = 2 },
                Marker = new Marker { Color = ColorOf(i), Size = 6 },
                HoverTemplate = $"{xTitle} = %{{x}}<br>{name} = %{{y:.4f}}<extra></extra>",
            });
        }
        return figure;
    }
}
