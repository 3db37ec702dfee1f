using static CourseKit.Preprocessing;
using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Data.Preprocessing;

/// <summary>Preprocessing.ToCategorical against Keras's to_categorical.</summary>
public class ToCategoricalTests
{
    [Fact]
    public void ClassIndicesBecomeOneHotRows()
    {
        var oneHot = ToCategorical(Tensor.FromArray(new float[] { 0, 2, 1, 2 }));
        TensorAssert.Exact(oneHot, [4, 3],
            1, 0, 0,
            0, 0, 1,
            0, 1, 0,
            0, 0, 1);
    }

    [Fact]
    public void NumClassesWidensTheRows()
    {
        TensorAssert.Exact(ToCategorical(Tensor.FromArray(new float[] { 1, 0 }), numClasses: 4), [2, 4],
            0, 1, 0, 0,
            1, 0, 0, 0);
    }

    [Fact]
    public void ATrailingAxisOfOneIsDroppedLikeKeras()
    {
        var oneHot = ToCategorical(Tensor.FromArray(new float[,] { { 1 }, { 0 } }));
        TensorAssert.Exact(oneHot, [2, 2], 0, 1, 1, 0);
    }

    [Fact]
    public void AnyShapeGetsANewLastAxis()
    {
        var oneHot = ToCategorical(Tensor.FromArray(new float[,] { { 0, 1 }, { 2, 0 } }));
        Assert.Equal([2, 2, 3], oneHot.Shape);
        Assert.Equal([0, 0, 1], oneHot[1, 0].ToArray());
        TensorAssert.Exact(ToCategorical(Tensor.Scalar(1), 2), [2], 0, 1);
    }

    [Fact]
    public void ANonIntegerLabelIsNamedWithItsPosition()
    {
        var e = Assert.Throws<ArgumentException>(() => ToCategorical(Tensor.FromArray(new float[] { 0, 1, 1.5f })));
        Assert.Contains("label 1.5 at index [2] is not a whole number", e.Message);
        Assert.Contains("ArgMax", e.Message);
    }

    [Fact]
    public void ANegativeLabelIsNamedWithItsPosition()
    {
        var e = Assert.Throws<ArgumentException>(() => ToCategorical(Tensor.FromArray(new float[,] { { 1, 0 }, { -1, 1 } })));
        Assert.Contains("label -1 at index [1, 0] is negative", e.Message);
    }

    [Fact]
    public void ALabelNotBelowNumClassesSaysWhatToPass()
    {
        var e = Assert.Throws<ArgumentException>(() => ToCategorical(Tensor.FromArray(new float[] { 0, 3, 1 }), numClasses: 3));
        Assert.Contains("label 3 at index [1] is not below numClasses = 3", e.Message);
        Assert.Contains("labels must lie in 0 … 2", e.Message);
        Assert.Contains("numClasses: 4", e.Message);
        Assert.Contains("at least 1", Assert.Throws<ArgumentException>(() => ToCategorical(Tensor.FromArray(new float[] { 0 }), numClasses: 0)).Message);
    }
}
