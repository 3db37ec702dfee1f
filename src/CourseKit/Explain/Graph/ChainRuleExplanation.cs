using System.Text;

namespace CourseKit;

/// <summary>One factor of a chain-rule product: the local derivative ∂(<see cref="To"/>)/∂(<see cref="From"/>) along one edge.</summary>
/// <param name="From">The input node's id.</param>
/// <param name="To">The node computed from it.</param>
/// <param name="SymbolLatex">E.g. <c>\frac{\partial a_{1}}{\partial z_{1}}</c>.</param>
/// <param name="FormulaLatex">The local derivative as a formula, e.g. <c>\sigma(z_{1})\,(1-\sigma(z_{1}))</c>.</param>
/// <param name="NumbersLatex">The formula with the numbers put in.</param>
/// <param name="Value">Its value, computed from the op's derivative rule.</param>
public sealed record ChainRuleFactor(int From, int To, string SymbolLatex, string FormulaLatex, string NumbersLatex, double Value)
{
    /// <summary>An identity step: an addition, subtraction (of the first input) or reshape passes its input on
    /// unchanged, so the local derivative is exactly 1 and leaving it out does not change the product.</summary>
    public bool IsIdentity { get; init; }
}

/// <summary>One path from the variable to the output, and the product of its factors.</summary>
/// <param name="NodeIds">Every node on the path, the variable first.</param>
/// <param name="Factors">Every local derivative along the path, from the variable up.</param>
/// <param name="Product">Their product: this path's contribution.</param>
public sealed record ChainRulePath(IReadOnlyList<int> NodeIds, IReadOnlyList<ChainRuleFactor> Factors, double Product)
{
    /// <summary>The factors as shown: identity steps merged into a neighbour whose node the student did not name
    /// (∂(w₁x + b₁)/∂w₁ = x instead of ∂(w₁x + b₁)/∂(w₁x) · ∂(w₁x)/∂w₁ = 1 · x). Their product is <see cref="Product"/>.</summary>
    public IReadOnlyList<ChainRuleFactor> Shown { get; init; } = Factors;

    /// <summary>The identity steps left out of <see cref="Shown"/>.</summary>
    public IReadOnlyList<ChainRuleFactor> Identities { get; init; } = [];

    /// <summary>The nodes of <see cref="Shown"/>: the variable, then each factor's upper node.</summary>
    public IReadOnlyList<int> ShownNodeIds => [Shown[0].From, .. Shown.Select(f => f.To)];
}

/// <summary>
/// ∂output/∂variable by the chain rule, path by path; made by <see cref="Explain.ChainRule"/>. Nodes are written in the
/// student's notation (<see cref="NodeExpressions"/>: names given with <c>.Named</c>, else the expression, e.g.
/// <c>w₁x + b₁</c>), and identity steps (a local derivative of exactly 1) are merged away and listed in one line.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]
public sealed class ChainRuleExplanation : Explanation
{
    /// <summary>Graphs with more paths than this are refused (their sums would not fit on a page).</summary>
    public const int MaxPaths = 64;

    private readonly string[] _symbols;

    private ChainRuleExplanation(string[] symbols, string outputSymbol, string wrtSymbol, IReadOnlyList<ChainRulePath> paths, double total, double autograd)
    {
        _symbols = symbols;
        OutputSymbol = outputSymbol;
        WrtSymbol = wrtSymbol;
        Paths = paths;
        Total = total;
        AutogradGradient = autograd;
    }

    /// <inheritdoc/>
    public override string Title => $"Chain rule for ∂{GraphText.Plain(OutputSymbol)}/∂{GraphText.Plain(WrtSymbol)}";

    /// <summary>The output's symbol (LaTeX).</summary>
    public string OutputSymbol { get; }

    /// <summary>The variable's symbol (LaTeX).</summary>
    public string WrtSymbol { get; }

    /// <summary>Every path from the variable to the output (one per way the variable influences it).</summary>
    public IReadOnlyList<ChainRulePath> Paths { get; }

    /// <summary>The sum over the paths of the products of local derivatives.</summary>
    public double Total { get; }

    /// <summary>The same derivative computed by autograd (<see cref="Tensor.Backward"/>).</summary>
    public double AutogradGradient { get; }

