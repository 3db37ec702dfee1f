using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Keras.LayerTests;

public class PoolingTests
{
    // A 4×4 single-channel image 1 … 16 (row by row).
    private static Tensor Image(bool requiresGrad = false) =>
        Tensor.FromData(Enumerable.Range(1, 16).Select(i => (float)i).ToArray(), [1, 4, 4, 1], requiresGrad: requiresGrad);

    [Fact]
    public void MaxPoolingKeepsTheLargestOfEachWindow()
    {
        var layer = new MaxPooling2D();
        Assert.Equal(new Size2D(2, 2), layer.PoolSize);
        Assert.Equal(new Size2D(2, 2), layer.Strides);
        TensorAssert.Exact(layer.Call(Image()), [1, 2, 2, 1], 6, 8, 14, 16);
    }

    [Fact]
    public void AveragePoolingKeepsTheMean()
    {
        // (1 + 2 + 5 + 6) / 4 = 3.5, …
        TensorAssert.Exact(new AveragePooling2D().Call(Image()), [1, 2, 2, 1], 3.5f, 5.5f, 11.5f, 13.5f);
        TensorAssert.Exact(new AveragePooling2D(poolSize: 3, strides: 1).Call(Image()), [1, 2, 2, 1], 6, 7, 10, 11);
    }

    [Fact]
    public void OverlappingAndPaddedWindows()
    {
        TensorAssert.Exact(new MaxPooling2D(poolSize: 3, strides: 1).Call(Image()), [1, 2, 2, 1], 11, 12, 15, 16);
        // "same" with pool 3 and stride 2 on 4 pixels: ⌈4/2⌉ = 2 windows, (2 − 1)·2 + 3 − 4 = 1 padding pixel, after the
        // image: windows cover rows/columns {0, 1, 2} and {2, 3, pad}. Average pooling divides by the real pixels only.
        TensorAssert.Exact(new MaxPooling2D(poolSize: 3, strides: 2, padding: "same").Call(Image()), [1, 2, 2, 1], 11, 12, 15, 16);
        TensorAssert.Exact(new AveragePooling2D(poolSize: 3, strides: 2, padding: "same").Call(Image()), [1, 2, 2, 1], 6, 7.5f, 12, 13.5f);
        // With stride 3 there are 2 padding pixels, one on each side: windows {pad, 0, 1} and {2, 3, pad}.
        TensorAssert.Exact(new MaxPooling2D(poolSize: 3, strides: 3, padding: "same").Call(Image()), [1, 2, 2, 1], 6, 8, 14, 16);
    }

    [Fact]
    public void MaxPoolingGradientGoesToTheWinners()
    {
        var x = Image(requiresGrad: true);
        new MaxPooling2D().Call(x).Backward(Tensor.FromData([1, 2, 3, 4], [1, 2, 2, 1]));
        TensorAssert.Exact(x.Grad!, [1, 4, 4, 1], 0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4);
    }

    [Fact]
    public void AveragePoolingGradientIsShared()
    {
        var x = Image(requiresGrad: true);
        new AveragePooling2D().Call(x).Backward(Tensor.FromData([4, 8, 12, 16], [1, 2, 2, 1]));
        TensorAssert.Exact(x.Grad!, [1, 4, 4, 1], 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
    }

    [Theory]
    [InlineData(2, null, "valid", 14)]
    [InlineData(2, 1, "valid", 27)]
    [InlineData(3, 2, "valid", 13)]
    [InlineData(3, 2, "same", 14)]
    [InlineData(5, 5, "same", 6)]
    public void OutputShapes(int pool, int? stride, string padding, int size)
    {
        Size2D? strides = stride is int s ? s : null;
        foreach (Layer layer in new Layer[] { new MaxPooling2D(pool, strides, padding), new AveragePooling2D(pool, strides, padding) })
        {
            Assert.Equal([size, size, 32], layer.ComputeOutputShape([28, 28, 32]));
            Assert.Equal([size, size, 32], layer.Call(new Input([28, 28, 32])).Shape);
            Assert.Equal([3, size, size, 32], layer.Call(Tensor.Zeros([3, 28, 28, 32])).Shape);
            Assert.Empty(layer.Weights);
        }
    }

    [Fact]
    public void NamesAndConfigs()
    {
        var max = new MaxPooling2D(poolSize: (3, 2));
        Assert.Matches("^max_pooling2d(_[0-9]+)?$", max.Name);
        Assert.Matches("^average_pooling2d(_[0-9]+)?$", new AveragePooling2D().Name);
        var config = max.GetConfig();
        Assert.Equal([3, 2], Assert.IsType<int[]>(config["pool_size"]));
        Assert.Equal([3, 2], Assert.IsType<int[]>(config["strides"]));
        Assert.Equal("valid", config["padding"]);
    }

    [Fact]
    public void ImagesWithoutChannelsAreRejectedWithAHint()
    {
        var e = Assert.Throws<ShapeException>(() => new MaxPooling2D().Call(Tensor.Zeros([2, 28, 28])));
        Assert.Contains("expected ndim=4, found ndim=3. Full shape received: (None, 28, 28).", e.Message);
        Assert.Contains("Reshape([28, 28, 1])", e.Message);
        var built = new AveragePooling2D(inputShape: [8, 8, 2]);
        Assert.Contains("expected ndim=4, found ndim=2", Assert.Throws<ShapeException>(() => built.Call(Tensor.Zeros([1, 64]))).Message);
        Assert.Contains("padding must be", Assert.Throws<ArgumentException>(() => new MaxPooling2D(padding: "VALID!")).Message);
        Assert.Equal("same", new MaxPooling2D(padding: "SAME").Padding);
    }
}
