using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// Gradient descent on a function of one number (made by <see cref="Explain.GradientDescent(Func{double, double}, double, double, int)"/>):
/// the iterates x₀, x₁, … with <c>x_{k+1} = x_k − η f′(x_k)</c>, the values f(x_k), and a <see cref="Figure"/> with the
/// path on the curve. <see cref="Diverged"/> tells whether the steps overshot so much that f grew.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class GradientDescentExplanation : Explanation
{
    private GradientDescentExplanation(double learningRate, List<double> iterates, List<double> values, List<double> derivatives, bool numeric)
    {
        LearningRate = learningRate;
        Iterates = iterates;
        Values = values;
        Derivatives = derivatives;
        NumericDerivative = numeric;
    }

    public override string Title => $"Gradient descent with η = {StepsHtml.Text(LearningRate)}" + (Diverged ? " (diverging)" : "");

    /// <summary>η, the step size.</summary>
    public double LearningRate { get; }

    /// <summary>x₀ (the start), x₁, …: one more than the steps taken (fewer if x became infinite).</summary>
    public IReadOnlyList<double> Iterates { get; }

    /// <summary>f(x_k) for each iterate.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>f′(x_k) for each iterate but the last (the slopes the steps used).</summary>
    public IReadOnlyList<double> Derivatives { get; }

    /// <summary>Whether f′ was estimated by central differences (true) or given (false).</summary>
    public bool NumericDerivative { get; }

    /// <summary>The last iterate.</summary>
    public double Final => Iterates[^1];

    /// <summary>
    /// True when the descent went the wrong way: x became infinite or NaN, or f ended higher than it started.
    /// The learning rate is too large: lower it.
    /// </summary>
    public bool Diverged => Values.Any(v => !double.IsFinite(v)) || Iterates.Any(v => !double.IsFinite(v)) || Values[^1] > Values[0];

    /// <summary>The path on the curve of f.</summary>
    public Figure Figure
    {
        get
        {
            var figure = new Figure([.. Traces(null, null)]) { Layout = FigureLayout.Clean(Title) };
            figure.Layout.XAxis = new Axis { Title = "x" };
            figure.Layout.YAxis = new Axis { Title = "f(x)" };
            if (Diverged) figure.Layout.Annotations = [DivergingNote("paper", "paper", 0.5, 1)];
            return figure;
        }
    }

    internal Func<double, double> Function { get; private init; } = x => x;

    internal static GradientDescentExplanation Run(Func<double, double> f, Func<double, double>? derivative, double start, double learningRate, int steps)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckSettings(learningRate, steps);
        if (!double.IsFinite(start)) throw new ArgumentException($"Explain.GradientDescent: start must be a finite number, got {start}.", nameof(start));
        var slope = derivative ?? (x => CentralDifference(f, x));
        var xs = new List<double> { start };
        var fs = new List<double> { f(start) };
        var ds = new List<double>();
        for (int k = 0; k < steps && double.IsFinite(xs[^1]); k++)
        {
            double d = slope(xs[^1]);
            ds.Add(d);
            double next = xs[^1] - learningRate * d;
            xs.Add(next);
            fs.Add(double.IsFinite(next) ? f(next) : double.NaN);
        }
        return new GradientDescentExplanation(learningRate, xs, fs, ds, derivative is null) { Function = f };
    }

    /// <summary>(f(x + h) − f(x − h)) / 2h with h scaled to x.</summary>
    internal static double CentralDifference(Func<double, double> f, double x)
    {
        double h = 1e-5 * Math.Max(1, Math.Abs(x));
        return (f(x + h) - f(x - h)) / (2 * h);
    }

    internal static void CheckSettings(double learningRate, int steps)
    {
        if (!double.IsFinite(learningRate) || learningRate <= 0)
            throw new ArgumentException($"Explain.GradientDescent: the learning rate η must be a positive number, e.g. 0.1; got {learningRate}.", nameof(learningRate));
        if (steps is < 0 or > 100_000)
            throw new ArgumentException($"Explain.GradientDescent: steps must be between 0 and 100,000; got {steps}.", nameof(steps));
    }

    /// <summary>The curve and the path, on the given axes (null: the first).</summary>
    internal IEnumerable<Trace> Traces(string? xAxis, string? yAxis)
    {
        var finite = Iterates.Where(double.IsFinite).ToList();
        double lo = finite.Min(), hi = finite.Max();
        double pad = Math.Max(0.5, 0.15 * (hi - lo));
        var grid = Enumerable.Range(0, 201).Select(i => lo - pad + (hi - lo + 2 * pad) * i / 200).ToArray();
        var curve = grid.Select(x => (X: x, Y: Function(x))).Where(p => double.IsFinite(p.Y)).ToList();
        yield return new Scatter
        {
            Name = "f(x)", Mode = "lines", X = curve.Select(p => p.X).ToArray(), Y = curve.Select(p => p.Y).ToArray(),
            Line = new LineStyle { Color = "#888" }, XAxis = xAxis, YAxis = yAxis, ShowLegend = false,
        };
        var path = Enumerable.Range(0, Iterates.Count).Where(k => double.IsFinite(Iterates[k]) && double.IsFinite(Values[k])).ToList();
        yield return new Scatter
        {
            Name = $"η = {StepsHtml.Text(LearningRate)}", Mode = "lines+markers",
            X = path.Select(k => Iterates[k]).ToArray(), Y = path.Select(k => Values[k]).ToArray(),
            Text = path.Select(k => $"x{Subscript(k)}").ToArray(),
            HoverTemplate = "%{text} = %{x:.4g}<br>f = %{y:.4g}<extra></extra>",
            Line = new LineStyle { Color = Diverged ? "#d62728" : "#1f77b4" },
            Marker = new Marker { Color = Diverged ? "#d62728" : "#1f77b4", Size = 7 },
            XAxis = xAxis, YAxis = yAxis, ShowLegend = false,
        };
    }

    internal static PlotAnnotation DivergingNote(string xRef, string yRef, double x, double y) => new()
    {
        Text = "diverging: η is too large, lower the learning rate",
        X = x, Y = y, XRef = xRef, YRef = yRef, XAnchor = "center", YAnchor = "top", ShowArrow = false,
        Font = new PlotFont { Color = "#d62728", Size = 13 },
    };

    internal static string Subscript(int k) => string.Concat(k.ToString().Select(c => "₀₁₂₃₄₅₆₇₈₉"[c - '0']));

    /// <summary>A table of the iterates: k, xₖ, f(xₖ), f′(xₖ), xₖ₊₁.</summary>
    internal string TableHtml(int maxRows = 12)
    {
        var rows = new List<IReadOnlyList<string>>();
        int shown = Math.Min(Iterates.Count, maxRows);
        for (int k = 0; k < shown; k++)
            rows.Add([k.ToString(), StepsHtml.Text(Iterates[k]), StepsHtml.Text(Values[k]),
                      k < Derivatives.Count ? StepsHtml.Text(Derivatives[k]) : "", k + 1 < Iterates.Count ? StepsHtml.Text(Iterates[k + 1]) : ""]);
        string? more = Iterates.Count > shown ? $"… {Iterates.Count - shown} more (last x = {StepsHtml.Text(Final)}, f = {StepsHtml.Text(Values[^1])})" : null;
        return Html.Table(["k", "xₖ", "f(xₖ)", "f′(xₖ)", "xₖ₊₁ = xₖ − η f′(xₖ)"], rows, c => true, more);
    }

    public override string ToHtml()
    {
        string rule = $"$$x_{{k+1}} = x_k - \\eta\\, f'(x_k), \\qquad \\eta = {Tex.Number(LearningRate)}$$";
        string how = NumericDerivative ? "f′ is estimated by the central difference (f(x+h) − f(x−h)) / 2h." : "f′ is the derivative you gave.";
        string verdict = Diverged
            ? "<div style=\"color:#d62728;font-weight:600\">Diverging: each step overshoots the minimum and f grows. Don't panic, lower the learning rate.</div>"
            : $"<div>After {Iterates.Count - 1} steps: x = {Html.Escape(StepsHtml.Text(Final))}, f(x) = {Html.Escape(StepsHtml.Text(Values[^1]))}.</div>";
        return MathHtml.Block(Html.Block("gradient-descent",
            Html.Head(Title) + rule + Html.Note(how) + verdict + TableHtml() + Figure.ToHtml()));
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Title).Append("\nxₖ₊₁ = xₖ − η f′(xₖ)\n");
        for (int k = 0; k < Iterates.Count; k++)
            sb.Append($"  x{Subscript(k)} = {StepsHtml.Text(Iterates[k])}   f = {StepsHtml.Text(Values[k])}\n");
        if (Diverged) sb.Append("Diverging: f grows. Lower the learning rate.\n");
        return sb.ToString();
    }
}
