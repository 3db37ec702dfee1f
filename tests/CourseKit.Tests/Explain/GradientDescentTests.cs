using Xunit;

namespace CourseKit.Tests.Explain.GradientDescent;

public class GradientDescentTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Iterates_for_x_squared_shrink_by_one_minus_two_eta(bool giveDerivative)
    {
        var e = giveDerivative
            ? CourseKit.Explain.GradientDescent(x => x * x, x => 2 * x, 1.0, 0.1, 10)
            : CourseKit.Explain.GradientDescent(x => x * x, 1.0, 0.1, 10);
        Assert.Equal(11, e.Iterates.Count);
        Assert.Equal(0.8, e.Iterates[1], 9);
        Assert.Equal(0.64, e.Iterates[2], 9);
        for (int k = 0; k <= 10; k++) Assert.Equal(Math.Pow(1 - 2 * 0.1, k), e.Iterates[k], 9);
        Assert.False(e.Diverged);
        Assert.Equal(giveDerivative, !e.NumericDerivative);
    }

    [Fact]
    public void The_table_heads_its_columns_in_readable_subscripts()
    {
        // Regression: the header showed raw TeX, "x_k" and "x_{k+1} = x_k − η f′(x_k)".
        string html = CourseKit.Explain.GradientDescent(x => x * x, 1.0, 0.1, 3).ToHtml();
        Assert.Contains(">xₖ₊₁ = xₖ − η f′(xₖ)</th>", html);
        Assert.Contains(">f(xₖ)</th>", html);
        Assert.DoesNotContain(">x_k</th>", html);
        Assert.DoesNotContain("x_{k+1} = x_k − η", html);   // the formula above the table stays typeset MathML
    }

    [Fact]
    public void Too_large_a_rate_diverges_and_is_flagged()
    {
        var e = CourseKit.Explain.GradientDescent(x => x * x, 1.0, 1.1, 10);
        for (int k = 0; k <= 10; k++) Assert.Equal(Math.Pow(-1.2, k), e.Iterates[k], 6);
        Assert.True(e.Diverged);
        Assert.Contains("diverging", e.Title);
        Assert.Contains("Diverging", e.ToHtml());
        Assert.Contains("diverging", e.Figure.ToJson());
    }

    [Fact]
    public void The_figure_draws_the_curve_and_the_path()
    {
        var e = CourseKit.Explain.GradientDescent(x => x * x, 1.0, 0.1, 5);
        var figure = e.Figure;
        Assert.Equal(2, figure.Traces.Count);
        var path = Assert.IsType<Scatter>(figure.Traces[1]);
        Assert.Equal(6, path.X!.Count);
        Assert.Contains("plotly", Display.Html(e), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Two_dimensional_quadratic_path()
    {
        // f = x² + 3y², ∇f = (2x, 6y): each step multiplies x by 1 − 2η and y by 1 − 6η.
        var e = CourseKit.Explain.GradientDescent((x, y) => x * x + 3 * y * y, (1.0, 1.0), 0.1, 8);
        Assert.Equal(9, e.Iterates.Count);
        for (int k = 0; k <= 8; k++)
        {
            Assert.Equal(Math.Pow(0.8, k), e.Iterates[k].X, 8);
            Assert.Equal(Math.Pow(0.4, k), e.Iterates[k].Y, 8);
        }
        Assert.False(e.Diverged);
        Assert.True(e.Values[^1] < e.Values[0]);
        var figure = e.Figure;
        Assert.IsType<Contour>(figure.Traces[0]);
        Assert.IsType<Scatter>(figure.Traces[1]);
        Assert.Contains("contour", figure.ToJson());

        var exact = CourseKit.Explain.GradientDescent((x, y) => x * x + 3 * y * y, (x, y) => (2 * x, 6 * y), (1.0, 1.0), 0.1, 8);
        Assert.Equal(e.Final.X, exact.Final.X, 8);
        Assert.True(CourseKit.Explain.GradientDescent((x, y) => x * x + 3 * y * y, (1.0, 1.0), 0.4, 8).Diverged);
    }

    [Fact]
    public void Learning_rates_compared_side_by_side()
    {
        var e = CourseKit.Explain.LearningRates(x => x * x, 1.0, [0.01, 0.3, 1.1], 10);
        Assert.Equal(["slow", "good", "diverging"], e.Verdicts);
        Assert.True(e.Runs[2].Diverged);
        Assert.Equal(6, e.Figure.Traces.Count);
        string html = Display.Html(e);
        Assert.Contains("too large (diverges)", html);
        Assert.Contains("lower the learning rate", html);
        Assert.Contains("too large (diverges)", e.ToString());
    }

    [Fact]
    public void Verdicts_follow_the_behaviour_measured_on_the_function()
    {
        // The notebook's example: f(x) = (x − 3)² + 1 from x₀ = −2, 20 steps. Each step multiplies the distance to the
        // minimum by 1 − 2η: 0.96 for η = 0.02 (after 20 steps still 2.2 away: slow), 0.4 for η = 0.3 (there),
        // −0.9 for η = 0.95 (jumps across, shrinking slowly: oscillates), −1.1 for η = 1.05 (grows: diverges).
        var e = CourseKit.Explain.LearningRates(x => (x - 3) * (x - 3) + 1, -2, [0.02, 0.3, 0.95, 1.05], 20);
        Assert.Equal(["slow", "good", "oscillating", "diverging"], e.Verdicts);
        Assert.Equal([null, 7, null, null], e.ConvergedAfter);
        string text = e.ToString();
        Assert.Contains("η = 0.02: too small (slow)", text);
        Assert.Contains("η = 0.3: good (converged after 7 steps)", text);
        Assert.Contains("η = 0.95: too large (oscillates)", text);
        Assert.Contains("η = 1.05: too large (diverges)", text);
        Assert.Contains("too small (slow)", Display.Html(e));
    }

    [Fact]
    public void Subplot_titles_put_the_verdict_under_the_rate_so_four_side_by_side_do_not_overlap()
    {
        var e = CourseKit.Explain.LearningRates(x => x * x, 1.0, [0.01, 0.1, 0.95, 1.05], 30);
        var titles = e.Figure.Layout.Annotations!.Select(a => a.Text).ToList();
        Assert.Equal(["η = 0.01<br>too small (slow)", "η = 0.1<br>good (converged after 22 steps)",
                      "η = 0.95<br>too large (oscillates)", "η = 1.05<br>too large (diverges)"], titles);
    }

    [Fact]
    public void Bad_settings_get_clear_errors()
    {
        Assert.Throws<ArgumentException>(() => CourseKit.Explain.GradientDescent(x => x * x, 1.0, -0.1, 10));
        Assert.Throws<ArgumentException>(() => CourseKit.Explain.GradientDescent(x => x * x, 1.0, 0.1, -1));
        Assert.Throws<ArgumentException>(() => CourseKit.Explain.LearningRates(x => x * x, 1.0, [], 10));
    }
}
