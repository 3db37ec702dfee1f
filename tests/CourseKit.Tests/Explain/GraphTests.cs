namespace CourseKit.Tests.Explain.Graph;

using Explain = CourseKit.Explain;

/// <summary>Explain.Graph and Explain.BackwardSteps on the lecture's examples.</summary>
public class GraphTests
{
    internal static (Tensor X, Tensor Y, Tensor Z, Tensor F) Lecture()
    {
        var x = Tensor.Scalar(-2, requiresGrad: true).Named("x");
        var y = Tensor.Scalar(5, requiresGrad: true).Named("y");
        var z = Tensor.Scalar(-4, requiresGrad: true).Named("z");
        var f = ((x + y).Named("q") * z).Named("f");
        return (x, y, z, f);
    }

    [Fact]
    public void LectureGraphShowsValuesAndGradients()
    {
        var (_, _, _, f) = Lecture();
        f.Backward();
        var g = Explain.Graph(f);
        var byLabel = g.Boxes.ToDictionary(b => b.Label);
        Assert.Equal(5, g.Boxes.Count);
        Assert.Equal(4, g.Arrows.Count);
        Assert.Equal("-12", byLabel["·"].ValueText);
        Assert.Equal("1", byLabel["·"].GradText);
        Assert.Equal("3", byLabel["+"].ValueText);
        Assert.Equal("-4", byLabel["+"].GradText);
        Assert.Equal("-4", byLabel["x"].GradText);
        Assert.Equal("-4", byLabel["y"].GradText);
        Assert.Equal("3", byLabel["z"].GradText);
        Assert.Equal("-2", byLabel["x"].ValueText);
        Assert.All(["x", "y", "z"], n => Assert.Equal(GraphBoxKind.Parameter, byLabel[n].Kind));
        Assert.Equal("q", byLabel["+"].Detail);
        AssertLayoutSane(g);
        string svg = g.ToSvg();
        Assert.Contains("<svg", svg);
        Assert.Contains("-12", svg);
        Assert.Contains("marker-end", svg);
    }

    [Fact]
    public void WithoutBackwardThereAreNoGradients()
    {
        var (_, _, _, f) = Lecture();
        var g = Explain.Graph(f);
        Assert.All(g.Boxes, b => Assert.Null(b.GradText));
        Assert.Contains("Backward()", g.ToHtml());
    }

    internal static void AssertLayoutSane(GraphExplanation g)
    {
        var byId = g.Boxes.ToDictionary(b => b.Id);
        foreach (var a in g.Arrows) Assert.True(byId[a.From].Layer < byId[a.To].Layer, $"arrow {a.From}→{a.To} goes backwards");
        foreach (var layer in g.Boxes.GroupBy(b => b.Layer))
        {
            var boxes = layer.OrderBy(b => b.Y).ToList();
            Assert.All(boxes, b => Assert.Equal(boxes[0].X, b.X));
            for (int i = 1; i < boxes.Count; i++) Assert.True(boxes[i].Y >= boxes[i - 1].Y + boxes[i - 1].Height, "boxes overlap");
        }
        Assert.All(g.Boxes, b => Assert.True(b.X + b.Width <= g.Width && b.Y + b.Height <= g.Height));
    }

    private static Tensor TwoLayerNetwork()
    {
        var x = Tensor.RandomNormal([4, 3], seed: 1);
        var k1 = Tensor.RandomNormal([3, 5], seed: 2, requiresGrad: true).Named("dense/kernel");
        var b1 = Tensor.Zeros([5], requiresGrad: true).Named("dense/bias");
        var k2 = Tensor.RandomNormal([5, 1], seed: 3, requiresGrad: true).Named("dense_1/kernel");
        var b2 = Tensor.Zeros([1], requiresGrad: true).Named("dense_1/bias");
        var h = (x.MatMul(k1) + b1).Relu();
        var p = (h.MatMul(k2) + b2).Sigmoid();
        var loss = (p - 1f).Square().Mean();
        loss.Backward();
        return loss;
    }

