namespace CourseKit.Tests.Plots;

public class RegressionPlotsTests
{
    private static readonly Tensor Truth = new float[,] { { 5 }, { 10 }, { 20 } };   // (n, 1), as Predict gives
    private static readonly Tensor Guess = new float[] { 6, 9, 14 };

    /// <summary>The figure's title, or an axis's title when <paramref name="axis"/> names it ("xaxis").</summary>
    private static string? Title(System.Text.Json.JsonElement layout, string? axis = null) =>
        (axis is null ? layout : layout.GetProperty(axis)).GetProperty("title").GetProperty("text").GetString();

    [Fact]
    public void PredictedVsTrue_puts_each_example_at_true_and_predicted_with_the_diagonal_over_both_ranges()
    {
        var figure = Plot.PredictedVsTrue(Truth, Guess, name: "age (years)");
        var points = figure.Trace(0);
        Assert.Equal("markers", points.GetProperty("mode").GetString());
        Assert.Equal([5, 10, 20], points.GetProperty("x").Numbers());
        Assert.Equal([6, 9, 14], points.GetProperty("y").Numbers());
        Assert.Equal("examples", points.GetProperty("name").GetString());

        var diagonal = figure.Trace(1);   // from the smallest to the largest of all six numbers
        Assert.Equal([5, 20], diagonal.GetProperty("x").Numbers());
        Assert.Equal([5, 20], diagonal.GetProperty("y").Numbers());
        Assert.Equal("lines", diagonal.GetProperty("mode").GetString());
        Assert.Equal("perfect: predicted = true", diagonal.GetProperty("name").GetString());

        var layout = figure.Json().GetProperty("layout");
        Assert.Equal("true age (years)", Title(layout, "xaxis"));
        Assert.Equal("predicted age (years)", Title(layout, "yaxis"));
        Assert.Equal("Predicted vs true age (years)", Title(layout));
    }

    [Fact]
    public void Residuals_are_true_minus_predicted_against_the_prediction_with_a_zero_line()
    {
        var figure = Plot.Residuals(Truth, Guess, name: "age (years)", title: "Test snails");
        var points = figure.Trace(0);
        Assert.Equal([6, 9, 14], points.GetProperty("x").Numbers());
        Assert.Equal([-1, 1, 6], points.GetProperty("y").Numbers());

        var zero = figure.Trace(1);       // across the predictions
        Assert.Equal([6, 14], zero.GetProperty("x").Numbers());
        Assert.Equal([0, 0], zero.GetProperty("y").Numbers());

        var layout = figure.Json().GetProperty("layout");
        Assert.Equal("predicted age (years)", Title(layout, "xaxis"));
        Assert.Equal("residual: true − predicted", Title(layout, "yaxis"));
        Assert.Equal("Test snails", Title(layout));
    }

    [Fact]
    public void Without_a_name_the_axes_say_value()
    {
        var layout = Plot.PredictedVsTrue(Truth, Guess).Json().GetProperty("layout");
        Assert.Equal("true value", Title(layout, "xaxis"));
        Assert.Equal("Predicted vs true value", Title(layout));
    }

    [Fact]
    public void Mismatched_or_non_vector_inputs_are_explained()
    {
        var error = Assert.Throws<ArgumentException>(() => Plot.PredictedVsTrue(Truth, new float[] { 1, 2 }));
        Assert.Equal("Plot.PredictedVsTrue: yTrue has 3 values but yPred has 2; give one prediction per example, " +
                     "e.g. model.Predict(xTest) for yTest. (Parameter 'yPred')", error.Message);
        error = Assert.Throws<ArgumentException>(() => Plot.Residuals(Tensor.Zeros([3, 2]), Guess));
        Assert.Contains("Plot.Residuals: yTrue should be a vector of shape (n,) or (n, 1), got shape (3, 2)", error.Message);
    }
}
