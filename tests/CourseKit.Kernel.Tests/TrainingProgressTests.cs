namespace CourseKit.Kernel.Tests;

/// <summary>
/// Fit's live progress in the kernel: one table, shown once and updated in place until it holds every epoch. Jupyter
/// routes an update to the output with the same display id, so an update under any other id is lost.
/// </summary>
[Collection(NotebookCollection.Name)]
public class TrainingProgressTests(Notebook notebook)
{
    private const string Neuron = """
        CourseKit.Tensor.SetRandomSeed(8);
        var blobs = CourseKit.Datasets.Blobs(120, centers: 2, seed: 3);
        var neuron = new CourseKit.Sequential([new CourseKit.Dense(1, inputShape: [2], activation: "sigmoid")]);
        neuron.Compile("adam", "binary_crossentropy", ["accuracy"]);
        """;

    [Theory]
    [InlineData(1)]   // a progress bar while an epoch runs (the default, as in lecture 02)
    [InlineData(2)]   // a row per epoch
    public async Task FitUpdatesTheTableItShowedUntilItHoldsEveryEpoch(int verbose)
    {
        var cell = await notebook.Run(Neuron + $"\nvar history = neuron.Fit(blobs.X, blobs.Y, epochs: 3, batchSize: 8, verbose: {verbose});");

        var shown = Assert.Single(cell.Displayed);
        Assert.Equal("Training for 3 epochs…", shown.Text());
        Assert.Contains("Training for 3 epochs…", shown.Html());
        Assert.All(cell.Updated, update => Assert.Equal(shown.ValueId, update.ValueId));
        if (verbose == 2) Assert.Equal(3, cell.Updated.Count);   // once per epoch
        else Assert.True(cell.Updated.Count >= 3, $"{cell.Updated.Count} updates");   // and batch updates, at most 5 a second
        Assert.Equal("", cell.StandardOutput);

        var last = cell.Updated[^1];
        var lines = last.Text().Split('\n');
        Assert.Equal(3, lines.Length);
        for (int epoch = 1; epoch <= 3; epoch++) Assert.StartsWith($"Epoch {epoch}/3 - 15/15 - ", lines[epoch - 1]);
        Assert.DoesNotContain("<span class=\"ck-bar\">", last.Html());   // finished: no progress bar
        Assert.Contains("<td class=\"n\">3/3</td>", last.Html());

        var loss = (await notebook.Run("history.History[\"loss\"][^1].ToString(\"0.0000\", System.Globalization.CultureInfo.InvariantCulture)")).Value;
        Assert.Contains($" - loss: {loss} - accuracy: ", lines[2]);
    }

    [Fact]
    public async Task FitWhereNoCellIsRunningPrintsToTheConsole()
    {
        (await notebook.Run(Neuron)).Succeeded();
        // Without the cell's execution context: as on a thread the kernel started.
        var (cell, printed) = await PrintedBy("""
            using (System.Threading.ExecutionContext.SuppressFlow())
                System.Threading.Tasks.Task.Run(() => neuron.Fit(blobs.X, blobs.Y, epochs: 2, batchSize: 60, verbose: 2)).Wait();
            """);
        Assert.Empty(cell.Displayed);
        Assert.Equal(2, printed.Length);
        Assert.StartsWith("Epoch 1/2 - 2/2 - ", printed[0]);
        Assert.StartsWith("Epoch 2/2 - 2/2 - ", printed[1]);
    }

    [Fact]
    public async Task FitThatOutlivesItsCellPrintsToTheConsole()
    {
        (await notebook.Run(Neuron + """

            var start = new System.Threading.ManualResetEventSlim();
            var late = System.Threading.Tasks.Task.Run(() => { start.Wait(); neuron.Fit(blobs.X, blobs.Y, epochs: 2, batchSize: 60, verbose: 2); });
            """)).Succeeded();
        var (cell, printed) = await PrintedBy("start.Set(); late.Wait();");
        Assert.Empty(cell.Displayed);
        Assert.Empty(cell.Updated);
        Assert.Equal(2, printed.Length);
        Assert.StartsWith("Epoch 2/2 - 2/2 - ", printed[1]);
    }

    [Fact]
    public async Task FitWhoseCellEndsDuringTrainingGoesOnOnTheConsole()
    {
        var first = await notebook.Run(Neuron + """

            var firstEpoch = new System.Threading.ManualResetEventSlim();
            var goOn = new System.Threading.ManualResetEventSlim();
            var pause = new CourseKit.LambdaCallback(onEpochEnd: (epoch, _) => { if (epoch == 0) { firstEpoch.Set(); goOn.Wait(); } });
            var training = System.Threading.Tasks.Task.Run(() => neuron.Fit(blobs.X, blobs.Y, epochs: 2, batchSize: 60, verbose: 2, callbacks: [pause]));
            firstEpoch.Wait();
            """);
        var shown = Assert.Single(first.Displayed);
        var update = Assert.Single(first.Updated);
        Assert.Equal(shown.ValueId, update.ValueId);
        Assert.StartsWith("Epoch 1/2 - 2/2 - ", update.Text());

        var (second, printed) = await PrintedBy("goOn.Set(); training.Wait();");
        Assert.Empty(second.Displayed);
        Assert.Empty(second.Updated);
        Assert.StartsWith("Epoch 2/2 - 2/2 - ", Assert.Single(printed));
    }

    /// <summary>Runs <paramref name="code"/> in a cell with Console.Out replaced by a StringWriter, so that what work on
    /// other threads prints is seen too; returns the cell and the lines printed.</summary>
    private async Task<(Cell Cell, string[] Printed)> PrintedBy(string code)
    {
        var cell = await notebook.Run($$"""
            var output = new System.IO.StringWriter();
            var console = System.Console.Out;
            System.Console.SetOut(output);
            try { {{code}} }
            finally { System.Console.SetOut(console); }
            output.ToString()
            """);
        return (cell, cell.Returned.Text().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
