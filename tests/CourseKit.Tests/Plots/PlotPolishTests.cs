namespace CourseKit.Tests.Plots;

/// <summary>
/// What students saw on the pages: plotly's toolbar over image titles, an empty learning-curve chart after the loss
/// diverged, class names cut at the confusion matrix's left edge, a colour scale dark at 0, a legend beside the title.
/// Each checked on the figure model (margins, annotations, scales), and the divergence note in the static SVG too.
/// </summary>
public class PlotPolishTests
{
    private static readonly string[] FashionNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private static TrainingHistory Diverging(float bad)
    {
        var history = new TrainingHistory();
        float[] losses = [0.9f, 1.7f, 40f, bad, bad, bad];
        for (int e = 0; e < losses.Length; e++)
            history.OnEpochEnd(e, new Dictionary<string, float> { ["loss"] = losses[e], ["accuracy"] = e < 3 ? 0.5f : 0.1f });
        return history;
    }

    [Fact]
    public void A_diverged_loss_says_why_its_chart_is_empty()
    {
        var figure = Plot.LearningCurves(Diverging(float.NaN));
        var note = Assert.Single(figure.Layout.Annotations!, a => a.Text!.Contains("diverged"));
        Assert.Equal("The loss diverged<br>at epoch 4 (NaN):<br>lower the learning rate.", note.Text);
        var grid = new Subplots(2, columns: 2, horizontalGap: 0.1, verticalGap: 0.18);
        Assert.Equal(Math.Round(grid.XDomain(0).Average(), 4), note.X);   // in the middle of the loss chart
        Assert.Equal(Math.Round(grid.YDomain(0).Average(), 4), note.Y);
        Assert.Equal(("paper", "paper", false), (note.XRef, note.YRef, note.ShowArrow));
        Assert.Contains("at epoch 4 (NaN):", figure.ToSvg());

        Assert.Contains("at epoch 4 (∞):", Plot.LearningCurves(Diverging(float.PositiveInfinity)).Layout.Annotations!.Select(a => a.Text).OfType<string>().Single(t => t.Contains("diverged")));
        Assert.DoesNotContain(Plot.LearningCurves(Diverging(3f)).Layout.Annotations!, a => a.Text!.Contains("diverged"));
    }

    [Fact]
    public void LearningCurveTitlesWriteAbbreviationsInCapitals()
    {
        // Regression: "mae" was titled "Mae" and "main_output_mae" "Main output mae".
        var history = new TrainingHistory();
        for (int e = 0; e < 2; e++)
            history.OnEpochEnd(e, new Dictionary<string, float> { ["loss"] = 2f - e, ["mae"] = 1.5f - e / 2f, ["main_output_mae"] = 1.4f - e / 2f,
                                                                 ["sparse_categorical_accuracy"] = 0.5f + e / 5f });
        var titles = Plot.LearningCurves(history).Layout.Annotations!.Select(a => a.Text).OfType<string>().ToList();
        Assert.Contains("MAE", titles);
        Assert.Contains("Main output MAE", titles);
        Assert.Contains("Sparse categorical accuracy", titles);
        Assert.DoesNotContain("Mae", titles);
    }

    [Fact]
    public void Image_titles_stay_clear_of_the_toolbar()
    {
        var images = Tensor.Zeros([4, 28, 28]);
        var figure = Plot.Images(images, titles: ["a", "b", "c", "d"], columns: 4);
        // plotly's toolbar is about 30 px high at the top right; the first row's titles sit on the plot area's top edge.
        Assert.True(figure.Layout.Margin!.T >= 36, $"top margin {figure.Layout.Margin.T} leaves the toolbar over the titles");
        Assert.Equal(40, figure.Layout.Margin.T);
        Assert.Equal(40 + 20 + 90 + 18, figure.Layout.Height);
        Assert.Equal(40 + 32, Plot.Images(images, title: "digits").Layout.Margin!.T);
    }

    [Fact]
    public void Confusion_matrix_margins_fit_the_longest_class_name()
    {
        var y = Tensor.FromData(Enumerable.Range(0, 20).Select(i => (float)(i % 10)).ToArray(), [20]);
        var named = Plot.ConfusionMatrix(y, y, FashionNames).Layout;
        // "T-shirt/top" at 13 px: T 0.75 em, "-shirt/top" 0.42 × 5 (-, r, t, /, t) + 0.32 (i) + 0.64 × 4 (s, h, o, p)
        // = 5.73 em = 74.5 px, with 10% spare 82 px, and 45 px for the axis title.
        Assert.Equal(127, named.Margin!.L);
        Assert.Equal(50 + 82, named.Margin.B);                   // wider than a 60 px column: plotly turns them
        Assert.Equal(600 + 140 + 127, named.Width);
        var numbered = Plot.ConfusionMatrix(y, y).Layout;
        Assert.Equal((60, 50), (numbered.Margin!.L, numbered.Margin.B));
    }

    [Fact]
    public void Confusion_matrix_colours_are_dark_for_high_counts()
    {
        var y = Tensor.FromData([0f, 1f, 1f], [3]);
        var scale = Plot.ConfusionMatrix(y, y).Json().GetProperty("data")[0].GetProperty("colorscale");
        Assert.Equal("[[0,\"#f7fbff\"],[0.25,\"#deebf7\"],[0.5,\"#9ecae1\"],[0.75,\"#4292c6\"],[1,\"#08306b\"]]", scale.GetRawText());
    }

    [Fact]
    public void Activations_legend_is_below_the_plots_away_from_the_title()
    {
        var layout = Plot.Activations().Layout;
        Assert.Equal(("h", 0.5, "center", "top"), (layout.Legend!.Orientation, layout.Legend.X, layout.Legend.XAnchor, layout.Legend.YAnchor));
        // 45 px under the plot area of 680 − 92 − 90 = 498 px
        Assert.Equal(-Math.Round(45.0 / 498, 4), layout.Legend.Y);
        Assert.Equal((40 + 32 + 20, 90), (layout.Margin!.T, layout.Margin.B));
    }
}
