using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Data.Preprocessing;

/// <summary>MinMaxScaler against values worked out by hand, including a feature range and a constant column.</summary>
public class MinMaxScalerTests
{
    // Column 0 runs 1 … 4, column 1 runs 10 … 40, column 2 is constant.
    private static Tensor Data => Tensor.FromArray(new float[,] { { 1, 10, 5 }, { 2, 20, 5 }, { 3, 30, 5 }, { 4, 40, 5 } });

    [Fact]
    public void DefaultRangeMapsEachColumnOntoZeroToOne()
    {
        var scaler = new MinMaxScaler();
        var scaled = scaler.FitTransform(Data);
        TensorAssert.Close(scaled, [4, 3], [0, 0, 0, 1 / 3f, 1 / 3f, 0, 2 / 3f, 2 / 3f, 0, 1, 1, 0]);
        TensorAssert.Exact(scaler.DataMin, [3], 1, 10, 5);
        TensorAssert.Exact(scaler.DataMax, [3], 4, 40, 5);
        TensorAssert.Close(scaler.Scale, [3], [1 / 3f, 1 / 30f, 1f]);
        TensorAssert.Close(scaler.Offset, [3], [-1 / 3f, -1 / 3f, -5f]);
        Assert.Equal((0f, 1f), scaler.FeatureRange);
    }

    [Fact]
    public void AFeatureRangeOfMinusOneToOne()
    {
        var scaler = new MinMaxScaler(-1, 1);
        var scaled = scaler.FitTransform(Data);
        // The constant column (range 0, counted as 1) maps to the lower end, −1.
        TensorAssert.Close(scaled, [4, 3], [-1, -1, -1, -1 / 3f, -1 / 3f, -1, 1 / 3f, 1 / 3f, -1, 1, 1, -1]);
        TensorAssert.Close(scaler.Scale, [3], [2 / 3f, 2 / 30f, 2f]);
        TensorAssert.Close(scaler.Offset, [3], [-5 / 3f, -5 / 3f, -11f]);
    }

    [Fact]
    public void NewValuesOutsideTheTrainingRangeAreNotClipped()
    {
        var scaler = new MinMaxScaler().Fit(Data);
        TensorAssert.Close(scaler.Transform(Tensor.FromArray(new float[,] { { 7, 0, 6 } })), [1, 3], [2f, -1 / 3f, 1f]);
    }

    [Fact]
    public void InverseTransformRoundTrips()
    {
        foreach (var scaler in new[] { new MinMaxScaler(), new MinMaxScaler(-1, 1), new MinMaxScaler(2, 7) })
            TensorAssert.Close(scaler.InverseTransform(scaler.FitTransform(Data)), [4, 3], Data.ToArray());
    }

    [Fact]
    public void TheFeatureRangeMustBeARange()
    {
        var e = Assert.Throws<ArgumentException>(() => new MinMaxScaler(1, 0));
        Assert.Contains("feature range (1, 0) is not a range", e.Message);
        Assert.Throws<ArgumentException>(() => new MinMaxScaler(2, 2));
    }

    [Fact]
    public void LifeCycleErrorsMatchStandardScaler()
    {
        var scaler = new MinMaxScaler();
        Assert.Contains("MinMaxScaler.Transform: the MinMaxScaler has not been fitted yet; call Fit first",
            Assert.Throws<InvalidOperationException>(() => scaler.Transform(Data)).Message);
        Assert.Throws<InvalidOperationException>(() => scaler.DataMin);
        scaler.Fit(Data);
        var e = Assert.Throws<ShapeException>(() => scaler.InverseTransform(Tensor.Zeros([2, 2])));
        Assert.Contains("fitted on 3 columns", e.Message);
        Assert.Contains("x has 2", e.Message);
    }

    [Fact]
    public void ToStringShowsTheRangeAndTheFittedMinimaAndMaxima()
    {
        var scaler = new MinMaxScaler(-1, 1);
        Assert.Equal("MinMaxScaler onto [-1, 1] (not fitted yet; call Fit(xTrain))", scaler.ToString());
        scaler.Fit(Data);
        Assert.Contains("fitted on 4 examples × 3 features", scaler.ToString());
        Assert.Contains("data min: [1, 10, 5]", scaler.ToString());
        Assert.Contains("data max: [4, 40, 5]", scaler.ToString());
    }
}
