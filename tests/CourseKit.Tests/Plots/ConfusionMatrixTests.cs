namespace CourseKit.Tests.Plots;

public class ConfusionMatrixTests
{
    [Fact]
    public void Counts_true_classes_against_predicted_indices()
    {
        var matrix = ConfusionMatrix.Compute(new float[] { 0, 0, 1, 2, 2, 2 }, new float[] { 0, 1, 1, 2, 0, 2 });
        Assert.Equal(new int[,] { { 1, 1, 0 }, { 0, 1, 0 }, { 1, 0, 2 } }, matrix);
        Assert.Equal(4.0 / 6, ConfusionMatrix.Accuracy(matrix), 10);
    }

    [Fact]
    public void Probabilities_and_one_hot_labels_are_turned_into_classes()
    {
        Tensor oneHot = new float[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 0, 0, 1 } };
        Tensor probabilities = new float[,] { { 0.7f, 0.2f, 0.1f }, { 0.1f, 0.3f, 0.6f }, { 0.2f, 0.2f, 0.6f }, { 0.5f, 0.4f, 0.1f } };
        var matrix = ConfusionMatrix.Compute(oneHot, probabilities);
        Assert.Equal(new int[,] { { 1, 0, 0 }, { 0, 0, 1 }, { 1, 0, 1 } }, matrix);
    }

    [Fact]
    public void A_single_sigmoid_probability_per_row_is_thresholded_at_one_half()
    {
        Tensor yTrue = new float[,] { { 0 }, { 1 }, { 1 }, { 0 } };
        Tensor yPred = new float[,] { { 0.2f }, { 0.9f }, { 0.4f }, { 0.5f } };
        Assert.Equal(new int[,] { { 1, 1 }, { 1, 1 } }, ConfusionMatrix.Compute(yTrue, yPred));
    }

    [Fact]
    public void NumClasses_adds_classes_nobody_predicted()
    {
        var matrix = ConfusionMatrix.Compute(new float[] { 0, 1 }, new float[] { 0, 1 }, numClasses: 4);
        Assert.Equal(4, matrix.GetLength(0));
        Assert.Equal(2, ConfusionMatrix.Accuracy(matrix) * 2);
        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(new float[] { 0, 3 }, new float[] { 0, 1 }, numClasses: 2));
        Assert.Contains("need 4 classes", error.Message);
    }

    [Fact]
    public void Bad_labels_are_explained()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(new float[] { 0, 1, 1 }, new float[] { 0, 1 }));
        Assert.Contains("3 examples but yPred has 2", error.Message);
        error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(new float[] { 0.5f, 1 }, new float[] { 0, 1 }));
        Assert.Contains("whole class numbers", error.Message);
        error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(new float[] { -1, 1 }, new float[] { 0, 1 }));
        Assert.Contains("negative", error.Message);
    }

    [Fact]
    public void Format_writes_a_labelled_table()
    {
        var text = ConfusionMatrix.Format(new int[,] { { 5, 1 }, { 0, 12 } }, ["cat", "dog"]);
        var lines = text.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Contains("cat", lines[0]);
        Assert.StartsWith("cat", lines[1]);
        Assert.EndsWith("12", lines[2]);
    }

    [Fact]
    public void Plot_is_an_annotated_heatmap_with_true_classes_top_down()
    {
        var figure = Plot.ConfusionMatrix(new float[] { 0, 0, 1, 1, 1 }, new float[] { 0, 1, 1, 1, 0 }, ["cat", "dog"]);
        var heatmap = figure.Trace(0);
        Assert.Equal("heatmap", heatmap.GetProperty("type").GetString());
        Assert.Equal([1, 1], heatmap.GetProperty("z")[0].Numbers());
        Assert.Equal([1, 2], heatmap.GetProperty("z")[1].Numbers());
        Assert.Equal("2", heatmap.GetProperty("text")[1][1].GetString());
        Assert.Equal("%{text}", heatmap.GetProperty("texttemplate").GetString());
        Assert.Equal(["cat", "dog"], heatmap.GetProperty("x").Strings());
        Assert.Equal(["cat", "dog"], heatmap.GetProperty("y").Strings());

        var layout = figure.Json().GetProperty("layout");
        Assert.Equal("reversed", layout.GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Equal("true class", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("predicted class", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Confusion matrix (accuracy 60.0%)", figure.Layout.Title!.Text);
    }

    [Fact]
    public void Normalized_rows_are_fractions()
    {
        var figure = Plot.ConfusionMatrix(new float[] { 0, 0, 0, 0, 1 }, new float[] { 0, 0, 0, 1, 1 }, normalize: true);
        var heatmap = figure.Trace(0);
        Assert.Equal([0.75, 0.25], heatmap.GetProperty("z")[0].Numbers());
        Assert.Equal([0, 1], heatmap.GetProperty("z")[1].Numbers());
        Assert.Equal("0.75", heatmap.GetProperty("text")[0][0].GetString());
        Assert.Equal(["0", "1"], heatmap.GetProperty("x").Strings());
        Assert.Equal(1, heatmap.GetProperty("zmax").GetDouble());
    }

    [Fact]
    public void Class_names_must_match_the_classes()
    {
        var error = Assert.Throws<ArgumentException>(() => Plot.ConfusionMatrix(new float[] { 0, 1, 2 }, new float[] { 0, 1, 2 }, ["a", "b"]));
        Assert.Contains("need 3 classes", error.Message);
    }
}