    [Fact]
    public void LayersCollapseIntoOneBoxAndExpandOnRequest()
    {
        var loss = TwoLayerNetwork();
        var collapsed = Explain.Graph(loss, collapseAbove: 0);
        Assert.True(collapsed.IsCollapsed);
        var dense = collapsed.Boxes.Single(b => b.Label == "dense");
        Assert.Equal(GraphBoxKind.Layer, dense.Kind);
        Assert.Equal("matmul → + → relu", dense.Detail);
        Assert.Contains(collapsed.Boxes, b => b.Label == "dense_1" && b.Detail == "matmul → + → σ");
        Assert.DoesNotContain(collapsed.Boxes, b => b.Label == "dense/kernel");
        Assert.Contains("(4, 5)", dense.ValueText);
        Assert.NotNull(dense.GradText);
        AssertLayoutSane(collapsed);

        var expanded = Explain.Graph(loss, collapseAbove: 0, collapse: false);
        Assert.False(expanded.IsCollapsed);
        Assert.Equal(loss.Graph().Nodes.Count, expanded.Boxes.Count);
        Assert.True(expanded.Boxes.Count > collapsed.Boxes.Count);
        AssertLayoutSane(expanded);
        Assert.False(Explain.Graph(loss).IsCollapsed || loss.Graph().Nodes.Count > CourseKit.Explain.GraphCollapseAbove);
    }

    [Fact]
    public void BackwardStepsReachAutogradsGradients()
    {
        var (x, y, z, f) = Lecture();
        var steps = Explain.BackwardSteps(f);
        Assert.Null(x.Grad);   // explaining does not change the tensors' gradients
        Assert.Equal(2, steps.Steps.Count);
        Assert.Equal("mul", steps.Steps[0].Op);
        Assert.Equal(1f, steps.Steps[0].Upstream.Item());
        Assert.Equal([-4f, 3f], steps.Steps[0].Contributions.Select(c => c.Contribution.Item()));
        Assert.Equal("add", steps.Steps[1].Op);
        Assert.Equal(-4f, steps.Steps[1].Upstream.Item());
        Assert.Equal([-4f, -4f], steps.Steps[1].Contributions.Select(c => c.Contribution.Item()));
        f.Backward();
        var graph = f.Graph();
        foreach (var n in graph.Nodes)
        {
            Assert.Equal(n.Grad!.Item(), steps.Gradients[n.Id].Item(), 5);
            Assert.Equal(n.Grad!.Item(), steps.AutogradGradients[n.Id].Item(), 5);
        }
        Assert.Contains("\\cdot g", steps.Steps[0].Contributions[0].RuleLatex);   // mul: ∂/∂q = z·g
        Assert.Contains("(-4)\\cdot1", steps.Steps[0].Contributions[0].NumbersLatex.Replace(" ", ""));
        string html = steps.ToHtml();
        Assert.Contains("<button", html);
        // the same numbers typeset as MathML: (−4)⋅1
        Assert.Contains("<mo stretchy=\"false\">(</mo><mo lspace=\"0\" rspace=\"0\">−</mo><mn>4</mn><mo stretchy=\"false\">)</mo><mo>⋅</mo><mn>1</mn>", html);
        Assert.DoesNotContain("<script src", html);
    }

    [Fact]
    public void BackwardStepsOnTensorsMatchAutograd()
    {
        var loss = TwoLayerNetwork();
        var steps = Explain.BackwardSteps(loss);
        var graph = loss.Graph();
        foreach (var n in graph.Nodes.Where(n => n.Grad is not null))
        {
            var mine = steps.Gradients[n.Id].ToArray();
            var autograd = n.Grad!.ToArray();
            for (int i = 0; i < mine.Length; i++) Assert.Equal(autograd[i], mine[i], 4);
        }
        Assert.Contains(steps.Steps, s => s.Op == "matmul" && s.Contributions.Any(c => c.RuleLatex.Contains("^{\\top}")));
        Assert.Contains(steps.Steps, s => s.Op == "sigmoid" && s.Contributions[0].RuleLatex.Contains("\\sigma"));
        Assert.NotEmpty(steps.ToString());
    }

