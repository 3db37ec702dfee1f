using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Data.Preprocessing;

/// <summary>OneHotEncoder on the abalone "Sex" column (M, F, I).</summary>
public class OneHotEncoderTests
{
    private static readonly string[] Sex = ["M", "F", "I", "M"];

    [Fact]
    public void CategoriesAreSortedAndEachValueBecomesOneRow()
    {
        var encoder = new OneHotEncoder();
        var oneHot = encoder.FitTransform(Sex);
        Assert.Equal(["F", "I", "M"], encoder.Categories);
        TensorAssert.Exact(oneHot, [4, 3],
            0, 0, 1,
            1, 0, 0,
            0, 1, 0,
            0, 0, 1);
    }

    [Fact]
    public void TransformUsesTheFittedCategories()
    {
        var encoder = new OneHotEncoder().Fit(Sex);
        TensorAssert.Exact(encoder.Transform(["I", "I"]), [2, 3], 0, 1, 0, 0, 1, 0);
    }

    [Fact]
    public void InverseTransformGivesTheCategoriesBack()
    {
        var encoder = new OneHotEncoder();
        Assert.Equal(Sex, encoder.InverseTransform(encoder.FitTransform(Sex)));
        // Predicted probabilities decode to their most likely category.
        Assert.Equal(["I", "F"], encoder.InverseTransform(Tensor.FromArray(new float[,] { { 0.2f, 0.7f, 0.1f }, { 0.5f, 0.2f, 0.3f } })));
    }

    [Fact]
    public void InverseTransformRejectsWrongWidthsAndEmptyRows()
    {
        var encoder = new OneHotEncoder().Fit(Sex);
        Assert.Contains("expected a (rows, 3) matrix", Assert.Throws<ShapeException>(() => encoder.InverseTransform(Tensor.Zeros([2, 4]))).Message);
        Assert.Contains("row 1 is all zeros", Assert.Throws<ArgumentException>(() =>
            encoder.InverseTransform(Tensor.FromArray(new float[,] { { 1, 0, 0 }, { 0, 0, 0 } }))).Message);
    }

    [Fact]
    public void AnUnknownCategoryListsTheKnownOnes()
    {
        var encoder = new OneHotEncoder().Fit(Sex);
        var e = Assert.Throws<ArgumentException>(() => encoder.Transform(["F", "X"]));
        Assert.Contains("unknown category \"X\" (value 1)", e.Message);
        Assert.Contains("the encoder knows \"F\", \"I\", \"M\"", e.Message);
    }

    [Fact]
    public void FeatureNamesFollowScikitLearn()
    {
        var encoder = new OneHotEncoder().Fit(Sex);
        Assert.Equal(["Sex_F", "Sex_I", "Sex_M"], encoder.FeatureNames("Sex"));
        Assert.Equal(["x0_F", "x0_I", "x0_M"], encoder.FeatureNames());
    }

    [Fact]
    public void CategoriesAreMatchedExactlyAndSortedOrdinally()
    {
        var encoder = new OneHotEncoder().Fit(["b", "B", "a", "b "]);
        Assert.Equal(["B", "a", "b", "b "], encoder.Categories);
    }

    [Fact]
    public void MisuseIsExplained()
    {
        var encoder = new OneHotEncoder();
        Assert.Contains("call Fit first", Assert.Throws<InvalidOperationException>(() => encoder.Transform(Sex)).Message);
        Assert.Contains("call Fit first", Assert.Throws<InvalidOperationException>(() => encoder.Categories).Message);
        Assert.Contains("no values given", Assert.Throws<ArgumentException>(() => encoder.Fit([])).Message);
        Assert.Contains("value 1 is null", Assert.Throws<ArgumentException>(() => encoder.Fit(["M", null!])).Message);
    }

    [Fact]
    public void ToStringListsTheCategories()
    {
        var encoder = new OneHotEncoder();
        Assert.Contains("not fitted", encoder.ToString());
        Assert.Equal("OneHotEncoder with 3 categories: F, I, M", encoder.Fit(Sex).ToString());
    }

    [Fact]
    public void FitTransformEnumeratesALazySequenceOnce()
    {
        int enumerations = 0;
        IEnumerable<string> Values() { enumerations++; foreach (var s in Sex) yield return s; }
        var oneHot = new OneHotEncoder().FitTransform(Values());
        Assert.Equal([4, 3], oneHot.Shape);
        Assert.Equal(1, enumerations);
    }
}
