using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

public static partial class Explain
{
    /// <summary>
    /// A drawing of a small Sequential model of Dense layers: one column of nodes per layer (the input first), every
    /// node joined to every node of the next layer. Layers wider than 10 nodes show their first and last nodes with
    /// "⋮" and the count in between.
    /// </summary>
    /// <exception cref="ArgumentException">The number of inputs is not known yet (the model is not built).</exception>
    public static NetworkDiagram Network(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var dense = model.Layers.OfType<Dense>().ToList();
        if (dense.Count == 0) throw new ArgumentException($"Model \"{model.Name}\" has no Dense layers to draw.", nameof(model));
        int? inputs = dense[0].Kernel?.Shape[0];
        if (inputs is null)
        {
            var declared = model.Layers[0].DeclaredInputShape;
            if (declared is not null) inputs = declared.Aggregate(1, (p, d) => p * d);
        }
        if (inputs is null)
            throw new ArgumentException($"Model \"{model.Name}\" does not know its number of inputs yet: give the first layer an " +
                                        "inputShape (new Dense(3, inputShape: [2])) or call model.Predict once.", nameof(model));
        var sizes = new List<int> { inputs.Value };
        var names = new List<string> { "input" };
        var acts = new List<string> { "" };
        foreach (var d in dense) { sizes.Add(d.Units); names.Add(d.Name); acts.Add(d.Activation.Name); }
        return new NetworkDiagram(model.Name, sizes, names, acts);
    }
}

/// <summary>A layer diagram of a model (see <see cref="Explain.Network"/>), laid out here in C# as SVG.</summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class NetworkDiagram : Explanation
{
    internal NetworkDiagram(string name, IReadOnlyList<int> sizes, IReadOnlyList<string> layerNames, IReadOnlyList<string> activations)
    {
        Name = name; LayerSizes = sizes; LayerNames = layerNames; Activations = activations;
        Svg = Draw();
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>Nodes per column: the number of inputs, then each Dense layer's units.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>"input", then the Dense layers' names.</summary>
    public IReadOnlyList<string> LayerNames { get; }

    /// <summary>"" for the input, then each layer's activation.</summary>
    public IReadOnlyList<string> Activations { get; }

    /// <summary>How many nodes the drawing shows (wide layers are abbreviated).</summary>
    public int DrawnNodes { get; private set; }

    /// <summary>How many edges the drawing shows.</summary>
    public int DrawnEdges { get; private set; }

    /// <summary>The drawing: nodes are <c>circle class="ck-node"</c>, edges <c>line class="ck-edge"</c>.</summary>
    public string Svg { get; }

    public override string Title => $"{Name}: {string.Join(" → ", LayerSizes)}";

    public override string ToString() =>
        Title + "\n" + string.Join("\n", LayerSizes.Select((n, k) =>
            $"  {LayerNames[k]}: {n} node{(n == 1 ? "" : "s")}" + (k == 0 ? "" : $", {Activations[k]}, {LayerSizes[k - 1] * n + n} weights")));

    public override string ToHtml() => Html.Block("network", Html.Head(Title) + Svg);

    private string Draw()
    {
        const double colGap = 150, rowGap = 44, r = 14, top = 40;
        var shown = LayerSizes.Select(DiagramSvg.Shown).ToList();
        int maxRows = shown.Max(s => s.Count);
        double height = top + maxRows * rowGap + 30, width = 60 + (LayerSizes.Count - 1) * colGap + 60;
        double X(int k) => 60 + k * colGap;
        double Y(int k, int row) => top + rowGap / 2 + (maxRows - shown[k].Count) * rowGap / 2 + row * rowGap;

        var sb = new StringBuilder(DiagramSvg.Open(width, height, Title));
        for (int k = 0; k + 1 < LayerSizes.Count; k++)
            for (int a = 0; a < shown[k].Count; a++)
                for (int b = 0; b < shown[k + 1].Count; b++)
                {
                    if (shown[k][a] < 0 || shown[k + 1][b] < 0) continue;
                    sb.Append(DiagramSvg.Edge(X(k) + r, Y(k, a), X(k + 1) - r, Y(k + 1, b)));
                    DrawnEdges++;
                }
        for (int k = 0; k < LayerSizes.Count; k++)
        {
            sb.Append(DiagramSvg.Text(X(k), 16, LayerNames[k])).Append(DiagramSvg.Text(X(k), 30, k == 0 ? $"{LayerSizes[k]} inputs" : $"{LayerSizes[k]}, {Activations[k]}", "ck-w"));
            for (int a = 0; a < shown[k].Count; a++)
            {
                int i = shown[k][a];
                if (i < 0)
                {
                    sb.Append(DiagramSvg.Text(X(k), Y(k, a) + 5, $"⋮ {LayerSizes[k] - shown[k].Count + 1}"));
                    continue;
                }
                sb.Append(DiagramSvg.Node(X(k), Y(k, a), r));
                DrawnNodes++;
            }
        }
        return sb.Append("</svg>").ToString();
    }
}
