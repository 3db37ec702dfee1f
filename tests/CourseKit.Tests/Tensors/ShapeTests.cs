using CourseKit.Tests.Interactive;

namespace CourseKit.Tests.Tensors;

/// <summary>
/// A tensor's shape (Shape.cs) prints as NumPy and Keras print <c>x.shape</c> — "(2, 3)", "(3,)" for one axis, "()"
/// for a scalar — and still reads like the int[] it used to be (index, length, slices, conversions).
/// </summary>
public class ShapeTests
{
    [Fact]
    public void ShapesPrintAsNumPyTuples()
    {
        Assert.Equal("(2, 3)", Tensor.Zeros([2, 3]).Shape.ToString());
        Assert.Equal("(3,)", Tensor.FromArray(new float[] { 1, 2, 3 }).Shape.ToString());
        Assert.Equal("()", Tensor.Scalar(5).Shape.ToString());
        Assert.Equal("x has shape (10, 2, 3)", $"x has shape {Tensor.Zeros([10, 2, 3]).Shape}");
    }

    [Fact]
    public void NotebooksShowTheTupleInTextAndHtml()
    {
        // .NET Interactive's own formatter finds the view too: without it the kernel lists a shape as a sequence.
        var (html, text) = RendersAlike.Check(Tensor.Zeros([60000, 28, 28]).Shape);
        Assert.Equal("(60000, 28, 28)", text);
        Assert.Contains("<code>(60000, 28, 28)</code>", html);
    }

    [Fact]
    public void AMissingShapeConvertsToAMissingArray()
    {
        // A bias that is not there has no shape (b?.Shape is null); as an int[]? it stays null instead of throwing.
        Tensor? noBias = null;
        int[]? sizes = noBias?.Shape;
        Assert.Null(sizes);
        int[] present = Tensor.Zeros([2, 3]).Shape;
        Assert.Equal(new[] { 2, 3 }, present);
    }

    [Fact]
    public void AShapeReadsLikeAnArray()
    {
        var shape = Tensor.Zeros([4, 5, 6]).Shape;
        Assert.Equal(3, shape.Length);
        Assert.Equal(3, shape.Count);
        Assert.Equal(4, shape[0]);
        Assert.Equal(6, shape[^1]);
        Assert.Equal("(5, 6)", shape[1..].ToString());
        Assert.Equal(new[] { 4, 5, 6 }, shape.ToArray());
        Assert.Equal(new[] { 4, 5, 6 }, shape.Select(size => size));
        int[] asArray = shape;
        asArray[0] = 99;   // a copy: the tensor's shape stays
        Assert.Equal(4, shape[0]);
        Assert.Equal("(4, 5, 6)", Tensor.Zeros(shape).Shape.ToString());
    }

    [Fact]
    public void ShapesAreEqualWhenTheirSizesAre()
    {
        Shape written = [2, 3];
        Assert.True(Tensor.Zeros([2, 3]).Shape == written);
        Assert.True(Tensor.Zeros([2, 3]).Shape == [2, 3]);
        Assert.False(Tensor.Zeros([2, 3]).Shape == [2, 3, 1]);
        Assert.Equal(new Shape(2, 3), Tensor.Ones([2, 3]).Shape);
        Assert.Equal(written.GetHashCode(), new Shape(2, 3).GetHashCode());
        Assert.True(new Shape(2, 3) != new Shape(3, 2));
        Assert.True(new Shape(6) != new Shape(6, 1));
        Assert.False(written.Equals(new[] { 2, 3 }));   // an array is not a shape: compare with shape.SequenceEqual(array)
        Assert.True(written.SequenceEqual(new[] { 2, 3 }));
    }
}
