using CourseKit.Tests.Interactive;
using CourseKit.Tests.Keras.Models;

namespace CourseKit.Tests.Explain;

using Explain = CourseKit.Explain;

/// <summary>Explain.Model: a model drawn as boxes and arrows, as Keras's plot_model does.</summary>
[Collection(KerasCollection.Name)]
public class ModelDiagramTests
{
    public ModelDiagramTests() => Model.ClearSession();

    /// <summary>Géron's wide-and-deep model with two inputs (5 wide, 6 deep features) and an auxiliary output.</summary>
    private static Model TwoInputsTwoOutputs()
    {
        var wide = new Input(shape: [5], name: "wide_input");
        var deep = new Input(shape: [6], name: "deep_input");
        var deep1 = new Dense(30, activation: "relu", name: "deep1").Call(deep);
        var deep2 = new Dense(30, activation: "relu", name: "deep2").Call(deep1);
        var main = new Dense(1, name: "main_output").Call(Layers.Concatenate(wide, deep2));
        var aux = new Dense(1, name: "aux_output").Call(deep2);
        return new Model([wide, deep], [main, aux], name: "wide_and_deep");
    }

    [Fact]
    public void AWideAndDeepModelIsDrawnWithEveryConnectionAndShape()
    {
        var diagram = Explain.Model(TwoInputsTwoOutputs());
        Assert.Equal(
            """
            Model "wide_and_deep"
              wide_input (InputLayer) (None, 5)
              deep_input (InputLayer) (None, 6)
              deep1 (Dense · relu) (None, 30) ← deep_input
              deep2 (Dense · relu) (None, 30) ← deep1
              concatenate (Concatenate) (None, 35) ← wide_input, deep2
              main_output (Dense) (None, 1) ← concatenate
              aux_output (Dense) (None, 1) ← deep2
            """.ReplaceLineEndings("\n"), diagram.ToString());
        Assert.Equal(6, diagram.Arrows.Count);
        // Columns: the deep path takes three steps to the concatenation; the wide input waits right before it.
        Assert.Equal([0, 1, 2, 2, 3, 4, 3], new[] { "deep_input", "deep1", "deep2", "wide_input", "concatenate", "main_output", "aux_output" }
            .Select(name => diagram.Box(name).Layer));
        Assert.Equal(GraphBoxKind.Data, diagram.Box("wide_input").Kind);
        Assert.Equal(GraphBoxKind.Layer, diagram.Box("deep1").Kind);
        Assert.Equal(GraphBoxKind.Operation, diagram.Box("concatenate").Kind);
        Assert.All(diagram.Boxes, a => Assert.All(diagram.Boxes.Where(b => b != a),
            b => Assert.False(a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height, $"{a.Label} overlaps {b.Label}")));

        string svg = diagram.ToSvg();
        Assert.Equal(6, svg.Split("marker-end").Length - 1);
        Assert.Contains(">main_output</text>", svg);
        Assert.Contains(">Concatenate</text>", svg);
        Assert.Contains(">(None, 35)</text>", svg);
        var (html, text) = RendersAlike.Check(diagram);   // a notebook shows the drawing, and the list as text
        Assert.Contains("<svg", html);
        Assert.Contains("Grey: inputs", html);
        Assert.Equal(diagram.ToString(), text);
    }

    [Fact]
    public void TheWidePathOfASingleInputWideAndDeepModelIsDrawnAboveTheDeepPath()
    {
        var input = new Input(shape: [8], name: "snail");
        var hidden1 = new Dense(30, activation: "relu", name: "hidden1").Call(input);
        var hidden2 = new Dense(30, activation: "relu", name: "hidden2").Call(hidden1);
        var output = new Dense(1, name: "age").Call(Layers.Concatenate(input, hidden2));
        var diagram = Explain.Model(new Model(input, output));
        Assert.Equal([0, 1, 2, 3, 4], diagram.Boxes.Select(b => b.Layer));
        Assert.All(diagram.Boxes, b => Assert.Equal(diagram.Boxes[0].Y, b.Y));   // one row: a straight arrow would hide behind hidden1, hidden2

        // The input's arrow to the concatenation leaves the top of "snail" (centre x = 16 + 136/2 = 84), runs in a lane
        // 22 px above the boxes, and drops into the top of "concatenate" (x = 16 + 3·(136 + 64) + 68 = 684); the drawing
        // moves down by one lane (18 px) to make room.
        string svg = diagram.ToSvg();
        Assert.Contains("<path d=\"M84,16 V-6 H684 V16\"", svg);
        Assert.Contains("<g transform=\"translate(0,18)\">", svg);
        Assert.Contains($"height=\"{diagram.Height + 18}\"", svg);
        Assert.Equal(4, svg.Split(" C").Length - 1);   // the other four arrows go straight to their neighbour
    }

    [Fact]
    public void ASequentialModelIsAChainFromItsInput()
    {
        var model = new Sequential([new Dense(8, inputShape: [2], activation: "sigmoid"), new Dropout(0.5f), new Dense(1, activation: "sigmoid")]);
        var diagram = Explain.Model(model);
        Assert.Equal(
            """
            Model "sequential"
              input (InputLayer) (None, 2)
              dense (Dense · sigmoid) (None, 8) ← input
              dropout (Dropout) (None, 8) ← dense
              dense_1 (Dense · sigmoid) (None, 1) ← dropout
            """.ReplaceLineEndings("\n"), diagram.ToString());
        Assert.Equal([0, 1, 2, 3], diagram.Boxes.Select(b => b.Layer));
    }

    private sealed class Subclassed : Model
    {
        private readonly Dense _layer = new(1);

        public override Tensor Call(Tensor inputs, bool training = false) => _layer.Call(inputs, training);
    }

    [Fact]
    public void ASubclassedModelCannotBeDrawnAndSaysWhy()
    {
        var model = new Subclassed();
        model.Predict(Tensor.Zeros([1, 3]));
        var e = Assert.Throws<NotSupportedException>(() => Explain.Model(model));
        Assert.Equal("Explain.Model: model \"subclassed\" is a subclassed model: the code in its Call method connects its layers, and code " +
                     "cannot be drawn (Keras's plot_model cannot either). model.Summary() lists its layers; build it with the functional API to draw it.",
                     e.Message);
    }

    [Fact]
    public void A_drawing_whose_boxes_fit_the_page_shrinks_into_it_and_a_wider_one_scrolls()
    {
        // Five columns: 2 × 16 px margin + 5 × 136 px boxes + 4 × 64 px gaps = 968 px, 8 px more than the exported
        // pages' 960 px column. The boxes themselves take 968 − 2 × 16 = 936 px and fit: the picture may shrink to that
        // (max-width 100%, height following), no further; below it the wrapper (overflow-x auto) scrolls.
        var diagram = Explain.Model(TwoInputsTwoOutputs());
        Assert.Equal(968, diagram.Width);
        var svg = System.Xml.Linq.XElement.Parse(diagram.ToSvg());
        Assert.Equal("968", (string?)svg.Attribute("width"));
        var style = ((string?)svg.Attribute("style") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("max-width:100%", style);
        Assert.Contains("min-width:936px", style);
        Assert.Contains("height:auto", style);
        Assert.Contains("<div style=\"overflow-x:auto\"><svg", diagram.ToHtml());
    }
}
