using CourseKit.Tests.Tensors;
using AG = CourseKit.Autograd;

namespace CourseKit.Tests.Autograd;

/// <summary>Autograd semantics: accumulation, NoGrad, explicit upstream gradients, errors, shared subexpressions,
/// Detach, the recorded graph, and very deep graphs.</summary>
public class AutogradTests
{
    private static Tensor V(Device d, bool grad, params float[] v) => Tensor.FromArray(v, d, requiresGrad: grad);

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void GradientsAccumulateAcrossBackwardCalls(string device)
    {
        var d = Devices.Get(device);
        var w = V(d, true, 1, 2);
        (w * 3f).Sum().Backward();
        TensorAssert.Exact(w.Grad!, [2], 3, 3);
        (w * w).Sum().Backward(); // + 2w
        TensorAssert.Exact(w.Grad!, [2], 5, 7);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BackwardTwiceOnTheSameGraphAddsUp(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, true, 3);
        var y = (x * x).Sum();
        y.Backward();
        y.Backward();
        TensorAssert.Exact(x.Grad!, [1], 12); // 2 · 2x
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ZeroGradForgetsTheGradient(string device)
    {
        var d = Devices.Get(device);
        var w = V(d, true, 1, 2);
        (w * 3f).Sum().Backward();
        w.ZeroGrad();
        Assert.Null(w.Grad);
        (w * 5f).Sum().Backward();
        TensorAssert.Exact(w.Grad!, [2], 5, 5);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void NoGradScopesNest(string device)
    {
        var w = Tensor.Ones([2], Devices.Get(device), requiresGrad: true);
        Assert.True(AG.IsGradEnabled);
        var outer = AG.NoGrad();
        var inner = AG.NoGrad();
        Assert.False(AG.IsGradEnabled);
        inner.Dispose();
        Assert.False(AG.IsGradEnabled); // still inside the outer scope
        var y = w * 2f;
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
        Assert.Null(y.Op);
        inner.Dispose(); // disposing twice does not end the outer scope
        Assert.False(AG.IsGradEnabled);
        outer.Dispose();
        Assert.True(AG.IsGradEnabled);
        var z = w * 2f;
        Assert.True(z.RequiresGrad);
        Assert.Equal("mul", z.Op);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BackwardWorksInsideANoGradScope(string device)
    {
        var x = V(Devices.Get(device), true, 2, -1);
        var y = (x * x).Sum();
        using (AG.NoGrad()) y.Backward();
        TensorAssert.Exact(x.Grad!, [2], 4, -2);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void OperationsOnDataRecordNothing(string device)
    {
        var d = Devices.Get(device);
        var y = (V(d, false, 1, 2) * 2f).Exp().Sum();
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
        Assert.Empty(y.Inputs);
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("does not depend on any tensor that requires a gradient", e.Message);
        Assert.Contains("requiresGrad: true", e.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BackwardOnANonScalarNeedsAGradient(string device)
    {
        var x = Tensor.Ones([2, 3], Devices.Get(device), requiresGrad: true);
        var e = Assert.Throws<InvalidOperationException>(() => (x * 2f).Backward());
        Assert.Contains("the output has shape (2, 3); Backward() without an argument needs a single number", e.Message);
        Assert.Contains("y.Backward(Tensor.OnesLike(y))", e.Message);
        Assert.Null(x.Grad);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void BackwardWithAnExplicitUpstreamGradient(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, true, 1, 2, 3);
        var y = x * x;
        y.Backward(V(d, false, 1, 10, 100));
        TensorAssert.Exact(x.Grad!, [3], 2, 40, 600); // 2x · g
        TensorAssert.Exact(y.Grad!, [3], 1, 10, 100);
        // A one-element non-scalar output works without a gradient.
        var z = V(d, true, 4);
        (z * z).Backward();
        TensorAssert.Exact(z.Grad!, [1], 8);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TheUpstreamGradientMustHaveTheOutputsShapeAndDevice(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, true, 1, 2);
        var y = x * 2f;
        var e = Assert.Throws<ShapeException>(() => y.Backward(Tensor.Ones([3], d)));
        Assert.Contains("the gradient has shape (3,) but the output has shape (2,)", e.Message);
        var other = d == Device.Cpu ? Device.Reference : Device.Cpu;
        var m = Assert.Throws<ArgumentException>(() => y.Backward(Tensor.Ones([2], other)));
        Assert.Contains($"the gradient is on {other} but the output is on {d}", m.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AValueUsedTwiceGetsBothContributions(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, true, 3, -2);
        (x * x).Sum().Backward();
        TensorAssert.Exact(x.Grad!, [2], 6, -4);   // 2x
        x.ZeroGrad();
        (x + x).Sum().Backward();
        TensorAssert.Exact(x.Grad!, [2], 2, 2);
        x.ZeroGrad();
        (x * x * x).Sum().Backward();
        TensorAssert.Exact(x.Grad!, [2], 27, 12);  // 3x²
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void DiamondGraph(string device)
    {
        var d = Devices.Get(device);
        // a = 2x, b = x + 1, c = a·b = 2x² + 2x: dc/dx = 4x + 2 = 14 at x = 3.
        var x = Tensor.Scalar(3, d, requiresGrad: true);
        var a = x * 2f;
        var b = x + 1f;
        var c = a * b;
        c.Backward();
        Assert.Equal(24f, c.Item());
        Assert.Equal(14f, x.Grad!.Item());
        Assert.Equal(4f, a.Grad!.Item());  // ∂c/∂a = b
        Assert.Equal(6f, b.Grad!.Item());  // ∂c/∂b = a
        Assert.Single(c.Graph().Nodes, n => ReferenceEquals(n.Tensor, x)); // x appears once
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void DetachStopsGradients(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, true, 2, 5);
        var frozen = x.Detach();
        Assert.False(frozen.RequiresGrad);
        Assert.True(frozen.IsLeaf);
        TensorAssert.Exact(frozen, [2], 2, 5);
        (frozen * x).Sum().Backward();
        TensorAssert.Exact(x.Grad!, [2], 2, 5); // only the non-detached factor: d(c·x)/dx = c
        Assert.Null(frozen.Grad);

        // Detaching an intermediate result cuts the graph there.
        var w = V(d, true, 1, 1);
        var h = (w * 3f).Detach();
        var y = (h * w).Sum();
        y.Backward();
        TensorAssert.Exact(w.Grad!, [2], 3, 3);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void IntermediateResultsKeepTheirGradient(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, true, 1, 2);
        var h = x.Exp();
        var y = (h * 2f).Sum();
        y.Backward();
        TensorAssert.Exact(h.Grad!, [2], 2, 2);
        Assert.Equal(1f, y.Grad!.Item());
        TensorAssert.Close(x.Grad!, [2], [2 * MathF.E, 2 * MathF.E * MathF.E], 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ConstantsInAGraphGetNoGradient(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, true, 2);
        var exponent = V(d, false, 3);
        x.Pow(exponent).Sum().Backward();
        TensorAssert.Exact(x.Grad!, [1], 12); // 3x²
        Assert.Null(exponent.Grad);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void RequiresGradCannotBeSwitchedOffOnAComputedTensor(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, false, 1, 2);
        x.RequiresGrad = true;
        var y = x * 2f;
        Assert.True(y.RequiresGrad);
        var e = Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
        Assert.Contains("result of 'mul'", e.Message);
        Assert.Contains("Detach()", e.Message);
        x.RequiresGrad = false; // fine on a leaf
        Assert.False(x.RequiresGrad);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void MovingToAnotherDeviceStartsANewLeaf(string device)
    {
        var d = Devices.Get(device);
        var other = d == Device.Cpu ? Device.Reference : Device.Cpu;
        var x = V(d, true, 1, 2);
        var moved = (x * 2f).To(other);
        Assert.True(moved.IsLeaf);
        Assert.True(moved.RequiresGrad);
        (moved * moved).Sum().Backward();
        TensorAssert.Exact(moved.Grad!, [2], 4, 8);
        Assert.Equal(other, moved.Grad!.Device);
        Assert.Null(x.Grad);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TiesAndKinksFollowTheDocumentedConventions(string device)
    {
        var d = Devices.Get(device);
        var x = V(d, true, 1, 3, 3);
        x.Max().Backward();
        TensorAssert.Exact(x.Grad!, [3], 0, 0.5f, 0.5f);   // shared equally among ties

        var a = V(d, true, 2);
        var b = V(d, true, 2);
        Tensor.Maximum(a, b).Sum().Backward();
        TensorAssert.Exact(a.Grad!, [1], 1);               // to a on ties
        TensorAssert.Exact(b.Grad!, [1], 0);

        var z = V(d, true, 0, -1, 1);
        z.Relu().Sum().Backward();
        TensorAssert.Exact(z.Grad!, [3], 0, 0, 1);         // relu'(0) = 0
        z.ZeroGrad();
        z.Abs().Sum().Backward();
        TensorAssert.Exact(z.Grad!, [3], 0, -1, 1);        // sign(0) = 0
        z.ZeroGrad();
        z.Clip(-1, 0.5f).Sum().Backward();
        TensorAssert.Exact(z.Grad!, [3], 1, 1, 0);         // 1 on the bounds, 0 where clipped

        // Max pooling sends a tie's gradient to the first winner only.
        var p = Tensor.Ones([1, 2, 2, 1], d, requiresGrad: true);
        p.MaxPool2D().Sum().Backward();
        TensorAssert.Exact(p.Grad!, [1, 2, 2, 1], 1, 0, 0, 0);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TheGraphModel(string device)
    {
        var d = Devices.Get(device);
        var x = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { -1, 0, 1 } }, d).Named("x");
        var w = Tensor.FromArray(new float[,] { { 1, 0 }, { 0, 1 }, { 1, -1 } }, d, requiresGrad: true).Named("W");
        var b = Tensor.FromArray(new float[] { 0.5f, -0.5f }, d, requiresGrad: true).Named("b");
        var loss = (x.MatMul(w) + b).Relu().Sum();
        loss.Backward();

        var graph = loss.Graph();
        Assert.Equal(["x", "W", "matmul", "b", "add", "relu", "sum"], graph.Nodes.Select(n => n.Name ?? n.Op));
        Assert.Equal([null, null, "matmul", null, "add", "relu", "sum"], graph.Nodes.Select(n => n.Op));
        Assert.Equal(Enumerable.Range(0, 7), graph.Nodes.Select(n => n.Id));
        Assert.Same(loss, graph.Output.Tensor);
        Assert.Same(loss, graph.Output.Value);

        // Topological: every input comes before the node that uses it.
        foreach (var node in graph.Nodes)
            Assert.All(node.InputIds, id => Assert.True(id < node.Id));
        Assert.Equal([0, 1], graph.Nodes[2].InputIds);
        Assert.Equal([2, 3], graph.Nodes[4].InputIds);

        Assert.Equal(
            [new GraphEdge(0, 2, 0), new GraphEdge(1, 2, 1), new GraphEdge(2, 4, 0), new GraphEdge(3, 4, 1), new GraphEdge(4, 5, 0), new GraphEdge(5, 6, 0)],
            graph.Edges);

        Assert.Equal(["x", "W", "b"], graph.Leaves.Select(n => n.Name));
        Assert.Equal([false, true, true], graph.Leaves.Select(n => n.IsParameter));
        Assert.All(graph.Nodes.Where(n => !n.IsLeaf), n => Assert.False(n.IsParameter));

        // Values and gradients hang off the nodes: x·W + b = [[4.5, -1.5], [0.5, -1.5]], relu keeps the first column.
        Assert.Equal(5f, graph.Output.Value.Item());
        TensorAssert.Exact(graph.Nodes[4].Value, [2, 2], 4.5f, -1.5f, 0.5f, -1.5f);
        Assert.Null(graph.Nodes[0].Grad);                                           // data gets no gradient
        TensorAssert.Exact(graph.Nodes[1].Grad!, [3, 2], 0, 0, 2, 0, 4, 0);          // xᵀ · [[1, 0], [1, 0]]
        TensorAssert.Exact(graph.Nodes[3].Grad!, [2], 2, 0);
        Assert.Equal("#1 W (3, 2)", graph.Nodes[1].ToString());
        Assert.Equal("#6 sum ()", graph.Nodes[6].ToString());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ConstantsFromPlainNumbersAppearAsDataLeaves(string device)
    {
        var x = Tensor.Scalar(2, Devices.Get(device), requiresGrad: true);
        var graph = (x * 3f).Graph();
        Assert.Equal(3, graph.Nodes.Count);
        var constant = graph.Nodes[1];
        Assert.True(constant.IsLeaf);
        Assert.False(constant.IsParameter);
        Assert.Equal(3f, constant.Value.Item());
    }

    [Fact]
    public void AChainOfAHundredThousandAddsDoesNotOverflowTheStack()
    {
        var x = Tensor.Scalar(1, requiresGrad: true);
        var y = x;
        for (int i = 0; i < 100_000; i++) y = y + x;
        y.Backward();
        Assert.Equal(100_001f, y.Item());
        Assert.Equal(100_001f, x.Grad!.Item());
        Assert.Equal(100_001, y.Graph().Nodes.Count);
    }

    [Fact]
    public void AChainOfTenThousandUnaryOpsBackpropagates()
    {
        var x = Tensor.Scalar(0.5f, requiresGrad: true);
        var y = x;
        for (int i = 0; i < 10_000; i++) y = y.Sqrt().Square(); // identity for x > 0, derivative 1 each step
        y.Backward();
        Assert.Equal(0.5f, y.Item(), 1e-4f);
        Assert.Equal(1f, x.Grad!.Item(), 1e-2f);
    }
}
