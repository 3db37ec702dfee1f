using System.Text;

namespace CourseKit;

/// <summary>
/// The autograd graph of a tensor drawn as boxes and arrows, left to right in the direction data flows: leaves (data
/// grey, parameters orange), operations by their symbol, every box with its forward value and, after
/// <see cref="Tensor.Backward"/>, its gradient in red. An operation's second line says which quantity it computes, in
/// the student's notation (<see cref="NodeExpressions"/>): its name, else its expression (<c>x + y</c>, <c>2x − 5</c>);
/// the unnamed output is f. Made by <see cref="Explain.Graph"/>.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]
public sealed class GraphExplanation : Explanation
{
    internal GraphExplanation(ComputationGraph graph, IReadOnlyList<GraphBox> boxes, IReadOnlyList<GraphArrow> arrows,
        bool collapsed, double width, double height, string outputName)
    {
        Source = graph;
        OutputName = outputName;
        Boxes = boxes;
        Arrows = arrows;
        IsCollapsed = collapsed;
        Width = width;
        Height = height;
    }

    /// <inheritdoc/>
    public override string Title => $"Computation graph of {OutputName}";

    /// <summary>The output as the boxes name it: its name, or f.</summary>
    public string OutputName { get; }

    /// <summary>The recorded graph this drawing shows.</summary>
    public ComputationGraph Source { get; }

    /// <summary>The boxes with their places, in data-flow order.</summary>
    public IReadOnlyList<GraphBox> Boxes { get; }

    /// <summary>The arrows, each from a box in a lower layer to one in a higher layer.</summary>
    public IReadOnlyList<GraphArrow> Arrows { get; }

    /// <summary>True when the ops of each layer were collapsed into one box.</summary>
    public bool IsCollapsed { get; }

    /// <summary>Size of the drawing in pixels.</summary>
    public double Width { get; }

    /// <summary>Size of the drawing in pixels.</summary>
    public double Height { get; }

    /// <summary>The box with this id (a <see cref="GraphNode.Id"/>; for a collapsed layer, its output node's).</summary>
    public GraphBox Box(int id) => Boxes.First(b => b.Id == id);

    /// <summary>The box containing graph node <paramref name="nodeId"/>.</summary>
    public GraphBox BoxOf(int nodeId) => Boxes.First(b => b.Members.Contains(nodeId));

    /// <summary>The drawing as an SVG element.</summary>
    public string ToSvg() => BoxDiagramSvg.Draw(Boxes, Arrows, Width, Height, Tooltip);

    /// <inheritdoc/>
    public override string ToHtml()
    {
        string legend = "<div style=\"font-size:0.85em;color:#555\">Data flows left to right. Grey: data · orange: parameters · blue: operations"
            + (IsCollapsed ? " · green: a layer's operations in one box (<code>Explain.Graph(y, collapse: false)</code> shows them all)" : "")
            + (Boxes.Any(b => b.GradText is not null) ? $" · <span style=\"color:#c62828\">∇ red: the gradient ∂{GraphText.Html(OutputName)}/∂node</span>" : " · call <code>Backward()</code> to see the gradients")
            + "</div>";
        return $"<div class=\"coursekit-explain coursekit-graph\"><div><b>{GraphText.Html(Title)}</b></div><div style=\"overflow-x:auto\">{ToSvg()}</div>{legend}</div>";
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder(Title).Append($": {Boxes.Count} boxes, {Arrows.Count} arrows");
        foreach (var b in Boxes)
        {
            sb.Append($"\n  [{b.Layer}] #{b.Id} {b.Label}");
            if (b.Detail is not null) sb.Append($" ({b.Detail})");
            sb.Append($" = {b.ValueText}");
            if (b.GradText is not null) sb.Append($", grad {b.GradText}");
            var from = Arrows.Where(a => a.To == b.Id).Select(a => $"#{a.From}").ToList();
            if (from.Count > 0) sb.Append(" ← ").Append(string.Join(", ", from));
        }
        return sb.ToString();
    }

    private static string Tooltip(GraphBox b) =>
        $"#{b.Id} {b.Label}{(b.Detail is null ? "" : $" ({b.Detail})")}\nvalue: {b.ValueText}{(b.GradText is null ? "" : $"\ngradient: {b.GradText}")}";

