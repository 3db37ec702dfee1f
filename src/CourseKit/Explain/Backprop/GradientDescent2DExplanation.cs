using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// Gradient descent on a function of two numbers (made by
/// <see cref="Explain.GradientDescent(Func{double, double, double}, ValueTuple{double, double}, double, int)"/>): the
/// iterates <c>p_{k+1} = p_k − η ∇f(p_k)</c>, the values f(p_k), and a <see cref="Figure"/> with the path on a contour plot.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class GradientDescent2DExplanation : Explanation
{
    private readonly Func<double, double, double> _f;

    private GradientDescent2DExplanation(Func<double, double, double> f, double learningRate, List<(double X, double Y)> iterates,
                                         List<double> values, List<(double X, double Y)> gradients, bool numeric)
    {
        _f = f;
        LearningRate = learningRate;
        Iterates = iterates;
        Values = values;
        Gradients = gradients;
        NumericGradient = numeric;
    }

    public override string Title => $"Gradient descent in 2-D with η = {StepsHtml.Text(LearningRate)}" + (Diverged ? " (diverging)" : "");

    /// <summary>η, the step size.</summary>
    public double LearningRate { get; }

    /// <summary>p₀ = start, p₁, …: one more than the steps taken (fewer if a coordinate became infinite).</summary>
    public IReadOnlyList<(double X, double Y)> Iterates { get; }

    /// <summary>f(p_k) for each iterate.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>∇f(p_k) = (∂f/∂x, ∂f/∂y) for each iterate but the last.</summary>
    public IReadOnlyList<(double X, double Y)> Gradients { get; }

    /// <summary>Whether the gradient was estimated by central differences (true) or given (false).</summary>
    public bool NumericGradient { get; }

    /// <summary>The last iterate.</summary>
    public (double X, double Y) Final => Iterates[^1];

    /// <summary>True when a coordinate became infinite or NaN, or f ended higher than it started: lower the learning rate.</summary>
    public bool Diverged => Values.Any(v => !double.IsFinite(v)) || Values[^1] > Values[0];

    /// <summary>The path on a contour plot of f.</summary>
    public Figure Figure
    {
        get
        {
            var finite = Iterates.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
            var (xs, ys) = (Grid(finite.Select(p => p.X)), Grid(finite.Select(p => p.Y)));
            var z = ys.Select(y => xs.Select(x => Clean(_f(x, y))).ToArray()).ToArray();
            var figure = new Figure(
                new Contour { X = xs, Y = ys, Z = z, ColorScale = "Viridis", NContours = 20, ShowScale = true, Name = "f(x, y)" },
                new Scatter
                {
                    Name = "path", Mode = "lines+markers", X = finite.Select(p => p.X).ToArray(), Y = finite.Select(p => p.Y).ToArray(),
                    Text = Enumerable.Range(0, finite.Count).Select(k => $"p{GradientDescentExplanation.Subscript(k)}").ToArray(),
                    HoverTemplate = "%{text} = (%{x:.4g}, %{y:.4g})<extra></extra>",
                    Line = new LineStyle { Color = Diverged ? "#d62728" : "white" },
                    Marker = new Marker { Color = Diverged ? "#d62728" : "white", Size = 7, Line = new LineStyle { Color = "#222" } },
                    ShowLegend = false,
                }) { Layout = FigureLayout.Clean(Title) };
            figure.Layout.XAxis = new Axis { Title = "x" };
            figure.Layout.YAxis = new Axis { Title = "y", ScaleAnchor = "x" };
            if (Diverged) figure.Layout.Annotations = [GradientDescentExplanation.DivergingNote("paper", "paper", 0.5, 1)];
            return figure;
        }
    }

    private static double Clean(double v) => double.IsFinite(v) ? v : double.NaN;

    private static double[] Grid(IEnumerable<double> values)
    {
        var list = values.ToList();
        double lo = list.Min(), hi = list.Max();
        double pad = Math.Max(0.5, 0.2 * (hi - lo));
        return [.. Enumerable.Range(0, 61).Select(i => lo - pad + (hi - lo + 2 * pad) * i / 60)];
    }

    internal static GradientDescent2DExplanation Run(Func<double, double, double> f, Func<double, double, (double X, double Y)>? gradient,
                                                     (double X, double Y) start, double learningRate, int steps)
    {
        ArgumentNullException.ThrowIfNull(f);
        GradientDescentExplanation.CheckSettings(learningRate, steps);
        if (!double.IsFinite(start.X) || !double.IsFinite(start.Y))
            throw new ArgumentException($"Explain.GradientDescent: start must be finite, got ({start.X}, {start.Y}).", nameof(start));
        var grad = gradient ?? ((x, y) => (GradientDescentExplanation.CentralDifference(t => f(t, y), x),
                                           GradientDescentExplanation.CentralDifference(t => f(x, t), y)));
        var ps = new List<(double X, double Y)> { start };
        var fs = new List<double> { f(start.X, start.Y) };
        var gs = new List<(double X, double Y)>();
        for (int k = 0; k < steps && double.IsFinite(ps[^1].X) && double.IsFinite(ps[^1].Y); k++)
        {
            var (x, y) = ps[^1];
            var g = grad(x, y);
            gs.Add(g);
            var next = (X: x - learningRate * g.X, Y: y - learningRate * g.Y);
            ps.Add(next);
            fs.Add(double.IsFinite(next.X) && double.IsFinite(next.Y) ? f(next.X, next.Y) : double.NaN);
        }
        return new GradientDescent2DExplanation(f, learningRate, ps, fs, gs, gradient is null);
    }

    private static string P((double X, double Y) p) => $"({StepsHtml.Text(p.X)}, {StepsHtml.Text(p.Y)})";

    public override string ToHtml()
    {
        string rule = $"$$p_{{k+1}} = p_k - \\eta\\, \\nabla f(p_k), \\qquad \\eta = {Tex.Number(LearningRate)}$$";
        var rows = new List<IReadOnlyList<string>>();
        int shown = Math.Min(Iterates.Count, 12);
        for (int k = 0; k < shown; k++)
            rows.Add([k.ToString(), P(Iterates[k]), StepsHtml.Text(Values[k]), k < Gradients.Count ? P(Gradients[k]) : ""]);
        string? more = Iterates.Count > shown ? $"… {Iterates.Count - shown} more (last p = {P(Final)}, f = {StepsHtml.Text(Values[^1])})" : null;
        string verdict = Diverged
            ? "<div style=\"color:#d62728;font-weight:600\">Diverging: the steps overshoot and f grows. Lower the learning rate.</div>"
            : $"<div>After {Iterates.Count - 1} steps: p = {Html.Escape(P(Final))}, f(p) = {Html.Escape(StepsHtml.Text(Values[^1]))}.</div>";
        return MathHtml.Block(Html.Block("gradient-descent",
            Html.Head(Title) + rule + verdict + Html.Table(["k", "p_k", "f(p_k)", "∇f(p_k)"], rows, c => c != 1 && c != 3, more) + Figure.ToHtml()));
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Title).Append("\np_{k+1} = p_k − η ∇f(p_k)\n");
        for (int k = 0; k < Iterates.Count; k++)
            sb.Append($"  p{GradientDescentExplanation.Subscript(k)} = {P(Iterates[k])}   f = {StepsHtml.Text(Values[k])}\n");
        if (Diverged) sb.Append("Diverging: f grows. Lower the learning rate.\n");
        return sb.ToString();
    }
}
