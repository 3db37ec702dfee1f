namespace CourseKit.Tests.Plots;

public class ImagesTests
{
    private static Tensor Digits(int n, float scale = 255) =>
        Tensor.FromData(Enumerable.Range(0, n * 4 * 3).Select(i => i % 2 * scale).ToArray(), [n, 4, 3]);

    [Fact]
    public void Grid_has_rows_times_columns_subplots_with_titles_above()
    {
        var figure = Plot.Images(Digits(7), ["0", "1", "2", "3", "4", "5", "6"], columns: 3);
        Assert.Equal(7, figure.Traces.Count);
        var layout = figure.Json().GetProperty("layout");
        Assert.True(layout.TryGetProperty("yaxis7", out _));
        Assert.False(layout.TryGetProperty("xaxis8", out _));

        // Image 4 (index 3) starts the second row, under image 1; image 7 the third row.
        var first = layout.GetProperty("xaxis").GetProperty("domain").Numbers();
        Assert.Equal(first, layout.GetProperty("xaxis4").GetProperty("domain").Numbers());
        Assert.True(layout.GetProperty("yaxis4").GetProperty("domain").Numbers()[1] < layout.GetProperty("yaxis").GetProperty("domain").Numbers()[0]);
        Assert.True(layout.GetProperty("yaxis7").GetProperty("domain").Numbers()[1] < layout.GetProperty("yaxis4").GetProperty("domain").Numbers()[0]);
        Assert.True(layout.GetProperty("xaxis3").GetProperty("domain").Numbers()[0] > layout.GetProperty("xaxis2").GetProperty("domain").Numbers()[1]);

        var yaxis2 = layout.GetProperty("yaxis2");
        Assert.Equal("reversed", yaxis2.GetProperty("autorange").GetString());
        Assert.Equal("x2", yaxis2.GetProperty("scaleanchor").GetString());
        Assert.False(yaxis2.GetProperty("showticklabels").GetBoolean());

        Assert.Equal(["0", "1", "2", "3", "4", "5", "6"], figure.Layout.Annotations!.Select(a => a.Text));
        var title = figure.Layout.Annotations![4];
        var x5 = layout.GetProperty("xaxis5").GetProperty("domain").Numbers();
        Assert.Equal((x5[0] + x5[1]) / 2, title.X!.Value, 5);
        Assert.Equal(layout.GetProperty("yaxis5").GetProperty("domain").Numbers()[1], title.Y!.Value, 5);
    }

    [Fact]
    public void Pixels_become_heatmap_rows_with_the_detected_range()
    {
        var figure = Plot.Images(Digits(2));
        var trace = figure.Trace(1);
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal("x2", trace.GetProperty("xaxis").GetString());
        Assert.Equal(4, trace.GetProperty("z").GetArrayLength());
        Assert.Equal([0, 255, 0], trace.GetProperty("z")[0].Numbers()); // image 1 starts at element 12 (even → 0)
        Assert.Equal(255, trace.GetProperty("zmax").GetDouble());
        Assert.False(trace.GetProperty("showscale").GetBoolean());
        Assert.Null(figure.Layout.Annotations);

        Assert.Equal(1, Plot.Images(Digits(2, scale: 1)).Trace(0).GetProperty("zmax").GetDouble());
        Assert.Single(Plot.Images(Tensor.Zeros([28, 28])).Traces);
        Assert.Single(Plot.Images(Tensor.Zeros([1, 28, 28, 1])).Traces);
    }

    [Fact]
    public void Errors_say_what_to_change()
    {
        var error = Assert.Throws<ArgumentException>(() => Plot.Images(Tensor.Zeros([101, 2, 2])));
        Assert.Contains("at most 100", error.Message);
        Assert.Contains("images[..25]", error.Message);

        error = Assert.Throws<ArgumentException>(() => Plot.Images(Tensor.Zeros([3, 784])));
        Assert.Contains("Reshape(3, 28, 28)", error.Message);
        Assert.Contains("Reshape(1, 3, 784)", error.Message);

        error = Assert.Throws<ArgumentException>(() => Plot.Images(Tensor.Zeros([3, 2, 2, 3])));
        Assert.Contains("3 channels", error.Message);

        error = Assert.Throws<ArgumentException>(() => Plot.Images(Tensor.Zeros([3, 2, 2]), ["a"]));
        Assert.Contains("1 titles for 3 images", error.Message);
    }
}