    /// <summary>Builds the drawing: groups a layer's ops when asked, then lays the boxes out.</summary>
    internal static GraphExplanation Build(ComputationGraph graph, bool collapse)
    {
        var nodes = graph.Nodes;
        int[] boxOf = Enumerable.Range(0, nodes.Count).ToArray();   // node id → id of the node that represents its box
        var groupName = new Dictionary<int, string>();               // box id → layer name
        bool collapsed = false;
        if (collapse && LayerGroups(graph) is { Count: > 0 } groups)
        {
            var trial = (int[])boxOf.Clone();
            foreach (var (name, members) in groups)
            {
                int rep = members.Where(m => !nodes[m].IsLeaf).DefaultIfEmpty(members.Max()).Max();
                foreach (int m in members) trial[m] = rep;
                groupName[rep] = name;
            }
            if (IsAcyclic(graph, trial)) { boxOf = trial; collapsed = true; }
            else groupName.Clear();
        }

        var boxIds = nodes.Select(n => boxOf[n.Id]).Distinct().OrderBy(id => id).ToList();
        var index = boxIds.Select((id, i) => (id, i)).ToDictionary(t => t.id, t => t.i);
        var arrows = graph.Edges.Select(e => new GraphArrow(boxOf[e.From], boxOf[e.To])).Where(a => a.From != a.To).Distinct().ToList();
        var inputs = boxIds.Select(id => (IReadOnlyList<int>)arrows.Where(a => a.To == id).Select(a => index[a.From]).ToList()).ToList();
        // Boxes grow so that tensors of a few numbers show them all, value and gradient; larger ones are summarised.
        var listed = boxIds.Select(id => nodes[id]).Where(n => n.Tensor.Size <= GraphText.ListedNumbers)
            .SelectMany(n => n.Grad is null ? [GraphText.Summary(n.Tensor)]
                                            : new[] { GraphText.Summary(n.Tensor), BoxDiagramSvg.GradientLine(GraphText.Summary(n.Grad)) });
        double boxWidth = BoxDiagramSvg.BoxWidthFor(listed);
        var (layer, _, x, y, width, height) = GraphLayout.Compute(inputs, boxWidth);

        var symbols = NodeExpressions.Of(graph);
        var boxes = new List<GraphBox>();
        foreach (var id in boxIds)
        {
            int i = index[id];
            var node = nodes[id];
            var members = nodes.Where(n => boxOf[n.Id] == id).Select(n => n.Id).ToList();
            string label; string? detail; GraphBoxKind kind;
            if (groupName.TryGetValue(id, out var name))
            {
                (label, kind) = (name, GraphBoxKind.Layer);
                detail = string.Join(" → ", members.Where(m => !nodes[m].IsLeaf).Select(m => GraphText.OpSymbol(nodes[m].Tensor)));
            }
            else if (node.IsLeaf)
            {
                kind = node.IsParameter ? GraphBoxKind.Parameter : GraphBoxKind.Data;
                label = node.Name ?? (node.Tensor.Size == 1 ? GraphText.Summary(node.Tensor) : node.IsParameter ? "parameter" : "data");
                detail = node.Name is null && node.Tensor.Size == 1 ? (node.IsParameter ? "parameter" : "constant") : null;
            }
            else
            {
                (label, kind) = (GraphText.OpSymbol(node.Tensor), GraphBoxKind.Operation);
                detail = GraphText.Plain(symbols[id]);
            }
            boxes.Add(new GraphBox(id, label, detail, GraphText.Summary(node.Tensor), node.Grad is null ? null : GraphText.Summary(node.Grad),
                x[i], y[i], layer[i], kind, members) { Width = boxWidth });
        }
        return new GraphExplanation(graph, boxes, arrows, collapsed, width, height, GraphText.Plain(symbols[graph.Output.Id]));
    }

    /// <summary>
    /// Layers found through their parameters' names ("dense/kernel", "dense/bias" → "dense"): an op fed by a
    /// parameter named "P/…" belongs to P; so does a one-input op (an activation, a reshape) applied to P's only result;
    /// and the parameters themselves. Only groups of at least two ops are kept.
    /// </summary>
    private static List<(string Name, List<int> Members)> LayerGroups(ComputationGraph graph)
    {
        var nodes = graph.Nodes;
        var consumers = new int[nodes.Count];
        foreach (var e in graph.Edges) consumers[e.From]++;
        var group = new string?[nodes.Count];
        static string? Prefix(GraphNode n) => n.IsParameter && n.Name is { } name && name.LastIndexOf('/') is > 0 and var k ? name[..k] : null;
        foreach (var n in nodes)
        {
            if (n.IsLeaf) continue;
            group[n.Id] = n.InputIds.Select(i => Prefix(nodes[i])).FirstOrDefault(p => p is not null);
            if (group[n.Id] is null && n.InputIds.Count == 1)
            {
                var computed = n.InputIds;
                if (group[computed[0]] is { } g && consumers[computed[0]] == 1 && !nodes[computed[0]].IsLeaf)
                    group[n.Id] = g;
            }
        }
        foreach (var n in nodes)
            if (Prefix(n) is { } p && graph.Edges.Where(e => e.From == n.Id).All(e => group[e.To] == p)) group[n.Id] = p;
        return nodes.Where(n => group[n.Id] is not null).GroupBy(n => group[n.Id]!)
            .Where(g => g.Count(n => !n.IsLeaf) >= 2)
            .Select(g => (g.Key, g.Select(n => n.Id).ToList())).ToList();
    }

    private static bool IsAcyclic(ComputationGraph graph, int[] boxOf)
    {
        int n = graph.Nodes.Count;
        var inputs = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        foreach (var e in graph.Edges) if (boxOf[e.From] != boxOf[e.To]) inputs[boxOf[e.To]].Add(boxOf[e.From]);
        try { GraphLayout.TopologicalOrder(inputs); return true; }
        catch (InvalidOperationException) { return false; }
    }
}
