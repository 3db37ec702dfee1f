using System.Globalization;
using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

public static partial class Explain
{
    /// <summary>
    /// One neuron drawn as in the lecture: inputs x₁…xₙ, a weight on each edge, the sum node Σ with
    /// <c>z = w·x + b</c> and the activation node with <c>f(z)</c>. With <paramref name="x"/> the values are filled in:
    /// weights (0.3, 0.1), bias 1 and x = (1, 2.2) give z = 1.52 and sigmoid(z) = 0.8205.
    /// </summary>
    public static NeuronExplanation Neuron(Tensor weights, float bias, string activation = "sigmoid", Tensor? x = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var w = weights.ToArray();
        if (w.Length == 0) throw new ArgumentException("A neuron needs at least one weight.", nameof(weights));
        string act = string.IsNullOrWhiteSpace(activation) ? "linear" : activation.Trim().ToLowerInvariant();
        _ = Tensor.Scalar(0).Activation(act);   // an unknown name fails here, with the list of valid ones
        float[]? xs = x?.ToArray();
        if (xs is not null && xs.Length != w.Length)
            throw new ArgumentException($"x has {xs.Length} values but the neuron has {w.Length} weights: give one input per weight.", nameof(x));
        double? z = xs is null ? null : w.Select((wi, i) => (double)wi * xs[i]).Sum() + bias;
        double? output = z is null ? null : Tensor.FromArray(new[] { (float)z.Value }).Activation(act).ToArray()[0];
        return new NeuronExplanation(w, bias, act, xs, z, output);
    }
}

