using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.LayerTests;

public class FlattenReshapeTests
{
    [Fact]
    public void FlattenKeepsTheBatchAxisAndTheRowMajorOrder()
    {
        var x = Tensor.FromData(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), [2, 3, 2, 2], requiresGrad: true);
        var layer = new Flatten();
        var y = layer.Call(x);
        TensorAssert.Exact(y, [2, 12], Enumerable.Range(0, 24).Select(i => (float)i).ToArray());
        Assert.Equal([12], layer.ComputeOutputShape([3, 2, 2]));
        Assert.Equal([784], new Flatten().Call(new Input([28, 28])).Shape);
        y.Backward(Tensor.FromData(Enumerable.Range(0, 24).Select(i => i * 0.5f).ToArray(), [2, 12]));
        TensorAssert.Exact(x.Grad!, [2, 3, 2, 2], Enumerable.Range(0, 24).Select(i => i * 0.5f).ToArray());
        Assert.Empty(layer.Weights);
        Assert.Matches("^flatten(_[0-9]+)?$", layer.Name);
    }

    [Fact]
    public void FlattenOfVectorsAndOfOneNumberPerExample()
    {
        TensorAssert.Exact(new Flatten().Call(Tensor.FromData([1, 2, 3, 4], [2, 2])), [2, 2], 1, 2, 3, 4);
        TensorAssert.Exact(new Flatten().Call(Tensor.FromData([1, 2, 3], [3])), [3, 1], 1, 2, 3);
    }

    [Fact]
    public void FlattenWithInputShapeIsBuiltForIt()
    {
        var layer = new Flatten(inputShape: [28, 28]);
        Assert.True(layer.Built);
        Assert.Equal([784], layer.OutputShape!);
        Assert.Equal([28, 28], Assert.IsType<int[]>(layer.GetConfig()["input_shape"]));
    }

    [Fact]
    public void ReshapeGivesEachExampleTheTargetShape()
    {
        var x = Tensor.FromData(Enumerable.Range(1, 12).Select(i => (float)i).ToArray(), [2, 6]);
        var y = new Reshape([3, 2]).Call(x);
        TensorAssert.Exact(y, [2, 3, 2], Enumerable.Range(1, 12).Select(i => (float)i).ToArray());
        Assert.Equal([28, 28, 1], new Reshape([28, 28, 1]).Call(new Input([784])).Shape);
    }

    [Fact]
    public void ReshapeWorksOutOneAxis()
    {
        var layer = new Reshape([-1, 2]);
        Assert.Equal([3, 2], layer.ComputeOutputShape([6]));
        Assert.Equal([4, 2], layer.ComputeOutputShape([2, 4]));
        Assert.Equal([5, 3, 2], layer.Call(Tensor.Zeros([5, 6])).Shape);
        Assert.Equal([-1, 2], layer.TargetShape);
        Assert.Equal([-1, 2], Assert.IsType<int[]>(layer.GetConfig()["target_shape"]));
    }

    [Fact]
    public void ReshapeExplainsSizesThatDoNotFit()
    {
        var layer = new Reshape([4, 2]);
        var e = Assert.Throws<ShapeException>(() => layer.Call(new Input([6])));
        Assert.Contains("the total size of the tensor must be unchanged. Received: input_shape=(6,) (6 numbers per example), target_shape=(4, 2).", e.Message);
        Assert.Throws<ShapeException>(() => new Reshape([-1, 4]).Call(Tensor.Zeros([2, 6])));
        var built = new Reshape([2, 3], inputShape: [6]);
        Assert.Contains("must be unchanged", Assert.Throws<ShapeException>(() => built.Call(Tensor.Zeros([2, 5]))).Message);
    }

    [Fact]
    public void ReshapeRejectsBadTargets()
    {
        Assert.Throws<ArgumentException>(() => new Reshape([-1, -1]));
        Assert.Throws<ArgumentException>(() => new Reshape([0, 3]));
        Assert.Throws<ArgumentException>(() => new Reshape([]));
    }
}