    /// <summary>The lecture's f = (x + y)·z as a student types it: only x, y and z named.</summary>
    private static (Tensor X, Tensor F) UnnamedLecture()
    {
        var x = Tensor.Scalar(-2, requiresGrad: true).Named("x");
        var y = Tensor.Scalar(5, requiresGrad: true).Named("y");
        var z = Tensor.Scalar(-4, requiresGrad: true).Named("z");
        return (x, (x + y) * z);
    }

    /// <summary>The chain-rule example f = (2x − 5)³ at x = 3 (f′ = 6(2x − 5)² = 6).</summary>
    private static (Tensor X, Tensor F) Cube()
    {
        var x = Tensor.Scalar(3, requiresGrad: true).Named("x");
        return (x, (2f * x - 5f).Pow(3));
    }

    [Fact]
    public void GraphBoxesNameUnnamedNodesByTheirExpressions()
    {
        var (_, f) = UnnamedLecture();
        f.Backward();
        var g = Explain.Graph(f);
        Assert.Equal("Computation graph of f", g.Title);
        Assert.Contains("∇ red: the gradient ∂f/∂node", g.ToHtml());
        Assert.Equal(["x", "y", "+", "z", "·"], g.Boxes.Select(b => b.Label));
        Assert.Equal([null, null, "x + y", null, "f"], g.Boxes.Select(b => b.Detail));

        var (_, cube) = Cube();
        var c = Explain.Graph(cube);
        Assert.Equal(["2", "x", "·", "5", "−", "x³"], c.Boxes.Select(b => b.Label));   // the real exponent, not xᵖ
        Assert.Equal(["constant", null, "2x", "constant", "2x − 5", "f"], c.Boxes.Select(b => b.Detail));
        Assert.DoesNotContain("u₍", c.ToSvg());
        Assert.DoesNotMatch("u[₀-₉]", c.ToSvg() + g.ToSvg() + c + g);
    }

    [Fact]
    public void PowerBoxesShowTheirExponent()
    {
        var x = Tensor.Scalar(4, requiresGrad: true).Named("x");
        Assert.Equal("x⁻²", Explain.Graph(x.Pow(-2)).Boxes[^1].Label);
        Assert.Equal("x^0.5", Explain.Graph(x.Pow(0.5f)).Boxes[^1].Label);
        Assert.Equal("x¹²", Explain.Graph(x.Pow(12)).Boxes[^1].Label);
    }

    [Fact]
    public void BackwardStepsNameUnnamedNodesByTheirExpressions()
    {
        var (_, f) = UnnamedLecture();
        var steps = Explain.BackwardSteps(f);
        Assert.Equal(["x", "y", "x + y", "z", "f"], steps.Symbols);
        Assert.Equal(["f", "x + y"], steps.Steps.Select(s => s.Symbol));
        Assert.Equal(["x + y", "z"], steps.Steps[0].Contributions.Select(c => c.InputSymbol));
        Assert.Equal(@"\frac{\partial f}{\partial (x + y)} \mathrel{+}= z\cdot g", steps.Steps[0].Contributions[0].RuleLatex);
        Assert.Equal(@"\frac{\partial f}{\partial x} \mathrel{+}= g", steps.Steps[1].Contributions[0].RuleLatex);
        string html = steps.ToHtml();
        Assert.DoesNotContain("u_{", html);
        Assert.Contains(@"\frac{\partial f}{\partial z} = 3</annotation>", html);
        Assert.Contains(@"\frac{\partial f}{\partial x} = -4</annotation>", html);   // a result needs no parentheses

        var (_, cube) = Cube();
        var c = Explain.BackwardSteps(cube);
        Assert.Equal(["f", "2 x - 5", "2 x"], c.Steps.Select(s => s.Symbol));
        Assert.Equal(["2 x - 5", "2 x", "x"], c.Steps.SelectMany(s => s.Contributions).Select(k => k.InputSymbol));
        Assert.Equal([@"\frac{\partial f}{\partial (2 x - 5)} \mathrel{+}= 3\,(2 x - 5)^{3-1}\cdot g",
                      @"\frac{\partial f}{\partial (2 x)} \mathrel{+}= g",
                      @"\frac{\partial f}{\partial x} \mathrel{+}= 2\cdot g"],
            c.Steps.SelectMany(s => s.Contributions).Select(k => k.RuleLatex));
        Assert.Equal([3f, 3f, 6f], c.Steps.SelectMany(s => s.Contributions).Select(k => k.Contribution.Item()));
        Assert.DoesNotContain("u_{", c.ToHtml());
        Assert.Contains("∂f/∂x = 6", c.ToString());
    }

