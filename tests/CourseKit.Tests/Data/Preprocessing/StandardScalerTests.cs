using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Data.Preprocessing;

/// <summary>StandardScaler against values worked out by hand (scikit-learn gives the same).</summary>
public class StandardScalerTests
{
    // Column 0: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25; column 1 is ten times column 0.
    private static Tensor Data => Tensor.FromArray(new float[,] { { 1, 10 }, { 2, 20 }, { 3, 30 }, { 4, 40 } });

    [Fact]
    public void FitLearnsTheMeanAndThePopulationStandardDeviation()
    {
        var scaler = new StandardScaler().Fit(Data);
        TensorAssert.Close(scaler.Mean, [2], [2.5f, 25f]);
        TensorAssert.Close(scaler.Variance, [2], [1.25f, 125f]);
        TensorAssert.Close(scaler.Scale, [2], [1.1180340f, 11.180340f]);
        Assert.True(scaler.IsFitted);
        Assert.Equal(4, scaler.SamplesSeen);
    }

    [Fact]
    public void TransformGivesZeroMeanAndUnitStandardDeviation()
    {
        var z = new StandardScaler().FitTransform(Data);
        // (1 − 2.5) / √1.25 = −1.3416408, (2 − 2.5) / √1.25 = −0.4472136, …; column 1 gives the same numbers.
        TensorAssert.Close(z, [4, 2], [-1.3416408f, -1.3416408f, -0.4472136f, -0.4472136f, 0.4472136f, 0.4472136f, 1.3416408f, 1.3416408f]);
        TensorAssert.Close(z.Mean(0), [2], [0f, 0f]);
        TensorAssert.Close(z.Square().Mean(0), [2], [1f, 1f]);
    }

    [Fact]
    public void TransformUsesTheFittedStatisticsOnNewData()
    {
        var scaler = new StandardScaler().Fit(Data);
        var z = scaler.Transform(Tensor.FromArray(new float[,] { { 2.5f, 36.180340f } }));
        TensorAssert.Close(z, [1, 2], [0f, 1f]);
    }

    [Fact]
    public void InverseTransformRoundTrips()
    {
        var scaler = new StandardScaler();
        var back = scaler.InverseTransform(scaler.FitTransform(Data));
        TensorAssert.Close(back, [4, 2], Data.ToArray());
        TensorAssert.Close(scaler.InverseTransform(Tensor.FromArray(new float[,] { { 0, 1 } })), [1, 2], [2.5f, 36.180340f]);
    }

    [Fact]
    public void AConstantColumnGetsScaleOneAndBecomesZero()
    {
        var x = Tensor.FromArray(new float[,] { { 0.1f, 1 }, { 0.1f, 2 }, { 0.1f, 3 } });
        var scaler = new StandardScaler();
        var z = scaler.FitTransform(x);
        TensorAssert.Close(scaler.Scale, [2], [1f, 0.8164966f]);
        Assert.Equal(0f, scaler.Variance.ToArray()[0]);
        Assert.All(z[.., 0].ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void AccumulatesInDoublePrecision()
    {
        // A large offset and a small spread: a float32 running sum of squares would lose the spread entirely.
        var values = new float[10_000];
        for (int i = 0; i < values.Length; i++) values[i] = 10_000f + (i % 2 == 0 ? -1 : 1);
        var scaler = new StandardScaler().Fit(Tensor.FromData(values, [values.Length, 1]));
        TensorAssert.Close(scaler.Mean, [1], [10_000f], 1e-7);
        TensorAssert.Close(scaler.Scale, [1], [1f], 1e-6);
    }

    [Fact]
    public void TransformBeforeFitSaysToCallFit()
    {
        var scaler = new StandardScaler();
        var e = Assert.Throws<InvalidOperationException>(() => scaler.Transform(Data));
        Assert.Contains("StandardScaler.Transform", e.Message);
        Assert.Contains("call Fit first", e.Message);
        Assert.Contains("call Fit first", Assert.Throws<InvalidOperationException>(() => scaler.Mean).Message);
        Assert.Contains("call Fit first", Assert.Throws<InvalidOperationException>(() => scaler.InverseTransform(Data)).Message);
        Assert.False(scaler.IsFitted);
    }

    [Fact]
    public void AColumnCountMismatchNamesBoth()
    {
        var scaler = new StandardScaler().Fit(Data);
        var e = Assert.Throws<ShapeException>(() => scaler.Transform(Tensor.Zeros([5, 3])));
        Assert.Contains("fitted on 2 columns", e.Message);
        Assert.Contains("x has 3", e.Message);
        Assert.Contains("(5, 3)", e.Message);
    }

    [Fact]
    public void AVectorIsRejectedWithTheReshapeThatFixesIt()
    {
        var e = Assert.Throws<ShapeException>(() => new StandardScaler().Fit(Tensor.FromArray(new float[] { 1, 2, 3 })));
        Assert.Contains("StandardScaler.Fit: expected a (examples, features) matrix, got shape (3,)", e.Message);
        Assert.Contains("x.Reshape(-1, 1)", e.Message);
        Assert.Contains("x.Flatten(1)", Assert.Throws<ShapeException>(() => new StandardScaler().Fit(Tensor.Zeros([2, 3, 4]))).Message);
    }

    [Fact]
    public void ToStringShowsWhatWasFitted()
    {
        var scaler = new StandardScaler();
        Assert.Contains("not fitted", scaler.ToString());
        scaler.Fit(Data);
        var text = scaler.ToString();
        Assert.Contains("fitted on 4 examples × 2 features", text);
        Assert.Contains("mean:  [2.5, 25]", text);
        Assert.Contains("scale: [1.118034, 11.18034]", text);
    }

    [Fact]
    public void TransformRunsOnTheDeviceOfItsInput()
    {
        var scaler = new StandardScaler().Fit(Data);
        var z = scaler.Transform(Data.To(Device.Reference));
        Assert.Equal(Device.Reference, z.Device);
        TensorAssert.Close(z, [4, 2], scaler.Transform(Data).ToArray());
    }
}
