using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// A forward pass worked out layer by layer (see <see cref="Explain.ForwardPass(Model, Tensor)"/>): one
/// <see cref="ForwardPassStep"/> per Dense layer, each <c>Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ · W⁽ˡ⁾ + b⁽ˡ⁾</c>, then <c>A⁽ˡ⁾ = f(Z⁽ˡ⁾)</c>.
/// In a notebook the steps can be walked one at a time with the Previous / Next buttons.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class ForwardPassExplanation : Explanation
{
    internal ForwardPassExplanation(string name, IReadOnlyList<ForwardPassStep> steps, float[,]? output)
    {
        Name = name;
        Steps = steps;
        Output = output;
    }

    /// <summary>The model's name, or "hand-built network".</summary>
    public string Name { get; }

    public override string Title => $"Forward pass of {Name}";

    /// <summary>One step per Dense layer, in order; the last one has the <see cref="ForwardPassStep.Problem"/> if the pass breaks.</summary>
    public IReadOnlyList<ForwardPassStep> Steps { get; }

    /// <summary>The network's output (A of the last layer, after any pass-through layers), or null if the pass breaks.</summary>
    public float[,]? Output { get; }

    /// <summary>The step where the shapes stop fitting, or null if the whole pass works.</summary>
    public ForwardPassStep? BreakPoint => Steps.FirstOrDefault(s => s.Problem is not null);

    /// <summary>
    /// Entry (<paramref name="row"/>, <paramref name="column"/>) of Z⁽<paramref name="layer"/>⁾ written out as its full sum,
    /// all three counted from 1 as in the lecture's zᵢⱼ: <c>Expand(1, 1, 2)</c> gives "z₁₂ = 3·0.2 + 5·(−0.4) + 0.1 = −1.3".
    /// </summary>
    public EntryExpansion Expand(int layer, int row, int column)
    {
        if (layer < 1 || layer > Steps.Count)
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"Layers are counted from 1; this pass has {Steps.Count}.");
        var s = Steps[layer - 1];
        if (s.Z is null || s.Input is null || s.Weights is null)
            throw new InvalidOperationException($"Z{ForwardPassText.Layer(layer)} was not computed: {s.Problem}");
        if (row < 1 || row > s.Z.GetLength(0))
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Z{ForwardPassText.Layer(layer)} has rows 1 to {s.Z.GetLength(0)} (one per example).");
        if (column < 1 || column > s.Z.GetLength(1))
            throw new ArgumentOutOfRangeException(nameof(column), column, $"Z{ForwardPassText.Layer(layer)} has columns 1 to {s.Z.GetLength(1)} (one per unit).");
        int i = row - 1, j = column - 1, n = s.Input.GetLength(1);
        var terms = Enumerable.Range(0, n).Select(k => ((double)s.Input[i, k], (double)s.Weights[k, j])).ToList();
        double bias = s.Bias?[j] ?? 0;
        double value = terms.Sum(t => t.Item1 * t.Item2) + bias;

        var parts = terms.Select(t => $"{ForwardPassText.Factor(t.Item1)}·{ForwardPassText.Factor(t.Item2)}").ToList();
        if (parts.Count > 6) parts = [.. parts.Take(3), "…", parts[^1]];
        if (s.Bias is not null) parts.Add(ForwardPassText.Factor(bias));
        string name = "z" + (Steps.Count > 1 ? ForwardPassText.Layer(layer) : "") + ForwardPassText.Sub2(row, column);
        string text = $"{name} = {string.Join(" + ", parts)} = {ForwardPassText.Num(value)}" + (n > 6 ? $"   ({n} products)" : "");
        return new EntryExpansion(layer, row, column, text, terms, bias, value, s.Z[i, j]);
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Title).Append('\n');
        foreach (var s in Steps) sb.Append('\n').Append(StepText(s)).Append('\n');
        if (Output is not null) sb.Append("\nOutput: ").Append(ForwardPassText.TextMatrix(Output)).Append('\n');
        return sb.ToString();
    }

    /// <summary>"Layer 2: hidden (relu)"; a hand-built layer, named "layer 2", is just "Layer 2 (relu)".</summary>
    private static string StepHeading(ForwardPassStep s) =>
        s.LayerName == $"layer {s.Layer}" ? $"Layer {s.Layer} ({s.Activation})" : $"Layer {s.Layer}: {s.LayerName} ({s.Activation})";

    internal static string StepText(ForwardPassStep s)
    {
        string l = ForwardPassText.Layer(s.Layer), prev = ForwardPassText.Layer(s.Layer - 1);
        var sb = new StringBuilder($"{StepHeading(s)}\n");
        foreach (var note in s.Notes.Where(n => n.StartsWith("Before", StringComparison.Ordinal))) sb.Append("  ").Append(note).Append('\n');
        sb.Append("  ").Append(s.Equation).Append('\n');
        if (s.Problem is not null) return sb.Append("  The pass breaks here: ").Append(s.Problem).ToString();
        var a = s.Input!;
        var w = s.Weights!;
        sb.Append($"  (1) A{prev} · W{l} = {ForwardPassText.TextMatrix(a)} · ")
          .Append(ForwardPassText.TextMatrix(w.GetLength(0), w.GetLength(1), (r, c) => "W" + ForwardPassText.Idx(r + 1, c + 1)))
          .Append(" = ").Append(ForwardPassText.TextMatrix(a.GetLength(0), w.GetLength(1), (r, c) => s.SymbolicEntry(r + 1, c + 1))).Append('\n');
        sb.Append($"  (2) Z{l} = {ForwardPassText.TextMatrix(a)} · {ForwardPassText.TextMatrix(w)}");
        if (s.Bias is not null) sb.Append(" + ").Append(ForwardPassText.TextMatrix(ForwardPassText.Row(s.Bias)));
        sb.Append(" = ").Append(ForwardPassText.TextMatrix(s.Z!)).Append('\n');
        sb.Append($"  (3) {s.ActivationEquation} = {ForwardPassText.TextMatrix(s.A!)}");
        foreach (var note in s.Notes.Where(n => !n.StartsWith("Before", StringComparison.Ordinal))) sb.Append("\n  ").Append(note);
        return sb.ToString();
    }

    public override string ToHtml()
    {
        string id = StepView.NewId("ck-fp");
        var steps = Steps.Select(StepHtml).ToList();
        if (Output is not null) steps.Add(Html.Head("Output") + $"$${ForwardPassText.TexMatrix(Output)}$$");
        var sb = new StringBuilder("<style>")
          .Append($"#{id} .ck-step{{margin:6px 0;padding:4px 8px;border-left:3px solid rgba(128,128,128,.45)}}")
          .Append($"#{id} .ck-problem{{color:#c0392b;font-weight:600}}")
          .Append("</style>");
        sb.Append($"<div id=\"{id}\" class=\"ck-fp\">").Append(Html.Head(Title))
          .Append(StepView.Render(id, steps)).Append("</div>");
        return Html.Block("forward-pass", MathHtml.Block(sb.ToString()));
    }

    private static string StepHtml(ForwardPassStep s)
    {
        string l = $"^{{({s.Layer})}}", prev = $"^{{({s.Layer - 1})}}";
        var sb = new StringBuilder(Html.Head(StepHeading(s)));
        foreach (var note in s.Notes.Where(n => n.StartsWith("Before", StringComparison.Ordinal))) sb.Append(Html.Note(note));
        string zShape = s.Z is null ? "(?)" : ShapeMath.Format([s.Z.GetLength(0), s.Z.GetLength(1)]);
        sb.Append($"$$\\underbrace{{Z{l}}}_{{{zShape}}} = \\underbrace{{A{prev}}}_{{{ShapeMath.Format(s.InputShape)}}} \\cdot \\underbrace{{W{l}}}_{{{ShapeMath.Format(s.WeightShape)}}}")
          .Append(s.BiasShape is null ? "" : $" + \\underbrace{{b{l}}}_{{{ShapeMath.Format(s.BiasShape)}}}")
          .Append($", \\qquad A{l} = \\mathrm{{{Tex(s.Activation)}}}(Z{l})$$");
        if (s.Problem is not null)
            return sb.Append($"<div class=\"ck-problem\">The pass breaks here: {Html.Escape(s.Problem)}</div>").ToString();
        var a = s.Input!;
        var w = s.Weights!;
        sb.Append("<div>(1) The inputs times the weights, as symbols:</div>")
          .Append($"$${ForwardPassText.TexMatrix(a)} \\cdot {ForwardPassText.TexMatrix(w.GetLength(0), w.GetLength(1), (r, c) => $"W_{{{ForwardPassText.Idx(r + 1, c + 1)}}}")} = ")
          .Append(ForwardPassText.TexMatrix(a.GetLength(0), w.GetLength(1), s.SymbolicEntryTex)).Append("$$");
        sb.Append("<div>(2) With the numbers:</div>")
          .Append($"$$Z{l} = {ForwardPassText.TexMatrix(a)} \\cdot {ForwardPassText.TexMatrix(w)}")
          .Append(s.Bias is null ? "" : $" + {ForwardPassText.TexMatrix(ForwardPassText.Row(s.Bias))}")
          .Append($" = {ForwardPassText.TexMatrix(s.Z!)}$$");
        sb.Append("<div>(3) The activation, entry by entry:</div>")
          .Append($"$$A{l} = \\mathrm{{{Tex(s.Activation)}}}(Z{l}) = {ForwardPassText.TexMatrix(s.A!)}$$");
        foreach (var note in s.Notes.Where(n => !n.StartsWith("Before", StringComparison.Ordinal))) sb.Append(Html.Note(note));
        return sb.ToString();
    }

    private static string Tex(string name) => Html.Escape(name).Replace("_", "\\_").Replace("∘", "\\circ ");
}
