using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.LayerTests;

public class Conv2DTests
{
    // One 3×3 grey image 1 … 9 and one 2×2 kernel [[1, 2], [3, 4]] with bias 0.5.
    private static readonly Tensor Image = Tensor.FromData([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);

    private static Conv2D Layer(string padding = "valid", Size2D? strides = null)
    {
        var layer = new Conv2D(1, 2, strides: strides, padding: padding, inputShape: [3, 3, 1]);
        layer.SetWeights([Tensor.FromData([1, 2, 3, 4], [2, 2, 1, 1]), Tensor.FromData([0.5f], [1])]);
        return layer;
    }

    [Fact]
    public void ValidConvolutionSumsWindowsTimesTheKernel()
    {
        // (0,0): 1·1 + 2·2 + 4·3 + 5·4 = 37; (0,1): 2 + 6 + 15 + 24 = 47; (1,0): 67; (1,1): 77.
        TensorAssert.Exact(Layer().Call(Image), [1, 2, 2, 1], 37.5f, 47.5f, 67.5f, 77.5f);
    }

    [Fact]
    public void SamePaddingAddsZerosBottomAndRightFirst()
    {
        // One row and one column of zeros are needed; TensorFlow's rule puts them after the image.
        TensorAssert.Exact(Layer("same").Call(Image), [1, 3, 3, 1],
            37.5f, 47.5f, 21.5f,
            67.5f, 77.5f, 33.5f,
            23.5f, 26.5f, 9.5f);
    }

    [Fact]
    public void StridesSkipPositions()
    {
        TensorAssert.Exact(Layer(strides: 2).Call(Image), [1, 1, 1, 1], 37.5f);
        TensorAssert.Exact(Layer("same", strides: 2).Call(Image), [1, 2, 2, 1], 37.5f, 21.5f, 23.5f, 9.5f);
    }

    [Fact]
    public void FiltersAndChannelsHaveKerasLayout()
    {
        var layer = new Conv2D(32, 3, activation: "relu", inputShape: [28, 28, 3]);
        Assert.Equal(["kernel", "bias"], layer.Weights.Select(v => v.Name));
        Assert.Equal([3, 3, 3, 32], layer.Kernel!.Shape);
        Assert.Equal([32], layer.Bias!.Shape);
        Assert.Equal(3 * 3 * 3 * 32 + 32, layer.CountParams());
        Assert.Equal(new Size2D(3, 3), layer.KernelSize);
        Assert.Equal(new Size2D(1, 1), layer.Strides);
        Assert.Equal("valid", layer.Padding);
        Assert.Matches("^conv2d(_[0-9]+)?$", layer.Name);
    }

    [Theory]
    [InlineData(3, 1, "valid", 26, 26)]
    [InlineData(3, 1, "same", 28, 28)]
    [InlineData(3, 2, "same", 14, 14)]
    [InlineData(3, 2, "valid", 13, 13)]
    [InlineData(5, 3, "same", 10, 10)]
    [InlineData(5, 1, "valid", 24, 24)]
    public void OutputShapesFollowKerasPaddingRules(int kernel, int stride, string padding, int height, int width)
    {
        var layer = new Conv2D(8, kernel, strides: stride, padding: padding);
        Assert.Equal([height, width, 8], layer.ComputeOutputShape([28, 28, 1]));
        Assert.Equal([height, width, 8], layer.Call(new Input([28, 28, 1])).Shape);
        Assert.Equal([2, height, width, 8], layer.Call(Tensor.Zeros([2, 28, 28, 1])).Shape);
    }

    [Fact]
    public void RectangularKernelsAndStrides()
    {
        var layer = new Conv2D(4, (3, 1), strides: (2, 1));
        Assert.Equal([5, 6, 4], layer.ComputeOutputShape([11, 6, 2]));
        layer.Call(new Input([11, 6, 2]));
        Assert.Equal([3, 1, 2, 4], layer.Kernel!.Shape);
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        var layer = new Conv2D(2, 2, strides: (1, 2), padding: "same", activation: "tanh",
                               kernelInitializer: new RandomNormal(stddev: 0.5f, seed: 1), biasInitializer: new Constant(0.1f));
        LayerChecks.GradientsMatchFiniteDifferences(layer, TensorAssert.RandomArray(2 * 3 * 4 * 2, seed: 8), [2, 3, 4, 2]);
    }

    [Fact]
    public void KernelGradientIsTheSumOfWindows()
    {
        var layer = Layer();
        layer.Call(Image).Backward(Tensor.Ones([1, 2, 2, 1]));
        // With upstream 1 everywhere, ∂/∂k[a, b] = sum of the pixels the tap k[a, b] saw: 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9.
        TensorAssert.Exact(layer.Kernel!.Grad!, [2, 2, 1, 1], 12, 16, 24, 28);
        TensorAssert.Exact(layer.Bias!.Grad!, [1], 4);
    }

    [Fact]
    public void GreyImagesWithoutAChannelAxisGetAHint()
    {
        var layer = new Conv2D(8, 3);
        var e = Assert.Throws<ShapeException>(() => layer.Call(new Input([28, 28])));
        Assert.Equal($"Input 0 of layer \"{layer.Name}\" is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (None, 28, 28). " +
                     "Each example should be (height, width, channels); for grey images add a channel axis of size 1: " +
                     "x.Reshape(-1, 28, 28, 1), or a Reshape([28, 28, 1]) layer first.", e.Message);
        Assert.False(layer.Built);
    }

    [Fact]
    public void OtherChannelCountsAfterBuildingAreRejected()
    {
        var layer = new Conv2D(8, 3, inputShape: [28, 28, 3]);
        var e = Assert.Throws<ShapeException>(() => layer.Call(Tensor.Zeros([1, 28, 28, 1])));
        Assert.Contains("expected axis -1 of input shape to have value 3, but received input with shape (None, 28, 28, 1)", e.Message);
        Assert.Contains("expected ndim=4, found ndim=2", Assert.Throws<ShapeException>(() => layer.Call(Tensor.Zeros([1, 784]))).Message);
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        Assert.Contains("padding must be \"valid\"", Assert.Throws<ArgumentException>(() => new Conv2D(8, 3, padding: "full")).Message);
        Assert.Contains("filters must be a positive integer", Assert.Throws<ArgumentException>(() => new Conv2D(0, 3)).Message);
        Assert.Throws<ArgumentException>(() => new Conv2D(8, 0));
        Assert.Throws<ArgumentException>(() => new Conv2D(8, 3, strides: (0, 1)));
        var tooBig = Assert.Throws<ShapeException>(() => new Conv2D(8, 5, inputShape: [4, 4, 1]));
        Assert.Contains("larger than the 4×4 images", tooBig.Message);
        Assert.Equal([4, 4, 8], new Conv2D(8, 5, padding: "same").ComputeOutputShape([4, 4, 1]));
    }

    [Fact]
    public void ConfigHasKerasKeys()
    {
        var config = new Conv2D(16, (3, 5), strides: 2, padding: "same", activation: "relu").GetConfig();
        Assert.Equal(16, config["filters"]);
        Assert.Equal([3, 5], Assert.IsType<int[]>(config["kernel_size"]));
        Assert.Equal([2, 2], Assert.IsType<int[]>(config["strides"]));
        Assert.Equal("same", config["padding"]);
        Assert.Equal("relu", config["activation"]);
        Assert.Equal(true, config["use_bias"]);
        Assert.Equal("GlorotUniform", Assert.IsType<Dictionary<string, object?>>(config["kernel_initializer"])["class_name"]);
    }
}