    internal static ChainRuleExplanation Build(Tensor output, Tensor wrt)
    {
        if (output.Size != 1)
            throw new ArgumentException($"ChainRule: the output has shape {ShapeMath.Format(output.ShapeView)}; the chain rule is shown for a single number such as a loss. Reduce it first (.Sum() or .Mean()), or use Explain.BackwardSteps for tensors.", nameof(output));
        if (wrt.Size != 1)
            throw new ArgumentException($"ChainRule: the variable has shape {ShapeMath.Format(wrt.ShapeView)}; the chain rule is written out for single numbers. Build the example with Tensor.Scalar(…), or use Explain.BackwardSteps for tensors.", nameof(wrt));
        var graph = output.Graph();
        var wrtNode = graph.Nodes.FirstOrDefault(n => ReferenceEquals(n.Tensor, wrt))
            ?? throw new ArgumentException("ChainRule: the output was not computed from this tensor (it is not in the output's graph), so the derivative is 0. Pass a tensor the output was computed from.", nameof(wrt));
        if (!wrt.RequiresGrad)
            throw new ArgumentException("ChainRule: this tensor does not require a gradient; create it with requiresGrad: true.", nameof(wrt));
        var symbols = NodeExpressions.Of(graph);

        // All paths wrt → output, by depth-first search over the consumers.
        var consumers = graph.Nodes.Select(n => graph.Edges.Where(e => e.From == n.Id).ToList()).ToArray();
        var paths = new List<List<GraphEdge>>();
        var current = new List<GraphEdge>();
        void Walk(int node)
        {
            if (paths.Count > MaxPaths) return;
            if (node == graph.Output.Id) { paths.Add([.. current]); return; }
            foreach (var e in consumers[node]) { current.Add(e); Walk(e.To); current.RemoveAt(current.Count - 1); }
        }
        Walk(wrtNode.Id);
        if (paths.Count > MaxPaths)
            throw new ArgumentException($"ChainRule: more than {MaxPaths} paths lead from this tensor to the output; use Explain.BackwardSteps, which sums them node by node.", nameof(wrt));
        foreach (var e in paths.SelectMany(p => p))
            if (graph.Nodes[e.To].Tensor.Size != 1)
                throw new ArgumentException($"ChainRule: the path goes through a tensor of shape {ShapeMath.Format(graph.Nodes[e.To].Tensor.ShapeView)} ({graph.Nodes[e.To].Op}); the chain rule is written out for graphs of single numbers. Use Explain.BackwardSteps for tensors.", nameof(wrt));

        var factorCache = new Dictionary<GraphEdge, ChainRuleFactor>();
        var result = paths.Select(p =>
        {
            var factors = p.Select(e => factorCache.TryGetValue(e, out var f) ? f : factorCache[e] = Factor(graph, e, symbols)).ToList();
            var ids = new List<int> { wrtNode.Id };
            ids.AddRange(p.Select(e => e.To));
            var (shown, identities) = MergeIdentities(factors, id => graph.Nodes[id].Name is null && id != wrtNode.Id && id != graph.Output.Id, symbols);
            return new ChainRulePath(ids, factors, factors.Aggregate(1.0, (acc, f) => acc * f.Value)) { Shown = shown, Identities = identities };
        }).ToList();
        var autograd = GraphText.AutogradGradients(output);
        return new ChainRuleExplanation(symbols, symbols[graph.Output.Id], symbols[wrtNode.Id], result, result.Sum(p => p.Product),
            autograd.TryGetValue(wrt, out var g) ? g.ToArray()[0] : 0);
    }

    private static ChainRuleFactor Factor(ComputationGraph graph, GraphEdge e, string[] symbols)
    {
        var node = graph.Nodes[e.To];
        var t = node.Tensor;
        double value;
        using (Autograd.NoGrad())
            value = t.BackwardRule!(Tensor.OnesLike(t))[e.Slot] is Tensor local ? local.ToArray().Sum(x => (double)x) : 0;
        string a = symbols[node.InputIds[0]];
        string? b = node.InputIds.Count > 1 ? symbols[node.InputIds[1]] : null;
        double? p = GraphText.Exponent(t);
        string ps = p is double pe ? GraphText.Number(pe) : "p";
        string symbol = NodeExpressions.Derivative(symbols[e.To], symbols[e.From]);
        string formula, numbers;
        bool identity = GraphText.LocalRule(node.Op!, e.Slot) is ("1", _) && value == 1;
        if (GraphText.LocalRule(node.Op!, e.Slot) is { } rule)
        {
            string Val(Tensor x) => GraphText.LatexValue(x);
            formula = GraphText.Fill(rule.Symbolic, a, b, symbols[e.To], ps);
            numbers = GraphText.Fill(rule.Numeric, Val(t.Inputs[0]), t.Inputs.Count > 1 ? Val(t.Inputs[1]) : null, Val(t), ps);
        }
        else (formula, numbers) = ($"\\text{{{node.Op}}}'({a})", GraphText.LatexNumber(value));
        return new ChainRuleFactor(e.From, e.To, symbol, formula, numbers, value) { IsIdentity = identity };
    }

