using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// One descent per learning rate, side by side (made by <see cref="Explain.LearningRates"/>). Each run gets a
/// <see cref="Verdicts">verdict</see> measured on the function shown: "good" (it settled: a step became shorter than
/// <see cref="SettledStepRatio"/> of the first step), "slow" (still moving the same way after the last step: the rate could
/// be larger), "oscillating" (still jumping across the minimum: the rate is too large) or "diverging" (f grew: lower
/// the learning rate).
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class LearningRatesExplanation : Explanation
{
    /// <summary>A run has converged once a step is shorter than this fraction of its first step (the slope has fallen
    /// to 1% of where it started; on a parabola f is then within 0.01% of the way down to the minimum).</summary>
    public const double SettledStepRatio = 0.01;

    internal LearningRatesExplanation(IReadOnlyList<GradientDescentExplanation> runs)
    {
        Runs = runs;
        ConvergedAfter = [.. runs.Select(r => r.Diverged ? null : StepsToSettle(r.Iterates))];
        Verdicts = [.. runs.Select((r, i) => r.Diverged ? "diverging" : ConvergedAfter[i] is not null ? "good" : Oscillates(r.Iterates) ? "oscillating" : "slow")];
    }

    /// <summary>The number of steps after which the run's step was shorter than <see cref="SettledStepRatio"/> of its
    /// first (null: it never settled). A run that starts at the minimum has settled after 0 steps.</summary>
    private static int? StepsToSettle(IReadOnlyList<double> x)
    {
        if (x.Count < 2) return null;
        double first = Math.Abs(x[1] - x[0]);
        if (first == 0) return 0;
        for (int k = 1; k < x.Count; k++)
            if (Math.Abs(x[k] - x[k - 1]) < SettledStepRatio * first) return k;
        return null;
    }

    /// <summary>Whether the last two steps went in opposite directions (the run jumps across the minimum).</summary>
    private static bool Oscillates(IReadOnlyList<double> x) =>
        x.Count >= 3 && Math.Sign(x[^1] - x[^2]) * Math.Sign(x[^2] - x[^3]) < 0;

    public override string Title => "Learning rates compared";

    /// <summary>The runs, in the order of the learning rates given.</summary>
    public IReadOnlyList<GradientDescentExplanation> Runs { get; }

    /// <summary>"good", "slow", "oscillating" or "diverging", one per run, measured on its steps.</summary>
    public IReadOnlyList<string> Verdicts { get; }

    /// <summary>For each run, the number of steps after which it had converged (null where it had not).</summary>
    public IReadOnlyList<int?> ConvergedAfter { get; }

    private string Label(int i) => $"{Rate(i)}: {Verdict(i)}";

    /// <summary>A subplot's title: the rate, and the verdict on a line of its own, so that four or more runs side by
    /// side keep their titles apart.</summary>
    private string SubplotTitle(int i) => $"{Rate(i)}<br>{Verdict(i)}";

    private string Rate(int i) => $"η = {StepsHtml.Text(Runs[i].LearningRate)}";

    private string Verdict(int i) => Verdicts[i] switch
    {
        "diverging" => "too large (diverges)",
        "oscillating" => "too large (oscillates)",
        "slow" => "too small (slow)",
        _ => $"good (converged after {ConvergedAfter[i]} steps)",
    };

    /// <summary>The runs side by side, each on the curve of f; diverging runs in red.</summary>
    public Figure Figure
    {
        get
        {
            var figure = new Figure();
            var grid = new Subplots(Runs.Count, Runs.Count);
            grid.Apply(figure.Layout, _ => new Axis { Title = "x" }, i => new Axis { Title = i == 0 ? "f(x)" : null });
            figure.Layout.Annotations = [];
            for (int i = 0; i < Runs.Count; i++)
            {
                var (x, y) = Subplots.Refs(i);
                foreach (var trace in Runs[i].Traces(x, y)) figure.Add(trace);
                var title = grid.Title(i, SubplotTitle(i));
                if (Runs[i].Diverged) title = title with { Font = new PlotFont { Size = 14, Color = "#d62728" } };
                figure.Layout.Annotations.Add(title);
            }
            figure.Layout.Margin = new PlotMargin { L = 60, R = 30, T = FigureLayout.TopMargin(title: false, below: 30), B = 50 };   // two-line subplot titles
            figure.Layout.Height = 380;
            return figure;
        }
    }

    public override string ToHtml()
    {
        var rows = Runs.Select((r, i) => (IReadOnlyList<string>)[StepsHtml.Text(r.LearningRate), Verdict(i),
                                          StepsHtml.Text(r.Final), StepsHtml.Text(r.Values[^1])]);
        string advice = Verdicts.Contains("diverging")
            ? "<div style=\"color:#d62728;font-weight:600\">A run diverged: its steps overshoot the minimum and f grows. Don't panic: lower the learning rate.</div>"
            : "";
        return MathHtml.Block(Html.Block("learning-rates",
            Html.Head(Title) + "$$x_{k+1} = x_k - \\eta\\, f'(x_k)$$" + advice +
            Html.Table(["η", "verdict", "last x", "last f(x)"], rows, c => c != 1) + Criteria()  + Figure.ToHtml()));
    }

    private string Criteria() =>
        $"<div style=\"color:#555;font-size:90%\">Verdicts measured on these runs of {Runs.Max(r => r.Iterates.Count) - 1} steps: good once a step is "
        + $"shorter than {StepsHtml.Text(SettledStepRatio * 100)}% of the first; too small if it is still moving the same way; too large if it still jumps "
        + "across the minimum (oscillates) or f grew (diverges).</div>";

    public override string ToString()
    {
        var sb = new StringBuilder(Title).Append('\n');
        for (int i = 0; i < Runs.Count; i++)
            sb.Append($"  {Label(i)}  last x = {StepsHtml.Text(Runs[i].Final)}, f = {StepsHtml.Text(Runs[i].Values[^1])}\n");
        if (Verdicts.Contains("diverging")) sb.Append("Don't panic: lower the learning rate.\n");
        return sb.ToString();
    }
}
