using CourseKit.Interactive;
using CourseKit.Tests.Keras.Models;

namespace CourseKit.Tests.Interactive;

/// <summary>
/// Models, training histories, evaluations and Fit's in-notebook progress. In the Keras collection: these build layers
/// (global name counters), capture the console and set the process-wide AppContext host.
/// </summary>
[Collection(KerasCollection.Name)]
public class TrainingDisplayTests
{
    public TrainingDisplayTests() => Model.ClearSession();

    private static Sequential LectureMlp() => new([
        new Flatten(inputShape: [28, 28]),
        new Dense(300, activation: "relu"),
        new Dense(100, activation: "relu"),
        new Dense(10, activation: "softmax"),
    ]);

    private static (Tensor X, Tensor Y) Blobs()
    {
        Tensor.SetRandomSeed(8);
        var data = Datasets.Blobs(120, centers: 2, seed: 3);
        return (data.X, data.Y);
    }

    private static Sequential Neuron()
    {
        var model = new Sequential([new Dense(1, inputShape: [2], activation: "sigmoid")]);
        model.Compile("adam", "binary_crossentropy", ["accuracy"]);
        return model;
    }

    [Fact]
    public void ModelsShowTheSummaryTable()
    {
        var model = LectureMlp();
        var (html, text) = RendersAlike.Check(model);
        Assert.Equal(model.SummaryText(), text);
        Assert.Contains("Model: &quot;sequential&quot;", html);
        Assert.Contains("<td>dense (Dense)</td>", html);
        Assert.Contains("<td>(None, 784)</td>", html);
        Assert.Contains("<td class=\"n\">235,500</td>", html);
        Assert.Contains("266,610 (1.02 MB)", html);
        Assert.Contains("Non-trainable params", html);
        Assert.DoesNotContain("Connected to", html);

        var input = new Input(shape: [8]);
        var hidden = new Dense(30, activation: "relu").Call(input);
        var output = new Dense(1).Call(Layers.Concatenate(input, hidden));
        var wide = new Model(input, output, name: "wide<&>deep");
        var (wideHtml, _) = RendersAlike.Check(wide);
        Assert.Contains("Connected to", wideHtml);
        Assert.Contains("input_layer[0][0]<br>", wideHtml);
        Assert.Contains("wide&lt;&amp;&gt;deep", wideHtml);
        Assert.DoesNotContain("wide<&>deep", wideHtml);

        var unbuilt = new Sequential([new Dense(3)]);
        Assert.Contains("has not been built yet", RendersAlike.Check(unbuilt).Html);
    }

    [Fact]
    public void HistoriesShowLearningCurvesAndFinalValues()
    {
        var (x, y) = Blobs();
        var history = Neuron().Fit(x, y, epochs: 3, batchSize: 40, verbose: 0);
        var (html, text) = RendersAlike.Check(history);
        Assert.Equal(history.ToString(), text);
        Assert.Contains("History of 3 epochs", html);
        Assert.Contains("class=\"coursekit-plot\"", html);
        Assert.Contains(TrainingViews.Number(history.History["loss"][^1]), html);
        Assert.Contains("<td>accuracy</td>", html);
    }

    [Fact]
    public void EvaluationsShowEachNumber()
    {
        var (x, y) = Blobs();
        var model = Neuron();
        var evaluation = model.Evaluate(x, y, verbose: 0);
        var (html, text) = RendersAlike.Check(evaluation);
        Assert.Equal(evaluation.ToString(), text);
        Assert.Contains("<td>loss</td>", html);
        Assert.Contains(TrainingViews.Number(evaluation.Loss), html);
    }

    [Fact]
    public void FitUpdatesOneNotebookDisplayAndPrintsNothing()
    {
        var (x, y) = Blobs();
        var host = new FakeHost();
        var console = new StringWriter();
        var original = Console.Out;
        TrainingHistory history;
        Console.SetOut(console);
        try
        {
            using (NotebookHost.Use(host.Display)) history = Neuron().Fit(x, y, epochs: 3, batchSize: 8, verbose: 1);
        }
        finally { Console.SetOut(original); }

        Assert.Equal("", console.ToString());
        var shown = Assert.Single(host.Displayed);
        Assert.IsType<TrainingProgress>(shown);
        Assert.True(host.Updates.Count >= 3);
        var last = Assert.IsType<TrainingProgress>(host.Updates[^1]);
        Assert.Null(last.Current);
        Assert.Equal(3, last.Completed.Count);
        Assert.Equal([0, 1, 2], last.Completed.Select(e => e.Epoch));
        Assert.Equal(history.History["loss"][^1], last.Completed[^1].Logs["loss"]);
        Assert.Equal(history.History["accuracy"][^1], last.Completed[^1].Logs["accuracy"]);

        var (html, text) = RendersAlike.Check(last);
        Assert.Contains("Epoch 3/3 - 15/15 - ", text);
        Assert.Contains("<td class=\"n\">3/3</td>", html);
        Assert.Contains(TrainingViews.Number(history.History["loss"][^1]), html);
        Assert.Contains(">accuracy</th>", html);
    }