    /// <summary>
    /// Leaves out the identity steps: each is merged into the factor below it when its lower node is one the student
    /// did not name (w₁x in w₁x + b₁: the factor ∂(w₁x)/∂w₁ becomes ∂(w₁x + b₁)/∂w₁), else into the factor above when its
    /// upper node is unnamed (a₂ − y in (a₂ − y)²: ∂C/∂(a₂ − y) becomes ∂C/∂a₂). A step between two named nodes stays.
    /// </summary>
    private static (List<ChainRuleFactor> Shown, List<ChainRuleFactor> Identities) MergeIdentities(
        IReadOnlyList<ChainRuleFactor> factors, Func<int, bool> unnamed, string[] symbols)
    {
        var shown = factors.ToList();
        var identities = new List<ChainRuleFactor>();
        ChainRuleFactor Span(ChainRuleFactor f, int from, int to) => f with { From = from, To = to, SymbolLatex = NodeExpressions.Derivative(symbols[to], symbols[from]) };
        for (int i = 0; i < shown.Count;)
        {
            var f = shown[i];
            if (!f.IsIdentity || shown.Count == 1) { i++; continue; }
            if (i > 0 && unnamed(f.From)) shown[i - 1] = Span(shown[i - 1], shown[i - 1].From, f.To);
            else if (i + 1 < shown.Count && unnamed(f.To)) shown[i + 1] = Span(shown[i + 1], f.From, shown[i + 1].To);
            else { i++; continue; }
            identities.Add(f);
            shown.RemoveAt(i);
        }
        return (shown, identities);
    }

    /// <summary>A factor as an equation, each form once: ∂a₁/∂z = σ(z)(1 − σ(z)) = 0.67·(1 − 0.67) = 0.22.</summary>
    private static string Equation(ChainRuleFactor f)
    {
        var parts = new List<string> { f.SymbolLatex, f.FormulaLatex };
        string value = GraphText.Number(f.Value);
        if (f.NumbersLatex != f.FormulaLatex && f.NumbersLatex != GraphText.LatexNumber(f.Value)) parts.Add(f.NumbersLatex);
        if (parts[^1] != value) parts.Add(value);
        return string.Join(" = ", parts);
    }

    private static string PathSymbol(ChainRulePath p) => string.Join(" \\cdot ", p.Shown.AsEnumerable().Reverse().Select(f => f.SymbolLatex));

    /// <inheritdoc/>
    public override string ToHtml()
    {
        string lhs = NodeExpressions.Derivative(OutputSymbol, WrtSymbol);
        var sb = new StringBuilder($"<div><b>Chain rule for ${lhs}$</b></div>");
        sb.Append($"<div>{(Paths.Count == 1 ? "One path leads" : $"{Paths.Count} paths lead")} from ${WrtSymbol}$ to ${OutputSymbol}$"
            + (Paths.Count > 1 ? " — the multivariable chain rule adds their contributions:" : ": the derivative is the product of the local derivatives along it.") + "</div>");
        sb.Append($"<div>$${lhs} = {string.Join(" \\;+\\; ", Paths.Select(PathSymbol))}$$</div>");
        for (int i = 0; i < Paths.Count; i++)
        {
            var path = Paths[i];
            string lower = Paths.Count == 1 ? lhs : $"{lhs}\\ \\text{{along path {i + 1}}}";
            sb.Append($"<div style=\"border-left:3px solid #3a6fc4;padding-left:8px;margin:8px 0\"><div><b>{(Paths.Count == 1 ? "The path" : $"Path {i + 1}")}</b>: ");
            sb.Append(string.Join(" → ", path.ShownNodeIds.Select(id => $"${_symbols[id]}$"))).Append("</div>");
            foreach (var f in path.Shown.AsEnumerable().Reverse())
                sb.Append($"<div>$${Equation(f)}$$</div>");
            sb.Append($"<div>$${lower} = {string.Join(" \\cdot ", path.Shown.AsEnumerable().Reverse().Select(f => GraphText.LatexNumber(f.Value)))} = {GraphText.Number(path.Product)}$$</div></div>");
        }
        var identities = Paths.SelectMany(p => p.Identities).DistinctBy(f => (f.From, f.To)).ToList();
        if (identities.Count > 0)
            sb.Append("<div style=\"color:#555\">Left out of the products, each exactly 1 (an addition or subtraction passes its input on unchanged): ")
              .Append(string.Join(", ", identities.Select(f => $"${f.SymbolLatex} = 1$"))).Append(".</div>");
        if (Paths.Count > 1)
            sb.Append($"<div>$${lhs} = {string.Join(" + ", Paths.Select(p => GraphText.LatexNumber(p.Product)))} = {GraphText.Number(Total)}$$</div>");
        sb.Append($"<div>Total: <b>{GraphText.Number(Total)}</b>; autograd (<code>.Grad</code> after <code>Backward()</code>): <b>{GraphText.Number(AutogradGradient)}</b>"
            + (Math.Abs(Total - AutogradGradient) <= 1e-4 * Math.Max(1, Math.Abs(Total)) ? " — the same." : " — they differ by rounding.") + "</div>");
        return MathHtml.Block(sb.ToString());
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder(Title);
        for (int i = 0; i < Paths.Count; i++)
            sb.Append($"\n  path {i + 1}: {string.Join(" → ", Paths[i].ShownNodeIds.Select(id => GraphText.Plain(_symbols[id])))}: "
                + $"{string.Join(" · ", Paths[i].Shown.AsEnumerable().Reverse().Select(f => GraphText.Number(f.Value)))} = {GraphText.Number(Paths[i].Product)}");
        sb.Append($"\n  total {GraphText.Number(Total)}, autograd {GraphText.Number(AutogradGradient)}");
        return sb.ToString();
    }
}
