namespace CourseKit.Tests.Plots;

public class LearningCurvesTests
{
    private static TrainingHistory History(int epochs, bool validation = true)
    {
        var history = new TrainingHistory();
        for (int e = 0; e < epochs; e++)
        {
            var logs = new Dictionary<string, float> { ["loss"] = 1f / (e + 1), ["accuracy"] = 0.5f + 0.1f * e };
            if (validation)
            {
                logs["val_loss"] = 1.5f / (e + 1);
                logs["val_accuracy"] = 0.4f + 0.1f * e;
            }
            history.OnEpochEnd(e, logs);
        }
        return history;
    }

    [Fact]
    public void One_subplot_per_quantity_with_training_and_validation_lines()
    {
        var figure = Plot.LearningCurves(History(3));
        var data = figure.Json().GetProperty("data");

        Assert.Equal(4, data.GetArrayLength());
        var loss = data[0];
        Assert.Equal("training", loss.GetProperty("name").GetString());
        Assert.Equal([1, 2, 3], loss.GetProperty("x").Numbers());
        Assert.Equal([1, 0.5, 0.333333], loss.GetProperty("y").Numbers());
        Assert.Equal("x", loss.GetProperty("xaxis").GetString());
        Assert.Equal("validation", data[1].GetProperty("name").GetString());
        Assert.Equal([1.5, 0.75, 0.5], data[1].GetProperty("y").Numbers());
        Assert.Equal("x", data[1].GetProperty("xaxis").GetString());
        Assert.Equal("x2", data[2].GetProperty("xaxis").GetString());
        Assert.Equal("y2", data[3].GetProperty("yaxis").GetString());
        Assert.Equal(0.6, data[2].GetProperty("y")[1].GetDouble(), 5);

        // One legend entry per kind of line; the others toggle with it.
        Assert.True(data[0].GetProperty("showlegend").GetBoolean());
        Assert.False(data[2].GetProperty("showlegend").GetBoolean());
        Assert.Equal("training", data[2].GetProperty("legendgroup").GetString());

        var layout = figure.Json().GetProperty("layout");
        Assert.Equal("Learning curves", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("epoch", layout.GetProperty("xaxis2").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("accuracy", layout.GetProperty("yaxis2").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("y2", layout.GetProperty("xaxis2").GetProperty("anchor").GetString());
        var left = layout.GetProperty("xaxis").GetProperty("domain").Numbers();
        var right = layout.GetProperty("xaxis2").GetProperty("domain").Numbers();
        Assert.True(left[1] < right[0], "the two subplots sit side by side");
        Assert.Equal(["Loss", "Accuracy"], layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
    }

    [Fact]
    public void A_short_history_has_one_tick_per_epoch_so_no_epoch_number_repeats()
    {
        // Two epochs: plotly's own ticks would fall at 1, 1.2, 1.4, … and read "1 1 1 2 2 2" as whole numbers.
        var shortLayout = Plot.LearningCurves(History(2)).Json().GetProperty("layout");
        Assert.Equal(1, shortLayout.GetProperty("xaxis").GetProperty("dtick").GetDouble());
        Assert.Equal(1, shortLayout.GetProperty("xaxis2").GetProperty("dtick").GetDouble());

        // Fifty epochs: plotly picks whole steps (5, 10, …) itself; one tick per epoch would crowd the axis.
        var longLayout = Plot.LearningCurves(History(50)).Json().GetProperty("layout");
        Assert.False(longLayout.GetProperty("xaxis").TryGetProperty("dtick", out _));
    }

    [Fact]
    public void Without_validation_there_is_one_line_per_quantity_and_loss_comes_first()
    {
        var history = new TrainingHistory();
        history.OnEpochEnd(0, new Dictionary<string, float> { ["mae"] = 3, ["loss"] = 2 });
        history.OnEpochEnd(1, new Dictionary<string, float> { ["mae"] = 2, ["loss"] = 1 });
        var figure = Plot.LearningCurves(history, "Regression");
        Assert.Equal(["loss", "mae"], Plot.QuantitiesOf(history.History.Keys));
        Assert.Equal(2, figure.Traces.Count);
        Assert.Equal([2, 1], figure.Trace(0).GetProperty("y").Numbers());
        Assert.Equal("Regression", figure.Layout.Title!.Text);
    }

    [Fact]
    public void Epochs_resumed_from_initialEpoch_keep_their_numbers()
    {
        var history = new TrainingHistory();
        history.OnEpochEnd(5, new Dictionary<string, float> { ["loss"] = 2 });
        history.OnEpochEnd(6, new Dictionary<string, float> { ["loss"] = 1 });
        Assert.Equal([6, 7], Plot.LearningCurves(history).Trace(0).GetProperty("x").Numbers());
    }

    [Fact]
    public void Empty_history_explains_how_to_get_one()
    {
        var error = Assert.Throws<ArgumentException>(() => Plot.LearningCurves(new TrainingHistory()));
        Assert.Contains("model.Fit", error.Message);
    }
}
