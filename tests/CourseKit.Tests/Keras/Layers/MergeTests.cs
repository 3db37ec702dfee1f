using CourseKit.Tests.Tensors;
using KerasLayers = CourseKit.Layers;

namespace CourseKit.Tests.Keras.LayerTests;

public class MergeTests
{
    [Fact]
    public void ConcatenateInTheFunctionalApi()
    {
        var wide = new Input(shape: [8]);
        var deep = new Dense(3).Call(wide);
        var both = KerasLayers.Concatenate(wide, deep);
        Assert.Equal([11], both.Shape);
        Assert.IsType<Concatenate>(both.Producer);
        Assert.Equal([wide, deep], both.Parents);

        var layer = new Concatenate();
        Assert.Equal([11], layer.Call(wide, deep).Shape);
        Assert.Equal([8, 3], layer.InputShapes!.Select(s => s[0]));
        Assert.Matches("^concatenate(_[0-9]+)?$", layer.Name);
    }

    [Fact]
    public void ConcatenateAlongAnotherAxis()
    {
        var a = new Input([2, 3]);
        var b = new Input([4, 3]);
        Assert.Equal([6, 3], KerasLayers.Concatenate([a, b], axis: 1).Shape);
        Assert.Equal([6, 3], new Concatenate(axis: -2).ComputeOutputShape([[2, 3], [4, 3]]));
        Assert.Equal([2, 8], new Concatenate().ComputeOutputShape([[2, 3], [2, 5]]));
    }

    [Fact]
    public void ConcatenateJoinsValuesAndSplitsTheGradient()
    {
        var a = Tensor.FromData([1, 2, 3, 4], [2, 2], requiresGrad: true);
        var b = Tensor.FromData([5, 6], [2, 1], requiresGrad: true);
        var y = new Concatenate().Call([a, b]);
        TensorAssert.Exact(y, [2, 3], 1, 2, 5, 3, 4, 6);
        y.Backward(Tensor.FromData([10, 20, 30, 40, 50, 60], [2, 3]));
        TensorAssert.Exact(a.Grad!, [2, 2], 10, 20, 40, 50);
        TensorAssert.Exact(b.Grad!, [2, 1], 30, 60);

        // axis 1 is the first axis of each example: (1, 2, 2) and (1, 1, 2) stack their rows.
        var rows = new Concatenate(axis: 1).Call([a.Reshape(1, 2, 2), Tensor.FromData([7, 8], [1, 1, 2])]);
        TensorAssert.Exact(rows, [1, 3, 2], 1, 2, 3, 4, 7, 8);
    }

    [Fact]
    public void ConcatenateNamesEveryShapeWhenTheyDoNotFit()
    {
        var e = Assert.Throws<ShapeException>(() => KerasLayers.Concatenate(new Input([8]), new Input([3, 2])));
        Assert.Contains("Received: input_shape=[(None, 8), (None, 3, 2)]", e.Message);
        var e2 = Assert.Throws<ShapeException>(() => KerasLayers.Concatenate(new Input([2, 3]), new Input([4, 5])));
        Assert.Contains("[(None, 2, 3), (None, 4, 5)]", e2.Message);
        Assert.Contains("they differ on axis 1", e2.Message);
        Assert.Contains("0 is the batch axis", Assert.Throws<ShapeException>(() => new Concatenate(axis: 0).Call(new Input([2]), new Input([2]))).Message);
    }

    [Fact]
    public void ConcatenateChecksLaterCallsToo()
    {
        var layer = new Concatenate();
        layer.Call([Tensor.Zeros([2, 3]), Tensor.Zeros([2, 4])]);
        var e = Assert.Throws<ShapeException>(() => layer.Call([Tensor.Zeros([2, 3]), Tensor.Zeros([2, 4, 1])]));
        Assert.Contains("[(None, 3), (None, 4, 1)]", e.Message);
    }

    [Fact]
    public void AddSumsElementByElementAndGivesEachInputTheGradient()
    {
        var a = Tensor.FromData([1, 2, 3, 4], [2, 2], requiresGrad: true);
        var b = Tensor.FromData([10, 20, 30, 40], [2, 2], requiresGrad: true);
        var c = Tensor.FromData([0.5f, 0.5f, 0.5f, 0.5f], [2, 2], requiresGrad: true);
        var y = new Add().Call([a, b, c]);
        TensorAssert.Exact(y, [2, 2], 11.5f, 22.5f, 33.5f, 44.5f);
        y.Backward(Tensor.FromData([1, -1, 2, 3], [2, 2]));
        foreach (var x in new[] { a, b, c }) TensorAssert.Exact(x.Grad!, [2, 2], 1, -1, 2, 3);
    }

    [Fact]
    public void AddInTheFunctionalApi()
    {
        var x = new Input([8]);
        var h = new Dense(8).Call(x);
        var y = KerasLayers.Add(x, h);
        Assert.Equal([8], y.Shape);
        Assert.IsType<Add>(y.Producer);
        Assert.Equal([8, 4], new Add().Call(new Input([8, 4]), new Input([8, 4]), new Input([1, 4])).Shape);
        Assert.Empty(y.Producer.Weights);
    }

    [Fact]
    public void AddNamesEveryShapeWhenTheyDoNotFit()
    {
        var e = Assert.Throws<ShapeException>(() => KerasLayers.Add(new Input([8]), new Input([4])));
        Assert.Contains("Received shapes [(None, 8), (None, 4)]", e.Message);
        Assert.Contains("[(None, 8), (None, 8, 1)]", Assert.Throws<ShapeException>(() => KerasLayers.Add(new Input([8]), new Input([8, 1]))).Message);
    }

    [Fact]
    public void OneInputPassesThrough()
    {
        var x = Tensor.FromData([1, 2], [1, 2]);
        TensorAssert.Exact(new Concatenate().Call([x]), [1, 2], 1, 2);
        TensorAssert.Exact(new Add().Call(x), [1, 2], 1, 2);
        Assert.Equal([5], new Concatenate().Call(new Input([5])).Shape);
    }

    [Fact]
    public void ConfigHasTheAxis()
    {
        Assert.Equal(2, new Concatenate(axis: 2).GetConfig()["axis"]);
        Assert.False(new Add().GetConfig().ContainsKey("axis"));
    }
}
