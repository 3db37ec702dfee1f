namespace CourseKit.Tests.Explain.ChainRule;

using Explain = CourseKit.Explain;

/// <summary>Explain.ChainRule: products along paths, summed, equal to autograd.</summary>
public class ChainRuleTests
{
    [Fact]
    public void LectureExampleGivesTheLectureNumbers()
    {
        var x = Tensor.Scalar(-2, requiresGrad: true).Named("x");
        var y = Tensor.Scalar(5, requiresGrad: true).Named("y");
        var z = Tensor.Scalar(-4, requiresGrad: true).Named("z");
        var f = (x + y).Named("q") * z;
        var dx = Explain.ChainRule(f, x);
        Assert.Single(dx.Paths);
        Assert.Equal(-4, dx.Total, 5);
        Assert.Equal(-4, dx.AutogradGradient, 5);
        Assert.Equal([-4.0, 1.0], dx.Paths[0].Factors.Select(fa => fa.Value).Reverse());
        Assert.Equal(3, Explain.ChainRule(f, z).Total, 5);
        Assert.Equal(-4, Explain.ChainRule(f, y).AutogradGradient, 5);
        Assert.Null(x.Grad);
        string html = dx.ToHtml();
        Assert.Contains("\\frac{\\partial f}{\\partial q}", html);
        Assert.Contains("\\frac{\\partial q}{\\partial x}", html);
        Assert.Contains("<mfrac><mrow><mi>∂</mi><mi>f</mi></mrow><mrow><mi>∂</mi><mi>q</mi></mrow></mfrac>", html);
        Assert.Contains("<mfrac>", Display.Html(dx));
    }

    [Fact]
    public void OneNeuronPerLayerChain()
    {
        var x = Tensor.Scalar(1.5f).Named("x");
        var w1 = Tensor.Scalar(0.8f, requiresGrad: true).Named("w1");
        var b1 = Tensor.Scalar(-0.3f, requiresGrad: true).Named("b1");
        var w2 = Tensor.Scalar(-1.2f, requiresGrad: true).Named("w2");
        var b2 = Tensor.Scalar(0.5f, requiresGrad: true).Named("b2");
        var target = Tensor.Scalar(1f).Named("y");
        var z1 = (w1 * x + b1).Named("z1");
        var a1 = z1.Sigmoid().Named("a1");
        var z2 = (w2 * a1 + b2).Named("z2");
        var a2 = z2.Sigmoid().Named("a2");
        var c = (a2 - target).Square().Named("C");

        foreach (var p in new[] { w1, b1, w2, b2 })
        {
            var e = Explain.ChainRule(c, p);
            Assert.Single(e.Paths);
            Assert.Equal(e.AutogradGradient, e.Total, 5);
        }
        c.Backward();
        var ew2 = Explain.ChainRule(c, w2);
        Assert.Equal(w2.Grad!.Item(), ew2.AutogradGradient, 5);
        Assert.Equal(w2.Grad!.Item(), ew2.Total, 5);
        // ∂C/∂w2 = 2(a2 − y) · a2(1 − a2) · a1
        double a1v = a1.Item(), a2v = a2.Item();
        Assert.Equal(2 * (a2v - 1) * a2v * (1 - a2v) * a1v, ew2.Total, 5);
        string html = ew2.ToHtml();
        Assert.Contains("\\frac{\\partial a_{2}}{\\partial z_{2}}", html);
        Assert.Contains("\\sigma(z_{2})", html);
        Assert.Contains("\\partial w_{2}", html);
    }

    [Fact]
    public void VariableUsedTwiceSumsTwoPaths()
    {
        var x = Tensor.Scalar(3, requiresGrad: true).Named("x");
        var w = Tensor.Scalar(2, requiresGrad: true).Named("w");
        var f = (x * w) * (x + 1f);   // f = w x (x + 1), ∂f/∂x = w (2x + 1) = 14
        var e = Explain.ChainRule(f, x);
        Assert.Equal(2, e.Paths.Count);
        Assert.Equal(14, e.Total, 4);
        Assert.Equal(14, e.AutogradGradient, 4);
        Assert.Equal(e.Total, e.Paths.Sum(p => p.Product), 6);
        Assert.Contains("2 paths", e.ToHtml());
        Assert.Contains("\\;+\\;", e.ToHtml());
    }

    /// <summary>The notebook's one-neuron-per-layer network, named as the notebook names it: only the leaves, a1, a2, C.</summary>
    private static (Tensor Cost, Tensor W1) NotebookChain()
    {
        var x0 = Tensor.Scalar(1.5f).Named("x");
        var target = Tensor.Scalar(1f).Named("y");
        var w1 = Tensor.Scalar(0.4f, requiresGrad: true).Named("w1");
        var b1 = Tensor.Scalar(0.1f, requiresGrad: true).Named("b1");
        var w2 = Tensor.Scalar(-0.7f, requiresGrad: true).Named("w2");
        var b2 = Tensor.Scalar(0.2f, requiresGrad: true).Named("b2");
        var a1 = (w1 * x0 + b1).Sigmoid().Named("a1");
        var a2 = (w2 * a1 + b2).Sigmoid().Named("a2");
        return ((a2 - target).Square().Named("C"), w1);
    }

