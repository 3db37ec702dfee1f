using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.LayerTests;

public class DropoutTests
{
    [Fact]
    public void InTrainingDropsAboutRateOfTheInputsAndScalesTheRest()
    {
        var layer = new Dropout(0.3f, seed: 1);
        var y = layer.Call(Tensor.Ones([1000, 100]), training: true).ToArray();
        double dropped = y.Count(v => v == 0) / (double)y.Length;
        // The fraction of zeros has standard deviation √(0.3·0.7/100000) ≈ 0.0014.
        Assert.InRange(dropped, 0.29, 0.31);
        float scale = 1 / (1 - 0.3f);
        Assert.All(y, v => Assert.True(v == 0 || v == scale, $"a survivor should be 1/(1 − 0.3) = {scale}, got {v}"));
        // Inverted dropout keeps the mean.
        Assert.InRange(y.Average(), 0.98, 1.02);
    }

    [Fact]
    public void InInferenceItIsTheIdentity()
    {
        var layer = new Dropout(0.5f);
        var x = Tensor.FromData([1, -2, 3, 4], [2, 2]);
        TensorAssert.Exact(layer.Call(x), [2, 2], 1, -2, 3, 4);
        TensorAssert.Exact(layer.Call(x, training: false), [2, 2], 1, -2, 3, 4);
        TensorAssert.Exact(new Dropout(0f).Call(x, training: true), [2, 2], 1, -2, 3, 4);
    }

    [Fact]
    public void TheGradientIsTheSameScaledMask()
    {
        var layer = new Dropout(0.5f, seed: 3);
        var x = Tensor.Ones([20, 50], requiresGrad: true);
        var y = layer.Call(x, training: true);
        y.Backward(Tensor.Ones([20, 50]));
        // With x = 1, the output is the mask itself: 0 or 2; ∂y/∂x is the same.
        Assert.Equal(y.ToArray(), x.Grad!.ToArray());
        Assert.Contains(0f, x.Grad!.ToArray());
        Assert.Contains(2f, x.Grad!.ToArray());
    }

    [Fact]
    public void ASeedFixesTheSequenceOfMasks()
    {
        var x = Tensor.Ones([10, 10]);
        Dropout a = new(0.5f, seed: 42), b = new(0.5f, seed: 42);
        var a1 = a.Call(x, training: true).ToArray();
        var a2 = a.Call(x, training: true).ToArray();
        Assert.Equal(a1, b.Call(x, training: true).ToArray());
        Assert.Equal(a2, b.Call(x, training: true).ToArray());
        Assert.NotEqual(a1, a2);
    }

    [Fact]
    public void RateMustBeAFractionBelowOne()
    {
        Assert.Contains("must be in [0, 1), got 1", Assert.Throws<ArgumentException>(() => new Dropout(1f)).Message);
        Assert.Throws<ArgumentException>(() => new Dropout(-0.1f));
        Assert.Throws<ArgumentException>(() => new Dropout(float.NaN));
    }

    [Fact]
    public void HasNoWeightsAndKeepsTheShape()
    {
        var layer = new Dropout(0.2f, inputShape: [5, 3]);
        Assert.Empty(layer.Weights);
        Assert.Equal([5, 3], layer.OutputShape!);
        Assert.Equal([7], layer.Call(new Input([7])).Shape);
        var config = layer.GetConfig();
        Assert.Equal(0.2f, config["rate"]);
        Assert.Null(config["seed"]);
        Assert.Matches("^dropout(_[0-9]+)?$", layer.Name);
    }
}

[Collection(GlobalRandomCollection.Name)]
public class DropoutGlobalRandomTests
{
    [Fact]
    public void WithoutASeedMasksComeFromTheGlobalGenerator()
    {
        var x = Tensor.Ones([10, 10]);
        Tensor.SetRandomSeed(5);
        var first = new Dropout(0.5f).Call(x, training: true).ToArray();
        Tensor.SetRandomSeed(5);
        var again = new Dropout(0.5f).Call(x, training: true).ToArray();
        Assert.Equal(first, again);
    }
}
