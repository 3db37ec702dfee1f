namespace CourseKit.Tests.Autograd;

/// <summary>The lecture's computational-graph example, f(x, y, z) = (x + y)·z, worked by hand.</summary>
public class LectureGraphTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData("reference")]
    public void ChainRuleExampleGivesTheLectureNumbers(string device)
    {
        var d = Device.Parse(device);
        var x = Tensor.Scalar(-2, d, requiresGrad: true).Named("x");
        var y = Tensor.Scalar(5, d, requiresGrad: true).Named("y");
        var z = Tensor.Scalar(-4, d, requiresGrad: true).Named("z");
        var q = (x + y).Named("q");
        var f = q * z;

        f.Backward();

        Assert.Equal(-12f, f.Item());
        Assert.Equal(-4f, x.Grad!.Item());
        Assert.Equal(-4f, y.Grad!.Item());
        Assert.Equal(3f, z.Grad!.Item());
        Assert.Equal(-4f, q.Grad!.Item()); // intermediate nodes keep their gradient too

        var graph = f.Graph();
        Assert.Equal(["x", "y", "add", "z", "mul"], graph.Nodes.Select(n => n.Name is "q" ? n.Op : n.Name ?? n.Op));
        Assert.Equal(4, graph.Edges.Count);
        Assert.Equal(3, graph.Leaves.Count());
    }

    [Fact]
    public void GradientsAccumulateUntilZeroGrad()
    {
        var w = Tensor.FromArray(new float[] { 1, 2 }, requiresGrad: true);
        (w * 3f).Sum().Backward();
        (w * 3f).Sum().Backward();
        Assert.Equal([6f, 6f], w.Grad!.ToArray());
        w.ZeroGrad();
        Assert.Null(w.Grad);
    }

    [Fact]
    public void NoGradScopeRecordsNothing()
    {
        var w = Tensor.Ones([2], requiresGrad: true);
        Tensor y;
        using (CourseKit.Autograd.NoGrad()) y = w * 2f;
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
    }
}
