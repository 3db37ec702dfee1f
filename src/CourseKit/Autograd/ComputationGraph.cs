namespace CourseKit;

/// <summary>
/// A read-only picture of the graph autograd recorded: which operations produced a tensor from which inputs, with
/// every node's value and (after <see cref="Tensor.Backward"/>) gradient. Explainers draw it; students can walk it.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class ComputationGraph
{
    private ComputationGraph(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
    }

    /// <summary>Nodes in data-flow order: every node comes after all of its inputs; the output is last.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>Edges from an input node to the node computed from it.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>The node whose graph this is.</summary>
    public GraphNode Output => Nodes[^1];

    /// <summary>The leaves: data and parameters.</summary>
    public IEnumerable<GraphNode> Leaves => Nodes.Where(n => n.IsLeaf);

    internal static ComputationGraph Of(Tensor output)
    {
        var tensors = Backpropagation.TopologicalOrder(output);
        var ids = new Dictionary<Tensor, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < tensors.Count; i++) ids[tensors[i]] = i;
        var nodes = tensors.Select((t, i) => new GraphNode(i, t, t.Inputs.Select(x => ids[x]).ToArray())).ToList();
        var edges = nodes.SelectMany(n => n.InputIds.Select((from, slot) => new GraphEdge(from, n.Id, slot))).ToList();
        return new ComputationGraph(nodes, edges);
    }
}

/// <summary>One node of a <see cref="ComputationGraph"/>: a tensor and how it was made.</summary>
public sealed class GraphNode
{
    internal GraphNode(int id, Tensor tensor, int[] inputIds)
    {
        Id = id;
        Tensor = tensor;
        InputIds = inputIds;
    }

    /// <summary>Position in <see cref="ComputationGraph.Nodes"/>.</summary>
    public int Id { get; }

    /// <summary>The tensor itself (its forward value).</summary>
    public Tensor Tensor { get; }

    /// <summary>The operation (<c>"add"</c>, <c>"matmul"</c>, …) or null for a leaf.</summary>
    public string? Op => Tensor.Op;

    /// <summary>The tensor's <see cref="Tensor.Name"/>, if it has one.</summary>
    public string? Name => Tensor.Name;

    public bool IsLeaf => Tensor.IsLeaf;

    /// <summary>A leaf that learns (requires a gradient), as opposed to data or a constant.</summary>
    public bool IsParameter => Tensor.IsLeaf && Tensor.RequiresGrad;

    /// <summary>Ids of the input nodes, in the operation's argument order.</summary>
    public IReadOnlyList<int> InputIds { get; }

    /// <summary>The forward value.</summary>
    public Tensor Value => Tensor;

    /// <summary>The gradient after Backward, or null.</summary>
    public Tensor? Grad => Tensor.Grad;

    public override string ToString() => $"#{Id} {Name ?? Op ?? "leaf"} {ShapeMath.Format(Tensor.ShapeView)}";
}

/// <summary>An edge of a <see cref="ComputationGraph"/>: node <see cref="From"/> is argument number <see cref="Slot"/> of node <see cref="To"/>.</summary>
public readonly record struct GraphEdge(int From, int To, int Slot);