/// <summary>A single neuron with its numbers and an SVG drawing (see <see cref="Explain.Neuron"/>).</summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class NeuronExplanation : Explanation
{
    internal NeuronExplanation(float[] weights, float bias, string activation, float[]? inputs, double? z, double? output)
    {
        Weights = weights; Bias = bias; Activation = activation; Inputs = inputs; Z = z; Output = output;
        Svg = Draw();
    }

    /// <summary>w₁…wₙ.</summary>
    public IReadOnlyList<float> Weights { get; }

    /// <summary>b.</summary>
    public float Bias { get; }

    /// <summary>The activation's name.</summary>
    public string Activation { get; }

    /// <summary>x₁…xₙ, or null when no input was given.</summary>
    public IReadOnlyList<float>? Inputs { get; }

    /// <summary>z = Σ wᵢxᵢ + b (null without inputs).</summary>
    public double? Z { get; }

    /// <summary>f(z) (null without inputs).</summary>
    public double? Output { get; }

    /// <summary>The drawing: nodes are <c>circle class="ck-node"</c>, edges <c>line class="ck-edge"</c>.</summary>
    public string Svg { get; }

    public override string Title => $"A neuron with {Weights.Count} input{(Weights.Count == 1 ? "" : "s")} and {Activation}";

    /// <summary>z = 0.3·1 + 0.1·2.2 + 1 = 1.52, written out (or symbolically without inputs).</summary>
    public string Sum => Inputs is null
        ? "z = " + string.Join(" + ", Weights.Select((w, i) => $"{ForwardPassText.Factor(w)}·x{ForwardPassText.Sub(i + 1)}")) + $" + {ForwardPassText.Factor(Bias)}"
        : "z = " + string.Join(" + ", Weights.Select((w, i) => $"{ForwardPassText.Factor(w)}·{ForwardPassText.Factor(Inputs[i])}")) +
          $" + {ForwardPassText.Factor(Bias)} = {ForwardPassText.Num(Z!.Value)}";

    public override string ToString() =>
        $"{Title}\n{Sum}\n" + (Output is null ? $"output = {Activation}(z)" : $"output = {Activation}({ForwardPassText.Num(Z!.Value)}) = {ForwardPassText.Num(Output.Value)}");

    public override string ToHtml() =>
        Html.Block("neuron", Html.Head(Title) + Svg + Html.Pre(Sum) +
                   Html.Pre(Output is null ? $"output = {Activation}(z)" : $"output = {Activation}({ForwardPassText.Num(Z!.Value)}) = {ForwardPassText.Num(Output.Value)}"));

    private string Draw()
    {
        var shown = DiagramSvg.Shown(Weights.Count);
        int rows = shown.Count;
        double h = Math.Max(140, rows * 56 + 30), cy = h / 2;
        const double xIn = 60, xSum = 280, xAct = 400, xOut = 510, r = 22;
        var sb = new StringBuilder(DiagramSvg.Open(580, h, Title));
        for (int k = 0; k < rows; k++)
        {
            double y = 30 + (h - 60) * (rows == 1 ? 0.5 : k / (double)(rows - 1));
            int i = shown[k];
            if (i < 0) { sb.Append(DiagramSvg.Text(xIn, y + 5, $"⋮ {Weights.Count - rows + 1} more")); continue; }
            sb.Append(DiagramSvg.Edge(xIn + r, y, xSum - r, cy));
            sb.Append(DiagramSvg.Text((xIn + xSum) / 2 + (y < cy ? -10 : 10), (y + cy) / 2 - 4, $"w{ForwardPassText.Sub(i + 1)} = {ForwardPassText.Num(Weights[i])}", "ck-w"));
            sb.Append(DiagramSvg.Node(xIn, y, r));
            sb.Append(DiagramSvg.Text(xIn, y + (Inputs is null ? 5 : -2), $"x{ForwardPassText.Sub(i + 1)}"));
            if (Inputs is not null) sb.Append(DiagramSvg.Text(xIn, y + 13, ForwardPassText.Num(Inputs[i]), "ck-v"));
        }
        sb.Append(DiagramSvg.Edge(xSum + r, cy, xAct - r, cy)).Append(DiagramSvg.Edge(xAct + r, cy, xOut - r, cy));
        sb.Append(DiagramSvg.Node(xSum, cy, r)).Append(DiagramSvg.Text(xSum, cy + 6, "Σ"))
          .Append(DiagramSvg.Text(xSum, cy + r + 16, $"b = {ForwardPassText.Num(Bias)}", "ck-w"));
        if (Z is not null) sb.Append(DiagramSvg.Text(xSum, cy - r - 8, $"z = {ForwardPassText.Num(Z.Value)}", "ck-v"));
        sb.Append(DiagramSvg.Node(xAct, cy, r)).Append(DiagramSvg.Text(xAct, cy + 5, "f"))
          .Append(DiagramSvg.Text(xAct, cy + r + 16, Activation, "ck-w"));
        if (Output is not null) sb.Append(DiagramSvg.Text(xAct, cy - r - 8, $"f(z) = {ForwardPassText.Num(Output.Value)}", "ck-v"));
        sb.Append(DiagramSvg.Node(xOut, cy, r)).Append(DiagramSvg.Text(xOut, cy + 5, Output is null ? "ŷ" : ForwardPassText.Num(Output.Value)));
        return sb.Append("</svg>").ToString();
    }
}

/// <summary>The pieces of the explanation drawings, in the theme's text colour so they read in light and dark themes.</summary>
internal static class DiagramSvg
{
    /// <summary>Nodes drawn per column at most; wider layers show the first 5, ⋮ and the last 3.</summary>
    public const int MaxNodes = 10;

    /// <summary>Which nodes are drawn: all, or 0…4, −1 (the ⋮ gap), and the last three.</summary>
    public static IReadOnlyList<int> Shown(int count) =>
        count <= MaxNodes ? Enumerable.Range(0, count).ToList() : [0, 1, 2, 3, 4, -1, count - 3, count - 2, count - 1];

    public static string Open(double width, double height, string title) => Inv(
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" style=\"color:inherit;font-family:inherit;font-size:12px\" role=\"img\">") + $"<title>{Html.Escape(title)}</title>";

    public static string Node(double x, double y, double r) =>
        Inv($"<circle class=\"ck-node\" cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{r:0.#}\" fill=\"rgba(128,128,128,.12)\" stroke=\"currentColor\" stroke-width=\"1.5\"/>");

    public static string Edge(double x1, double y1, double x2, double y2) =>
        Inv($"<line class=\"ck-edge\" x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"currentColor\" stroke-opacity=\".45\"/>");

    public static string Text(double x, double y, string text, string? cls = null) =>
        (cls is null ? "<text" : $"<text class=\"{cls}\"") + Inv($" x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"middle\" fill=\"currentColor\">") +
        Html.Escape(text) + "</text>";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
