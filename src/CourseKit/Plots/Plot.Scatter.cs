namespace CourseKit;

public static partial class Plot
{
    /// <summary>Colour by class when the colours are whole numbers with at most this many different values.</summary>
    internal const int MaxClassColors = 20;

    /// <summary>
    /// A scatter plot. Two ways to call it:
    /// <code>Plot.Scatter(x1, x2)                 // two vectors: x1 across, x2 up
    /// Plot.Scatter(points, labels)            // one (n, 2) tensor; the second argument colours the points
    /// Plot.Scatter(x1, x2, color: labels)</code>
    /// Colours that are whole numbers (class labels) give one colour and legend entry per class; other numbers
    /// are shown on a colour scale.
    /// </summary>
    /// <param name="x">The horizontal positions (n,), or all the points as (n, 2).</param>
    /// <param name="y">The vertical positions (n,) — or, when <paramref name="x"/> is (n, 2), the colours. Null: plot x against its index.</param>
    /// <param name="color">A class or value per point (n,), or null for one colour.</param>
    /// <param name="title">The figure's title.</param>
    public static Figure Scatter(Tensor x, Tensor? y = null, Tensor? color = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        float[] xs, ys;
        string xTitle = "x", yTitle = "y";
        var shape = x.Shape;
        if (shape.Length == 2 && shape[1] == 2)
        {
            if (y is not null && color is not null)
                throw new ArgumentException("Plot.Scatter: x holds the points (n, 2), so the second argument is their colour; don't pass color as well.", nameof(color));
            color ??= y;
            var values = x.ToArray();
            xs = Enumerable.Range(0, shape[0]).Select(i => values[2 * i]).ToArray();
            ys = Enumerable.Range(0, shape[0]).Select(i => values[2 * i + 1]).ToArray();
            (xTitle, yTitle) = ("x1", "x2");
        }
        else
        {
            if (shape.Length == 2 && shape[1] > 2)
                throw new ArgumentException($"Plot.Scatter: x has shape {ShapeMath.Format(shape)}; pass a vector, or two columns as (n, 2), e.g. x[.., 0..2].", nameof(x));
            xs = Vector(x, "x", "Scatter");
            if (y is null)
            {
                ys = xs;
                xs = Enumerable.Range(0, ys.Length).Select(i => (float)i).ToArray();
                (xTitle, yTitle) = ("index", "value");
            }
            else ys = Vector(y, "y", "Scatter");
            if (xs.Length != ys.Length)
                throw new ArgumentException($"Plot.Scatter: x has {xs.Length} values but y has {ys.Length}; they must match.", nameof(y));
        }

        var figure = new Figure { Layout = FigureLayout.Clean(title) };
        figure.Layout.XAxis = CleanAxis(xTitle);
        figure.Layout.YAxis = CleanAxis(yTitle);
        figure.Layout.Height = 500;
        var marker = new Marker { Size = xs.Length > 2000 ? 4 : 7, Opacity = 0.85 };
        if (color is null)
        {
            figure.Add(Points(xs, ys, Enumerable.Range(0, xs.Length), null, marker with { Color = ColorOf(0) }));
            return figure;
        }
        var colors = Vector(color, "color", "Scatter");
        if (colors.Length != xs.Length)
            throw new ArgumentException($"Plot.Scatter: there are {xs.Length} points but {colors.Length} colours; give one per point.", nameof(color));
        var classes = colors.Distinct().OrderBy(c => c).ToArray();
        if (AreWholeNumbers(colors) && classes.Length <= MaxClassColors)
        {
            for (int k = 0; k < classes.Length; k++)
            {
                var rows = Enumerable.Range(0, xs.Length).Where(i => colors[i] == classes[k]);
                int label = (int)classes[k];
                figure.Add(Points(xs, ys, rows, $"class {label}", marker with { Color = ColorOf(label) }));
            }
            return figure;
        }
        figure.Add(Points(xs, ys, Enumerable.Range(0, xs.Length), null, marker with
        {
            Color = colors,
            ColorScale = "Viridis",
            ShowScale = true,
            ColorBar = new ColorBar { Thickness = 15 },
        }));
        return figure;
    }

    private static Scatter Points(float[] xs, float[] ys, IEnumerable<int> rows, string? name, Marker marker)
    {
        var selected = rows.ToArray();
        return new Scatter
        {
            Name = name,
            Mode = "markers",
            X = selected.Select(i => xs[i]).ToArray(),
            Y = selected.Select(i => ys[i]).ToArray(),
            Marker = marker,
            HoverTemplate = $"({"%{x:.3f}"}, {"%{y:.3f}"})<extra>{name ?? ""}</extra>",
        };
    }
}
