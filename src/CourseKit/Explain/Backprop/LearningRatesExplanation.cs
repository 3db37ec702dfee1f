using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// One descent per learning rate, side by side (made by <see cref="Explain.LearningRates"/>). Each run gets a
/// <see cref="Verdicts">verdict</see>: "diverging" (f grew: lower the learning rate), "slow" (it got less than half as far
/// down as the best run: the rate could be larger) or "good".
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class LearningRatesExplanation : Explanation
{
    internal LearningRatesExplanation(IReadOnlyList<GradientDescentExplanation> runs)
    {
        Runs = runs;
        double best = runs.Where(r => !r.Diverged).Select(r => r.Values[0] - r.Values[^1]).DefaultIfEmpty(0).Max();
        Verdicts = [.. runs.Select(r => r.Diverged ? "diverging" : best > 0 && (r.Values[0] - r.Values[^1]) < 0.5 * best ? "slow" : "good")];
    }

    public override string Title => "Learning rates compared";

    /// <summary>The runs, in the order of the learning rates given.</summary>
    public IReadOnlyList<GradientDescentExplanation> Runs { get; }

    /// <summary>"good", "slow" or "diverging", one per run.</summary>
    public IReadOnlyList<string> Verdicts { get; }

    private string Label(int i) => $"η = {StepsHtml.Text(Runs[i].LearningRate)}: " + Verdicts[i] switch
    {
        "diverging" => "diverging!",
        "slow" => "too small (slow)",
        _ => "good",
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
                var title = grid.Title(i, Label(i));
                if (Runs[i].Diverged) title = title with { Font = new PlotFont { Size = 14, Color = "#d62728" } };
                figure.Layout.Annotations.Add(title);
            }
            figure.Layout.Margin = new PlotMargin { L = 60, R = 30, T = 50, B = 50 };
            figure.Layout.Height = 380;
            return figure;
        }
    }

    public override string ToHtml()
    {
        var rows = Runs.Select((r, i) => (IReadOnlyList<string>)[StepsHtml.Text(r.LearningRate), Verdicts[i],
                                          StepsHtml.Text(r.Final), StepsHtml.Text(r.Values[^1])]);
        string advice = Verdicts.Contains("diverging")
            ? "<div style=\"color:#d62728;font-weight:600\">A run diverged: its steps overshoot the minimum and f grows. Don't panic: lower the learning rate.</div>"
            : "";
        return MathHtml.Block(Html.Block("learning-rates",
            Html.Head(Title) + "$$x_{k+1} = x_k - \\eta\\, f'(x_k)$$" + advice +
            Html.Table(["η", "verdict", "last x", "last f(x)"], rows, c => c != 1) + Figure.ToHtml()));
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Title).Append('\n');
        for (int i = 0; i < Runs.Count; i++)
            sb.Append($"  {Label(i)}  last x = {StepsHtml.Text(Runs[i].Final)}, f = {StepsHtml.Text(Runs[i].Values[^1])}\n");
        if (Verdicts.Contains("diverging")) sb.Append("Don't panic: lower the learning rate.\n");
        return sb.ToString();
    }
}
