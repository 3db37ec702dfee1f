namespace CourseKit;

/// <summary>What a box in a drawn graph stands for.</summary>
public enum GraphBoxKind
{
    /// <summary>Input data or a constant (a leaf that learns nothing).</summary>
    Data,
    /// <summary>A parameter: a leaf that requires a gradient.</summary>
    Parameter,
    /// <summary>One operation (+, ·, σ, matmul, …).</summary>
    Operation,
    /// <summary>Several operations of one layer drawn as a single box (e.g. matmul + bias + activation of "dense").</summary>
    Layer,
}

/// <summary>A box of a laid-out graph, with its place: column <see cref="Layer"/> (data flows left to right), at
/// (<see cref="X"/>, <see cref="Y"/>) = its top-left corner in SVG pixels.</summary>
/// <param name="Id">The <see cref="GraphNode.Id"/> of the node (for a collapsed layer: of its output node).</param>
/// <param name="Label">What the box says: a name for leaves, a symbol (+, ·, σ, …) for ops, the layer's name.</param>
/// <param name="Detail">Second line: an op node's quantity in the student's notation (its name or expression, e.g. "x + y"), a
/// layer's chain of ops ("matmul → + → relu"), or null.</param>
/// <param name="ValueText">The forward value: the number, or shape with mean and [min, max].</param>
/// <param name="GradText">The gradient after Backward (same form), or null.</param>
/// <param name="X">Left edge in pixels.</param>
/// <param name="Y">Top edge in pixels.</param>
/// <param name="Layer">The column: leaves left, the output right; every arrow goes to a higher layer.</param>
/// <param name="Kind">Data, parameter, operation or a collapsed layer.</param>
/// <param name="Members">The graph node ids in this box (one, or a collapsed layer's).</param>
public sealed record GraphBox(int Id, string Label, string? Detail, string ValueText, string? GradText,
    double X, double Y, int Layer, GraphBoxKind Kind, IReadOnlyList<int> Members)
{
    /// <summary>Box width in pixels: the same for all boxes of a drawing, wider than <see cref="GraphLayout.BoxWidth"/>
    /// when a small tensor's numbers need the room.</summary>
    public double Width { get; init; } = GraphLayout.BoxWidth;

    /// <summary>Box height in pixels (the same for all boxes).</summary>
    public double Height => GraphLayout.BoxHeight;
}

/// <summary>An arrow from box <see cref="From"/> to box <see cref="To"/> (ids of <see cref="GraphBox"/>), in data-flow direction.</summary>
public readonly record struct GraphArrow(int From, int To);

/// <summary>
/// The layered (Sugiyama-style) layout: (1) every op goes one column after its latest input (longest path from the
/// leaves) and a leaf one column before its first use; (2) a few barycenter sweeps order each column so that arrows
/// cross less; (3) boxes are placed on a grid, each column centred vertically.
/// </summary>
internal static class GraphLayout
{
    public const double BoxWidth = 136, BoxHeight = 62, ColumnGap = 64, RowGap = 22, Margin = 16;

    /// <summary>Lays out nodes 0..n−1 with <paramref name="inputs"/>[i] = the nodes feeding node i (a DAG), in boxes
    /// <paramref name="boxWidth"/> pixels wide. Returns each node's layer, row and (x, y).</summary>
    public static (int[] Layer, int[] Row, double[] X, double[] Y, double Width, double Height) Compute(IReadOnlyList<IReadOnlyList<int>> inputs,
                                                                                                       double boxWidth = BoxWidth)
    {
        int n = inputs.Count;
        var consumers = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < n; i++) foreach (int j in inputs[i].Distinct()) consumers[j].Add(i);

        // 1. Layers: longest path from the leaves.
        var order = TopologicalOrder(inputs);
        var layer = new int[n];
        foreach (int i in order) layer[i] = inputs[i].Count == 0 ? 0 : inputs[i].Max(j => layer[j]) + 1;
        // Leaves sit just before their first consumer, so a parameter appears next to the op that uses it.
        foreach (int i in order)
            if (inputs[i].Count == 0 && consumers[i].Count > 0) layer[i] = Math.Max(0, consumers[i].Min(c => layer[c]) - 1);

        int layers = n == 0 ? 0 : layer.Max() + 1;
        var columns = Enumerable.Range(0, layers).Select(l => order.Where(i => layer[i] == l).ToList()).ToArray();
        var row = new int[n];
        void Renumber() { foreach (var col in columns) for (int r = 0; r < col.Count; r++) row[col[r]] = r; }
        Renumber();

        // 2. Barycenter sweeps: forward by the inputs' rows, backward by the consumers' rows.
        for (int sweep = 0; sweep < 4; sweep++)
        {
            for (int l = 1; l < layers; l++) Sort(columns[l], i => inputs[i]);
            Renumber();
            for (int l = layers - 2; l >= 0; l--) Sort(columns[l], i => consumers[i]);
            Renumber();
        }

        // 3. Placement: a grid, every column centred on the tallest.
        int tallest = columns.Length == 0 ? 0 : columns.Max(c => c.Count);
        var x = new double[n];
        var y = new double[n];
        foreach (var col in columns)
        {
            double offset = (tallest - col.Count) * (BoxHeight + RowGap) / 2;
            foreach (int i in col)
            {
                x[i] = Margin + layer[i] * (boxWidth + ColumnGap);
                y[i] = Margin + offset + row[i] * (BoxHeight + RowGap);
            }
        }
        double width = 2 * Margin + layers * boxWidth + Math.Max(0, layers - 1) * ColumnGap;
        double height = 2 * Margin + tallest * BoxHeight + Math.Max(0, tallest - 1) * RowGap;
        return (layer, row, x, y, width, height);

        void Sort(List<int> column, Func<int, IEnumerable<int>> neighbours)
        {
            var keyed = column.Select((node, r) =>
            {
                var rows = neighbours(node).Select(j => (double)row[j]).ToList();
                return (node, key: rows.Count == 0 ? r : rows.Average(), r);
            }).OrderBy(t => t.key).ThenBy(t => t.r).Select(t => t.node).ToList();
            column.Clear();
            column.AddRange(keyed);
        }
    }

    /// <summary>Nodes so that each comes after its inputs; throws on a cycle.</summary>
    public static List<int> TopologicalOrder(IReadOnlyList<IReadOnlyList<int>> inputs)
    {
        int n = inputs.Count;
        var state = new int[n];
        var order = new List<int>(n);
        for (int start = 0; start < n; start++)
        {
            if (state[start] != 0) continue;
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < inputs[node].Count)
                {
                    stack.Push((node, next + 1));
                    int input = inputs[node][next];
                    if (state[input] == 1) throw new InvalidOperationException("The graph has a cycle.");
                    if (state[input] == 0) { state[input] = 1; stack.Push((input, 0)); }
                }
                else { state[node] = 2; order.Add(node); }
            }
        }
        return order;
    }
}
