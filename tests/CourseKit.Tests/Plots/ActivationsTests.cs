namespace CourseKit.Tests.Plots;

public class ActivationsTests
{
    [Fact]
    public void Sigmoid_derivative_from_autograd_is_s_times_one_minus_s()
    {
        var (x, y, dy) = Plot.ActivationCurve("sigmoid", -4, 4, 9);
        Assert.Equal(-4, x[0]);
        for (int i = 0; i < x.Length; i++)
        {
            double s = 1 / (1 + Math.Exp(-x[i]));
            Assert.Equal(s, y[i], 5);
            Assert.Equal(s * (1 - s), dy[i], 5);
        }
        Assert.Equal(0.25, dy[4], 5); // at 0
    }

    [Fact]
    public void Relu_derivative_is_a_step_and_tanh_is_one_minus_tanh_squared()
    {
        var (x, y, dy) = Plot.ActivationCurve("relu", -2, 2, 5);
        Assert.Equal([0, 0, 0, 1, 2], y);
        Assert.Equal(0, dy[0]);
        Assert.Equal(0, dy[1]);
        Assert.Equal(1, dy[3]);
        Assert.Equal(1, dy[4]);

        (x, y, dy) = Plot.ActivationCurve("tanh", -2, 2, 5);
        for (int i = 0; i < x.Length; i++) Assert.Equal(1 - Math.Tanh(x[i]) * Math.Tanh(x[i]), dy[i], 5);

        (_, _, dy) = Plot.ActivationCurve("linear", -1, 1, 3);
        Assert.Equal([1, 1, 1], dy);
    }

    [Fact]
    public void Default_figure_has_a_curve_and_a_dashed_derivative_per_activation()
    {
        var figure = Plot.Activations();
        Assert.Equal(2 * Plot.DefaultActivations.Count, figure.Traces.Count);
        var data = figure.Json().GetProperty("data");
        Assert.Equal("f(x)", data[0].GetProperty("name").GetString());
        Assert.Equal("f′(x)", data[1].GetProperty("name").GetString());
        Assert.Equal("dash", data[1].GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal("x8", data[15].GetProperty("xaxis").GetString());
        var titles = figure.Layout.Annotations!.Select(a => a.Text!).ToList();
        Assert.Equal(Plot.DefaultActivations, titles);
        var layout = figure.Json().GetProperty("layout");
        Assert.True(layout.TryGetProperty("yaxis8", out _));
        Assert.False(layout.TryGetProperty("yaxis9", out _));
    }

    [Fact]
    public void Unknown_or_non_elementwise_activations_are_explained()
    {
        var error = Assert.Throws<ArgumentException>(() => Plot.Activations("sigmoind"));
        Assert.Contains("Unknown activation \"sigmoind\". Did you mean \"sigmoid\"?", error.Message);
        Assert.Contains("sigmoid", error.Message);
        error = Assert.Throws<ArgumentException>(() => Plot.Activations("softmax"));
        Assert.Contains("not applied number by number", error.Message);
    }

    [Fact]
    public void Function_plots_f_over_the_range()
    {
        var figure = Plot.Function(x => x * x, -1, 1, points: 5, name: "x²");
        var trace = figure.Trace(0);
        Assert.Equal([-1, -0.5, 0, 0.5, 1], trace.GetProperty("x").Numbers());
        Assert.Equal([1, 0.25, 0, 0.25, 1], trace.GetProperty("y").Numbers());
        Assert.Equal("x²", trace.GetProperty("name").GetString());

        var error = Assert.Throws<ArgumentException>(() => Plot.Function(x => x.Sum(), -1, 1));
        Assert.Contains("one y per x", error.Message);
        Assert.Throws<ArgumentException>(() => Plot.Function(x => x, 1, -1));
    }
}
