using System.Text;

namespace CourseKit;

/// <summary>What one node of the backward pass sends to one of its inputs.</summary>
/// <param name="InputId">The input's <see cref="GraphNode.Id"/>.</param>
/// <param name="InputSymbol">The input's symbol in the formulas (LaTeX).</param>
/// <param name="RuleLatex">The rule, e.g. <c>\frac{\partial f}{\partial (x + y)} \mathrel{+}= z\cdot g</c>.</param>
/// <param name="NumbersLatex">The rule with the numbers put in, and the result.</param>
/// <param name="Contribution">The computed contribution to ∂output/∂input (inputs used several times receive several).</param>
public sealed record BackwardContribution(int InputId, string InputSymbol, string RuleLatex, string NumbersLatex, Tensor Contribution);

/// <summary>One step of the backward pass: a node, the gradient g = ∂output/∂node arriving from above, and what it
/// passes to each input.</summary>
public sealed record BackwardStep(int NodeId, string Op, string Symbol, Tensor Upstream, IReadOnlyList<BackwardContribution> Contributions);

/// <summary>The backward pass node by node, made by <see cref="Explain.BackwardSteps"/>. Nodes are written in the
/// student's notation (<see cref="NodeExpressions"/>): a name given with <c>.Named</c>, else the expression that computed
/// it (<c>x + y</c>, <c>2x − 5</c>), the unnamed output f.</summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]
public sealed class BackwardStepsExplanation : Explanation
{
    private BackwardStepsExplanation(ComputationGraph graph, string[] symbols, IReadOnlyList<BackwardStep> steps,
        IReadOnlyDictionary<int, Tensor> gradients, IReadOnlyDictionary<int, Tensor> autograd)
    {
        Source = graph;
        Symbols = symbols;
        Steps = steps;
        Gradients = gradients;
        AutogradGradients = autograd;
    }

    /// <inheritdoc/>
    public override string Title => $"Backward pass through {Source.Nodes.Count} nodes";

    /// <summary>The graph walked.</summary>
    public ComputationGraph Source { get; }

    /// <summary>Each node's symbol (LaTeX), by <see cref="GraphNode.Id"/>.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The steps, output first (reverse topological order).</summary>
    public IReadOnlyList<BackwardStep> Steps { get; }

    /// <summary>∂output/∂node as these steps add it up, by node id (nodes that need a gradient).</summary>
    public IReadOnlyDictionary<int, Tensor> Gradients { get; }

    /// <summary>The same gradients computed by autograd (<see cref="Tensor.Backward"/>), by node id.</summary>
    public IReadOnlyDictionary<int, Tensor> AutogradGradients { get; }

    internal static BackwardStepsExplanation Build(Tensor output)
    {
        if (!output.RequiresGrad)
            throw new InvalidOperationException(output.NoGradientOp is { } op ? NoGradient.Explain(op, "BackwardSteps")
                : "BackwardSteps: this tensor does not depend on anything that requires a gradient; create the parameters with requiresGrad: true.");
        var graph = output.Graph();
        var symbols = NodeExpressions.Of(graph);
        var ids = new Dictionary<Tensor, int>(ReferenceEqualityComparer.Instance);
        foreach (var n in graph.Nodes) ids[n.Tensor] = n.Id;
        var autograd = GraphText.AutogradGradients(output);

        var grads = new Dictionary<int, Tensor> { [graph.Output.Id] = Tensor.OnesLike(output) };
        var steps = new List<BackwardStep>();
        using (Autograd.NoGrad())
        {
            for (int i = graph.Nodes.Count - 1; i >= 0; i--)
            {
                var node = graph.Nodes[i];
                var t = node.Tensor;
                if (t.BackwardRule is null || !grads.TryGetValue(node.Id, out var g)) continue;
                var parts = t.BackwardRule(g);
                double? p = GraphText.Exponent(t);
                var contributions = new List<BackwardContribution>();
                for (int k = 0; k < t.Inputs.Count; k++)
                {
                    var input = t.Inputs[k];
                    if (!input.RequiresGrad || parts[k] is not Tensor part) continue;
                    int inputId = ids[input];
                    grads[inputId] = grads.TryGetValue(inputId, out var sum) ? sum + part : part;
                    contributions.Add(Describe(node, k, inputId, g, part, p, symbols, symbols[graph.Output.Id]));
                }
                steps.Add(new BackwardStep(node.Id, node.Op!, symbols[node.Id], g, contributions));
            }
        }
        var autogradById = graph.Nodes.Where(n => autograd.ContainsKey(n.Tensor)).ToDictionary(n => n.Id, n => autograd[n.Tensor]);
        return new BackwardStepsExplanation(graph, symbols, steps, grads, autogradById);
    }

