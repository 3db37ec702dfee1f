namespace CourseKit;

public static partial class Plot
{
    /// <summary>
    /// The graph of a function of one variable between <paramref name="from"/> and <paramref name="to"/>. The function
    /// gets all x values at once as a vector and must return a vector of the same length:
    /// <code>Plot.Function(x => x.Sigmoid(), -6, 6, name: "σ(x)")</code>
    /// </summary>
    /// <param name="f">Maps a vector of x values (shape (points,)) to the y values (same size).</param>
    /// <param name="from">The left end of the x range.</param>
    /// <param name="to">The right end of the x range.</param>
    /// <param name="points">How many x values are evaluated.</param>
    /// <param name="name">The curve's name (the title too).</param>
    public static Figure Function(Func<Tensor, Tensor> f, float from, float to, int points = 200, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var xs = Samples(from, to, points, "Function");
        var output = f(Tensor.FromData(xs, [points]));
        if (output is null || output.Size != points)
            throw new ArgumentException($"Plot.Function: f returned {(output is null ? "null" : $"shape {ShapeMath.Format(output.Shape)}")} for {points} x values; " +
                                        "it should return one y per x (an elementwise function such as x => x * x).", nameof(f));
        var figure = new Figure(new Scatter
        {
            Name = name ?? "f(x)",
            Mode = "lines",
            X = xs,
            Y = output.ToArray(),
            Line = new LineStyle { Color = TrainColor, Width = 2.5 },
            HoverTemplate = "x = %{x:.3f}<br>y = %{y:.4f}<extra></extra>",
        })
        {
            Layout = FigureLayout.Clean(name ?? "f(x)"),
        };
        figure.Layout.XAxis = CleanAxis("x") with { ZeroLine = true, ZeroLineColor = "#bbb" };
        figure.Layout.YAxis = CleanAxis(name ?? "f(x)") with { ZeroLine = true, ZeroLineColor = "#bbb" };
        figure.Layout.Height = 400;
        return figure;
    }

    /// <summary><paramref name="points"/> evenly spaced values from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    internal static float[] Samples(float from, float to, int points, string method)
    {
        if (!float.IsFinite(from) || !float.IsFinite(to) || !(from < to))
            throw new ArgumentException($"Plot.{method}: the range should go from a smaller to a larger number, got from {from} to {to}.");
        if (points < 2 || points > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(points), $"Plot.{method}: points should be between 2 and 1,000,000, got {points}.");
        return Enumerable.Range(0, points).Select(i => from + (to - from) * i / (points - 1)).ToArray();
    }
}
