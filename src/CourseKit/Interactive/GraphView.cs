using System.Text;

namespace CourseKit.Interactive;

/// <summary>
/// A computation graph as a list, one node per line in data-flow order: <c>#2 matmul (4, 3) ← #0, #1</c>.
/// (Drawing it is the explainers' job; this is what a notebook shows until then.)
/// </summary>
internal static class GraphView
{
    public static string Text(ComputationGraph graph)
    {
        var sb = new StringBuilder($"Computation graph: {graph.Nodes.Count} nodes, {graph.Edges.Count} edges");
        foreach (var node in graph.Nodes)
        {
            sb.Append('\n').Append($"  #{node.Id} ");
            if (node.IsLeaf) sb.Append(node.Name ?? (node.IsParameter ? "parameter" : "data"));
            else sb.Append(node.Op).Append(node.Name is null ? "" : $" \"{node.Name}\"");
            sb.Append(' ').Append(ShapeMath.Format(node.Tensor.ShapeView));
            if (node.IsLeaf) sb.Append(node.IsParameter ? " (parameter)" : " (data)");
            else sb.Append(" ← ").Append(string.Join(", ", node.InputIds.Select(i => $"#{i}")));
            if (node.Grad is not null) sb.Append(" · has grad");
        }
        return sb.ToString();
    }

    public static string Html(ComputationGraph graph) => Interactive.Html.Block("graph", Interactive.Html.Pre(Text(graph)));
}