    [Fact]
    public void NotebooksShowTheExplanations()
    {
        var (_, _, _, f) = Lecture();
        f.Backward();
        Assert.Contains("<svg", Display.Html(Explain.Graph(f)));
        Assert.Contains("<button", Display.Html(Explain.BackwardSteps(f)));
        Assert.Contains("-12", Display.Text(Explain.Graph(f)));
    }

    [Fact]
    public void SmallTensorsShowTheirNumbersWholeInTheBoxes()
    {
        // Notebook 05's logistic unit: a weight column of two numbers.
        var w = Tensor.FromArray(new float[,] { { 0.3f }, { -0.2f } }, requiresGrad: true).Named("w");
        var b = Tensor.Scalar(0.1f, requiresGrad: true).Named("b");
        var x = Tensor.FromArray(new float[,] { { 0.5f, -1.2f } }).Named("x");
        var loss = ((x.MatMul(w) + b).Sigmoid() - 1f).Square().Mean().Named("J");
        loss.Backward();
        var g = Explain.Graph(loss);
        var box = g.Boxes.Single(bx => bx.Label == "w");
        // z = 0.15 + 0.24 + 0.1 = 0.49, ŷ = σ(0.49) = 0.62011, ∂J/∂z = 2(ŷ − 1)·ŷ(1 − ŷ) = −0.17899, ∂J/∂w = xᵀ·∂J/∂z.
        Assert.Equal("(2, 1) [0.3, -0.2]", box.ValueText);
        Assert.Equal("(2, 1) [-0.0895, 0.2148]", box.GradText);
        string svg = g.ToSvg();
        Assert.Contains(">(2, 1) [0.3, -0.2]</text>", svg);
        Assert.Contains(">∇ (2, 1) [-0.0895, 0.2148]</text>", svg);
        Assert.DoesNotContain("…", svg);
        AssertLayoutSane(g);
    }

    [Fact]
    public void FourNumbersFitAWiderBoxAndLargerTensorsAreSummarised()
    {
        var w = Tensor.FromArray(new float[,] { { -0.1234f, 0.5678f }, { -0.9876f, 0.4321f } }, requiresGrad: true).Named("w");
        var v = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5 }, requiresGrad: true).Named("v");
        var f = ((w * w).Sum() + (v * v).Sum()).Named("f");
        f.Backward();
        var g = Explain.Graph(f);
        var box = g.Boxes.Single(bx => bx.Label == "w");
        Assert.Equal("(2, 2) [-0.1234, 0.5678, -0.9876, 0.4321]", box.ValueText);
        Assert.Equal("(2, 2) [-0.2468, 1.1356, -1.9752, 0.8642]", box.GradText);   // 2w
        Assert.True(box.Width > GraphLayout.BoxWidth);
        Assert.All(g.Boxes, bx => Assert.Equal(box.Width, bx.Width));
        string svg = g.ToSvg();
        Assert.Contains(">(2, 2) [-0.1234, 0.5678, -0.9876, 0.4321]</text>", svg);
        Assert.Contains(">∇ (2, 2) [-0.2468, 1.1356, -1.9752, 0.8642]</text>", svg);
        // Five numbers: shape, mean and range, in full in the tooltip.
        var five = g.Boxes.Single(bx => bx.Label == "v");
        Assert.Equal("(5,) μ=3 [1, 5]", five.ValueText);
        Assert.Equal("(5,) μ=6 [2, 10]", five.GradText);
        Assert.Contains(" v\nvalue: (5,) μ=3 [1, 5]\ngradient: (5,) μ=6 [2, 10]</title>", svg);
        AssertLayoutSane(g);
    }
}
