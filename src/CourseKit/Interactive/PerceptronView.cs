using System.Globalization;
using System.Text;

namespace CourseKit.Interactive;

/// <summary>How a <see cref="Perceptron"/> looks in a notebook: its weights and bias per unit, how long it trained, and the rule.</summary>
internal static class PerceptronView
{
    public static string Html(Perceptron p)
    {
        var sb = new StringBuilder(Interactive.Html.Head(Title(p)));
        if (p.IsFitted)
        {
            var (header, rows) = Weights(p);
            sb.Append(Interactive.Html.Table(header, rows, numeric: c => c > 0));
        }
        sb.Append(Interactive.Html.Note(Training(p)));
        sb.Append(Interactive.Html.Note(Rule(p)));
        return Interactive.Html.Block("perceptron", sb.ToString());
    }

    public static string Text(Perceptron p)
    {
        var sb = new StringBuilder(Title(p)).Append('\n');
        if (p.IsFitted)
        {
            var (header, rows) = Weights(p);
            var table = new List<IReadOnlyList<string>> { header };
            table.AddRange(rows);
            var widths = Enumerable.Range(0, header.Count).Select(c => table.Max(r => r[c].Length)).ToArray();
            foreach (var row in table)
                sb.Append("  ").AppendJoin("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).Append('\n');
        }
        return sb.Append(Training(p)).Append('\n').Append(Rule(p)).ToString();
    }

    private static string Title(Perceptron p) => !p.IsFitted ? "Perceptron (not trained yet)"
        : $"Perceptron: {p.Features} feature{(p.Features == 1 ? "" : "s")} → classes {string.Join(", ", p.Classes.Select(Perceptron.Label))}";

    /// <summary>One row per unit: the class it recognises, its weights w₁ … wₙ and its bias b.</summary>
    private static (IReadOnlyList<string> Header, List<IReadOnlyList<string>> Rows) Weights(Perceptron p)
    {
        var coef = p.Coef.ToArray();
        var bias = p.Intercept.ToArray();
        int units = bias.Length, features = p.Features;
        IReadOnlyList<string> header = ["unit", .. Enumerable.Range(1, features).Select(j => $"w{GradientDescentExplanation.Subscript(j)}"), "b"];
        var rows = Enumerable.Range(0, units).Select(k => (IReadOnlyList<string>)
            [units == 1 ? $"{Perceptron.Label(p.Classes[1])} vs {Perceptron.Label(p.Classes[0])}" : $"{Perceptron.Label(p.Classes[k])} vs rest",
             .. Enumerable.Range(0, features).Select(j => Number(coef[k * features + j])), Number(bias[k])]).ToList();
        return (header, rows);
    }

    private static string Training(Perceptron p) => !p.IsFitted ? "Call Fit(x, y) to train it."
        : p.Converged ? $"Trained for {p.Iterations} epoch{(p.Iterations == 1 ? "" : "s")}: stopped when the loss stopped improving."
        : p.Iterations == p.MaxIter && p.Iterations > 1 ? $"Trained for {p.Iterations} epochs = maxIter without settling (are the classes linearly separable?)."
        : $"Trained for {p.Iterations} epoch{(p.Iterations == 1 ? "" : "s")}.";

    private static string Rule(Perceptron p) =>
        $"Rule: w ← w + η (y − ŷ) x{(p.FitIntercept ? ", b ← b + η (y − ŷ)" : " (no bias)")}, η = {p.Eta0.ToString("0.####", CultureInfo.InvariantCulture)}" +
        (p.Penalty is null ? "" : $", with an {p.Penalty} penalty α = {p.Alpha.ToString("0.######", CultureInfo.InvariantCulture)}") + "; " +
        $"predicts {(p.Classes.Count > 2 ? "the class of the largest w·x + b" : "the second class where w·x + b > 0")}.";

    private static string Number(float v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
