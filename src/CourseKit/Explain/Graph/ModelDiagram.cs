using System.Text;

namespace CourseKit;

/// <summary>
/// A model drawn as boxes and arrows (Keras's <c>keras.utils.plot_model(model, show_shapes=True)</c>): one box per layer
/// call with the layer's name, type and output shape, an arrow from every layer to each layer that reads its output.
/// Data flows left to right. Made by <see cref="Explain.Model"/>.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class ModelDiagram : Explanation
{
    private ModelDiagram(Model model, IReadOnlyList<GraphBox> boxes, IReadOnlyList<GraphArrow> arrows, double width, double height)
    {
        Source = model;
        Boxes = boxes;
        Arrows = arrows;
        Width = width;
        Height = height;
    }

    /// <inheritdoc/>
    public override string Title => $"Model \"{Source.Name}\"";

    /// <summary>The model drawn.</summary>
    public Model Source { get; }

    /// <summary>The boxes: <see cref="GraphBox.Label"/> is the layer's name, <see cref="GraphBox.Detail"/> its type (and
    /// activation), <see cref="GraphBox.ValueText"/> its output shape; inputs are <see cref="GraphBoxKind.Data"/>, layers
    /// with weights <see cref="GraphBoxKind.Layer"/>, layers without (Concatenate, Flatten, …) <see cref="GraphBoxKind.Operation"/>.</summary>
    public IReadOnlyList<GraphBox> Boxes { get; }

    /// <summary>The arrows, from the box whose output is read to the box that reads it.</summary>
    public IReadOnlyList<GraphArrow> Arrows { get; }

    /// <summary>Width of the drawing in pixels.</summary>
    public double Width { get; }

    /// <summary>Height of the drawing in pixels.</summary>
    public double Height { get; }

    /// <summary>The box of the layer named <paramref name="name"/> (its first call, for a layer called several times).</summary>
    public GraphBox Box(string name) => Boxes.FirstOrDefault(b => b.Label == name)
        ?? throw new ArgumentException($"Model \"{Source.Name}\" has no layer \"{name}\"; its layers are {string.Join(", ", Boxes.Select(b => b.Label).Distinct())}.", nameof(name));

    /// <summary>The drawing as an SVG element.</summary>
    public string ToSvg() => BoxDiagramSvg.Draw(Boxes, Arrows, Width, Height, b => $"{b.Label} ({b.Detail}): output {b.ValueText}");

    /// <inheritdoc/>
    public override string ToHtml() =>
        $"<div class=\"coursekit-explain coursekit-model-diagram\"><div><b>{GraphText.Html(Title)}</b></div>" +
        $"<div style=\"overflow-x:auto\">{ToSvg()}</div>" +
        "<div style=\"font-size:0.85em;color:#555\">Data flows left to right; each box shows a layer's name, type and output shape " +
        "(None: any number of examples). Grey: inputs · green: layers with weights · blue: layers without weights.</div></div>";

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder(Title);
        var byId = Boxes.ToDictionary(b => b.Id);
        foreach (var b in Boxes)
        {
            sb.Append($"\n  {b.Label} ({b.Detail}) {b.ValueText}");
            var from = Arrows.Where(a => a.To == b.Id).Select(a => byId[a.From].Label).ToList();
            if (from.Count > 0) sb.Append(" ← ").Append(string.Join(", ", from));
        }
        return sb.ToString();
    }

    /// <summary>The diagram of a functional or Sequential model; subclassed models are code and cannot be drawn.</summary>
    internal static ModelDiagram Build(Model model)
    {
        var (calls, inputs) = Calls(model);
        var (column, _, x, y, width, height) = GraphLayout.Compute(inputs);
        var boxes = calls.Select((c, i) => new GraphBox(i, c.Name, c.Type, c.Shape, null, x[i], y[i], column[i], c.Kind, [i])).ToList();
        var arrows = inputs.SelectMany((from, i) => from.Select(j => new GraphArrow(j, i))).ToList();
        return new ModelDiagram(model, boxes, arrows, width, height);
    }

    /// <summary>Every layer call in computation order, and for each the calls whose outputs it reads.</summary>
    private static (List<(string Name, string Type, string Shape, GraphBoxKind Kind)> Calls, List<IReadOnlyList<int>> Inputs) Calls(Model model)
    {
        if (model.Graph is { } graph)
        {
            var index = graph.Nodes.Select((node, i) => (node, i))
                .ToDictionary(t => t.node, t => t.i, (IEqualityComparer<KerasTensor>)ReferenceEqualityComparer.Instance);
            return (graph.Nodes.Select(n => Call(n.Producer)).ToList(),
                    graph.Nodes.Select(n => (IReadOnlyList<int>)n.Parents.Select(p => index[p]).ToList()).ToList());
        }
        if (model is Sequential)
        {
            var calls = model.Layers.Select(Call).ToList();
            if (model.Layers.FirstOrDefault()?.InputShapes is [var shape]) calls.Insert(0, ("input", "InputLayer", KerasTensor.Format(shape), GraphBoxKind.Data));
            return (calls, calls.Select((_, i) => (IReadOnlyList<int>)(i == 0 ? [] : [i - 1])).ToList());
        }
        throw new NotSupportedException(
            $"Explain.Model: model \"{model.Name}\" is a subclassed model: the code in its Call method connects its layers, and code " +
            "cannot be drawn (Keras's plot_model cannot either). model.Summary() lists its layers; build it with the functional API to draw it.");
    }

    private static (string Name, string Type, string Shape, GraphBoxKind Kind) Call(Layer layer) =>
        (layer.Name, Describe(layer), layer.OutputShape is int[] s ? KerasTensor.Format(s) : "?",
         layer is InputLayer ? GraphBoxKind.Data : layer.Weights.Count > 0 ? GraphBoxKind.Layer : GraphBoxKind.Operation);

    /// <summary>"Dense · relu", "Concatenate", "InputLayer".</summary>
    private static string Describe(Layer layer)
    {
        string? activation = layer switch
        {
            Dense d => d.Activation.Name,
            Conv2D c => c.Activation.Name,
            _ => null,
        };
        return activation is null or "linear" ? layer.GetType().Name : $"{layer.GetType().Name} · {activation}";
    }
}