    private static BackwardContribution Describe(GraphNode node, int slot, int inputId, Tensor g, Tensor part, double? p, string[] symbols, string output)
    {
        var t = node.Tensor;
        string op = node.Op!;
        string? a = symbols[node.InputIds[0]], b = node.InputIds.Count > 1 ? symbols[node.InputIds[1]] : null;
        string ps = p is double e ? GraphText.Number(e) : "p";
        string head = $"{NodeExpressions.Derivative(output, symbols[inputId])} \\mathrel{{+}}= ";
        var rule = GraphText.LocalRule(op, slot);
        string local = rule is { } r ? GraphText.Fill(r.Symbolic, a, b, symbols[node.Id], ps) : NodeExpressions.Derivative(symbols[node.Id], symbols[inputId]);
        string ruleLatex = head + GraphText.Fill(GraphText.BackwardRule(op, slot, local), a, b, symbols[node.Id], ps);
        string numbers;
        bool scalar = t.Size == 1 && t.Inputs.All(x => x.Size == 1);
        if (scalar && rule is { } rn)
        {
            string Val(Tensor x) => GraphText.LatexValue(x);
            string numericLocal = GraphText.Fill(rn.Numeric, Val(t.Inputs[0]), t.Inputs.Count > 1 ? Val(t.Inputs[1]) : null, Val(t), ps);
            numbers = GraphText.Fill(GraphText.BackwardRule(op, slot, numericLocal), Val(t.Inputs[0]), t.Inputs.Count > 1 ? Val(t.Inputs[1]) : null, Val(t), ps);
            numbers = ReplaceG(numbers, Val(g)) + " = " + GraphText.LatexValue(part).Trim('(', ')');
        }
        else numbers = $"g = {GraphText.LatexValue(g)} \\;\\Rightarrow\\; {GraphText.LatexValue(part)}";
        return new BackwardContribution(inputId, symbols[inputId], ruleLatex, numbers, part);
    }

    /// <summary>Puts the upstream value in for the standalone symbol g (not the g of \mathbb or other commands).</summary>
    private static string ReplaceG(string latex, string value)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < latex.Length; i++)
        {
            bool standalone = latex[i] == 'g' && (i == 0 || !char.IsLetter(latex[i - 1]) && latex[i - 1] != '\\') && (i + 1 == latex.Length || !char.IsLetter(latex[i + 1]));
            sb.Append(standalone ? value : latex[i].ToString());
        }
        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToHtml()
    {
        string id = StepView.NewId("ck-bw");
        var sb = new StringBuilder();
        string output = Symbols[Source.Output.Id];
        sb.Append($"<div id=\"{id}\"><div><b>{GraphText.Html(Title)}</b> — from the output ${output}$ back to the leaves; g is the gradient arriving from above (${NodeExpressions.Derivative(output, "\\text{node}")}$, 1 at ${output}$ itself).</div>");
        var steps = Steps.Select((step, s) =>
            $"<div><b>Step {s + 1}</b>: the node ${step.Symbol}$ (op <code>{GraphText.Html(step.Op)}</code>), upstream $g = {NodeExpressions.Derivative(output, step.Symbol)} = {GraphText.LatexValue(step.Upstream)}$</div>" +
            string.Concat(step.Contributions.Select(c => $"<div>$${c.RuleLatex} = {c.NumbersLatex}$$</div>"))).ToList();
        sb.Append(StepView.Render(id, steps, new(StepAttributes: _ => " style=\"border-left:3px solid #3a6fc4;padding-left:8px;margin:8px 0\"")));
        sb.Append("<div><b>Result</b> (equal to autograd's <code>.Grad</code>): ");
        sb.Append(string.Join(", ", Source.Leaves.Where(l => Gradients.ContainsKey(l.Id)).Select(l => $"${NodeExpressions.Derivative(output, Symbols[l.Id])} = {Result(Gradients[l.Id])}$")));
        sb.Append("</div></div>");
        return MathHtml.Block(sb.ToString());
    }

    /// <summary>A gradient after the equals sign: a number as it is (−4, not (−4)), a tensor by its shape and mean.</summary>
    private static string Result(Tensor t) => t.Size == 1 ? GraphText.Number(t.ToArray()[0]) : GraphText.LatexValue(t);

    /// <inheritdoc/>
    public override string ToString()
    {
        string output = GraphText.Plain(Symbols[Source.Output.Id]);
        var sb = new StringBuilder(Title);
        for (int s = 0; s < Steps.Count; s++)
        {
            var step = Steps[s];
            sb.Append($"\nStep {s + 1}: {GraphText.Plain(step.Symbol)} ({step.Op}), upstream g = {GraphText.Summary(step.Upstream)}");
            foreach (var c in step.Contributions)
                sb.Append($"\n  → {GraphText.Plain(c.InputSymbol)}: {GraphText.Summary(c.Contribution)}");
        }
        foreach (var l in Source.Leaves.Where(l => Gradients.ContainsKey(l.Id)))
            sb.Append($"\n∂{output}/∂{GraphText.Plain(Symbols[l.Id])} = {GraphText.Summary(Gradients[l.Id])}");
        return sb.ToString();
    }
}