    [Fact]
    public void TheEpochUnderWayHasAProgressBar()
    {
        var progress = new TrainingProgress(5,
            [new EpochProgress(0, 10, 10, TimeSpan.FromSeconds(1.2), new Dictionary<string, float> { ["loss"] = 0.5f })],
            new EpochProgress(1, 4, 10, TimeSpan.FromSeconds(0.5), new Dictionary<string, float> { ["loss"] = 0.25f }), null);
        var (html, text) = RendersAlike.Check(progress);
        Assert.Contains("ck-bar", html);
        Assert.Contains("width:40%", html);
        Assert.Contains("4/10", html);
        Assert.Contains("[========............] Epoch 2/5 - 4/10 - 0.5s - loss: 0.2500", text);
        Assert.StartsWith("Epoch 1/5 - 10/10 - 1.2s - loss: 0.5000", text);
    }

    [Fact]
    public void LongRunsShowTheLatestEpochsAndFoldTheRest()
    {
        var epochs = Enumerable.Range(0, 25).Select(e =>
            new EpochProgress(e, 9, 9, TimeSpan.FromSeconds(0.1), new Dictionary<string, float> { ["loss"] = 1f / (e + 1) })).ToList();
        var (html, text) = RendersAlike.Check(new TrainingProgress(400, epochs, null, null));
        Assert.StartsWith("… 15 earlier epochs", text);
        Assert.Equal(11, text.Split('\n').Length);                 // the note and the latest 10 epochs
        Assert.Contains("Epoch 25/400", text);
        Assert.DoesNotContain("Epoch 15/400", text);
        Assert.Contains("<details><summary>all 25 epochs</summary>", html);
        Assert.Contains("… 15 earlier epochs; the latest:", html);

        var (shortHtml, shortText) = RendersAlike.Check(new TrainingProgress(400, epochs.Take(5).ToList(), null, null));
        Assert.DoesNotContain("<details>", shortHtml);
        Assert.StartsWith("Epoch 1/400", shortText);
    }

    [Fact]
    public void VerboseTwoUpdatesOncePerEpochAndVerboseZeroShowsNothing()
    {
        var (x, y) = Blobs();
        var host = new FakeHost();
        using (NotebookHost.Use(host.Display)) Neuron().Fit(x, y, epochs: 4, batchSize: 8, verbose: 2);
        Assert.Single(host.Displayed);
        Assert.Equal(4, host.Updates.Count);
        Assert.All(host.Updates.Cast<TrainingProgress>(), p => Assert.Null(p.Current));

        var silent = new FakeHost();
        using (NotebookHost.Use(silent.Display)) Neuron().Fit(x, y, epochs: 2, batchSize: 8, verbose: 0);
        Assert.Empty(silent.Displayed);
        Assert.Empty(silent.Updates);
    }

    [Fact]
    public void AHostThatFailsFallsBackToTheConsole()
    {
        var (x, y) = Blobs();
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        try
        {
            using (NotebookHost.Use(_ => throw new InvalidOperationException("no cell is running")))
                Neuron().Fit(x, y, epochs: 2, batchSize: 60, verbose: 2);
        }
        finally { Console.SetOut(original); }
        Assert.Contains("Epoch 2/2 - 2/2 - ", console.ToString());
    }

    [Fact]
    public void SummaryAndVerboseEvaluateDisplayInANotebookAndPrintElsewhere()
    {
        var (x, y) = Blobs();
        var model = Neuron();
        var console = new StringWriter();
        var original = Console.Out;
        var host = new FakeHost();
        Console.SetOut(console);
        try
        {
            using (NotebookHost.Use(host.Display))
            {
                model.Summary();
                model.Evaluate(x, y, verbose: 1);
            }
            Assert.Equal("", console.ToString());
            model.Summary();
            model.Evaluate(x, y, verbose: 1);
            model.Evaluate(x, y, verbose: 0);
        }
        finally { Console.SetOut(original); }

        Assert.Same(model, host.Displayed[0]);
        var evaluation = Assert.IsType<Evaluation>(host.Displayed[1]);
        Assert.Equal(2, host.Displayed.Count);
        Assert.Empty(host.Updates);
        Assert.Equal(model.SummaryText() + Environment.NewLine + evaluation + Environment.NewLine, console.ToString());
        Assert.Contains(" Total params: 3 (12.00 B)", model.SummaryText());   // 2 weights and a bias
    }

    [Fact]
    public void TheRunnerSetsTheHostThroughAppContext()
    {
        Assert.Null(NotebookHost.Find());   // plain test process: no runner, no .NET Interactive kernel
        Func<object, Action<object>> runner = _ => _ => { };
        AppContext.SetData(NotebookHost.AppContextKey, runner);
        try
        {
            Assert.Same(runner, NotebookHost.Find());
            var test = new FakeHost();
            using (NotebookHost.Use(test.Display)) Assert.NotSame(runner, NotebookHost.Find());   // a test's own host comes first
            Assert.Same(runner, NotebookHost.Find());
        }
        finally { AppContext.SetData(NotebookHost.AppContextKey, null); }
        Assert.Null(NotebookHost.Find());
    }
}
