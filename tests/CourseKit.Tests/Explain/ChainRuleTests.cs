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

    [Fact]
    public void TensorsGetAClearMessage()
    {
        var w = Tensor.Ones([2], requiresGrad: true);
        var loss = (w * 3f).Sum();
        var ex = Assert.Throws<ArgumentException>(() => Explain.ChainRule(loss, w));
        Assert.Contains("BackwardSteps", ex.Message);
    }
}
