using static CourseKit.Preprocessing;
using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Data.Preprocessing;

public class NormalizeImagesTests
{
    [Fact]
    public void DividesByTwoHundredFiftyFive()
    {
        var images = Tensor.FromArray(new float[,,] { { { 0, 51 }, { 127.5f, 255 } } });
        TensorAssert.Close(NormalizeImages(images), [1, 2, 2], [0f, 0.2f, 0.5f, 1f]);
    }

    [Fact]
    public void ValuesOutsideZeroTo255AreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => NormalizeImages(Tensor.FromArray(new float[,] { { 0.5f, -1.2f }, { 0.3f, 2 } })));
        Assert.Contains("the values run from -1.2 to 2 (e.g. -1.2 at index [0, 1])", e.Message);
        Assert.Contains("already normalised", e.Message);
        Assert.Contains("256 at index [1]", Assert.Throws<ArgumentException>(() => NormalizeImages(Tensor.FromArray(new float[] { 3, 256 }))).Message);
    }
}