    [Fact]
    public void Unnamed_nodes_are_written_as_their_expressions_and_identity_steps_are_merged()
    {
        var (cost, w1) = NotebookChain();
        var e = Explain.ChainRule(cost, w1);
        var path = e.Paths[0];
        Assert.Equal(8, path.Factors.Count);                     // every local derivative, three of them additions
        Assert.Equal(3, path.Identities.Count);
        Assert.Equal(5, path.Shown.Count);
        Assert.Equal(path.Product, path.Shown.Aggregate(1.0, (p, f) => p * f.Value), 12);
        string[] shown =
        [
            @"\frac{\partial C}{\partial a_{2}}",
            @"\frac{\partial a_{2}}{\partial (w_{2} a_{1} + b_{2})}",
            @"\frac{\partial (w_{2} a_{1} + b_{2})}{\partial a_{1}}",
            @"\frac{\partial a_{1}}{\partial (w_{1} x + b_{1})}",
            @"\frac{\partial (w_{1} x + b_{1})}{\partial w_{1}}",
        ];
        Assert.Equal(shown, path.Shown.Reverse().Select(f => f.SymbolLatex));
        string html = e.ToHtml();
        Assert.DoesNotContain("u_{", html);                      // no node names the student never wrote
        Assert.DoesNotContain("= 1 = 1", html);
        Assert.DoesNotContain("∂output", html);
        Assert.Matches(@"<b>Chain rule for <math>((?!</math>).)*x-tex"">\\frac\{\\partial C\}\{\\partial w_\{1\}\}</annotation></semantics></math></b>", html);
        Assert.Contains(@"\frac{\partial C}{\partial a_{2}} = 2\,(a_{2} - y)^{2-1} = 2\cdot (-0.5665)^{2-1} = -1.1331", html);
        Assert.Contains(@"\frac{\partial (w_{1} x + b_{1})}{\partial w_{1}} = x = 1.5", html);
        Assert.Contains(@"\frac{\partial (w_{2} a_{1} + b_{2})}{\partial a_{1}} = w_{2} = -0.7", html);
        Assert.Contains("Left out of the products, each exactly 1", html);
        Assert.Contains(@"\frac{\partial (a_{2} - y)}{\partial a_{2}} = 1", html);
        Assert.Equal("Chain rule for ∂C/∂w₁", e.Title);
        Assert.Contains("path 1: w₁ → w₁x + b₁ → a₁ → w₂a₁ + b₂ → a₂ → C: -1.1331 · 0.2456 · -0.7 · 0.2217 · 1.5 = 0.0648", e.ToString());
    }

    [Fact]
    public void An_expression_of_the_student_names_the_inner_function()
    {
        var x = Tensor.Scalar(3, requiresGrad: true).Named("x");
        var f = (2f * x - 5f).Square();                         // f = (2x − 5)², ∂f/∂x = 4(2x − 5) = 4
        var e = Explain.ChainRule(f, x);
        Assert.Equal(4, e.Total, 5);
        Assert.Equal([@"\frac{\partial f}{\partial (2 x - 5)}", @"\frac{\partial (2 x - 5)}{\partial x}"], e.Paths[0].Shown.Reverse().Select(s => s.SymbolLatex));
        Assert.Equal("Chain rule for ∂f/∂x", e.Title);
        Assert.Contains(@"\frac{\partial (2 x - 5)}{\partial (2 x)} = 1", e.ToHtml());
    }

    [Fact]
    public void A_step_between_two_named_nodes_stays()
    {
        // q = x + y named by the student: ∂q/∂x = 1 is the lecture's own step, so it is shown (once, not "= 1 = 1 = 1").
        var x = Tensor.Scalar(-2, requiresGrad: true).Named("x");
        var q = (x + Tensor.Scalar(5f)).Named("q");
        var e = Explain.ChainRule((q * Tensor.Scalar(-4f)).Named("f"), x);
        Assert.Equal(2, e.Paths[0].Shown.Count);
        Assert.Empty(e.Paths[0].Identities);
        Assert.Contains(@"\frac{\partial q}{\partial x} = 1</annotation>", e.ToHtml());
    }

    [Fact]
    public void TensorsGetAClearMessage()
    {
        var w = Tensor.Ones([2], requiresGrad: true);
        var loss = (w * 3f).Sum();
        var ex = Assert.Throws<ArgumentException>(() => Explain.ChainRule(loss, w));
        Assert.Contains("BackwardSteps", ex.Message);
    }
}
