using System.Text.RegularExpressions;
using CourseKit.Interactive;
using CourseKit.Tests.Interactive;
using CourseKit.Tests.Keras.Models;

namespace CourseKit.Tests.Keras.Search;

/// <summary>
/// Searches that train: on XOR-like quadrants a hidden layer of 8 units must beat no hidden layer at all, and on a
/// line y = 2x a learning rate of 0.3 must beat 10⁻⁴ (hardly anything learned) and 10⁹ (diverged). Tiny data, few epochs.
/// </summary>
[Collection(KerasCollection.Name)]
public class HyperparameterSearchTests
{
    public HyperparameterSearchTests() => Model.ClearSession();

    private static (Tensor X, Tensor Y) Quadrants()
    {
        var (x, y) = Datasets.XorQuadrants(60, seed: 1);
        return (x, y);
    }

    private static readonly FitSettings QuadrantFit = new(epochs: 40, batchSize: 8);

    /// <summary>units = 0: one sigmoid neuron (a straight boundary, which cannot separate XOR); else a tanh hidden layer.</summary>
    private static Model XorModel(Hyperparameters p)
    {
        int units = p.Int("units");
        var model = new Sequential();
        if (units > 0) model.Add(new Dense(units, inputShape: [2], activation: "tanh"));
        model.Add(units > 0 ? new Dense(1, activation: "sigmoid") : new Dense(1, inputShape: [2], activation: "sigmoid"));
        model.Compile(new Adam(learningRate: 0.05), "binary_crossentropy", ["accuracy"]);
        return model;
    }

    private static HyperparameterSearch UnitsSearch(params object[] units) =>
        HyperparameterSearch.Grid(XorModel, grid: new() { ["units"] = ParameterValues.Of(units) }, fit: QuadrantFit, folds: 3, seed: 42, verbose: 0);

    /// <summary>A line y = 2x, fitted by one linear neuron with plain gradient descent.</summary>
    private static (Tensor X, Tensor Y) Line()
    {
        var x = Tensor.FromData(Enumerable.Range(0, 12).Select(i => i / 6f - 1).ToArray(), [12, 1]);
        return (x, x * 2);
    }

    private static Model LineModel(Hyperparameters p)
    {
        var model = new Sequential([new Dense(1, inputShape: [1])]);
        model.Compile(new SGD(learningRate: p.Double("learningRate")), "mse");
        return model;
    }

    /// <summary>Times differ from run to run: "0.21 s" becomes "T s".</summary>
    private static string WithoutTimes(string text) => Regex.Replace(text, @"\d+\.\d+ s\b", "T s");

    [Fact]
    public void AHiddenLayerBeatsNoneOnXorAndIsRefitOnAllTheData()
    {
        var (x, y) = Quadrants();
        var result = UnitsSearch(0, 8).Run(x, y);

        Assert.Equal("grid search", result.Method);
        Assert.Equal("stratified 3-fold cross-validation", result.Validation);
        Assert.Equal("accuracy", result.Scoring);
        Assert.True(result.GreaterIsBetter);
        Assert.Equal(60, result.Examples);
        Assert.Equal(8, result.BestParameters.Int("units"));
        Assert.Same(result.Candidates[1], result.Best);
        Assert.Equal([2, 1], result.Candidates.Select(c => c.Rank));
        Assert.Equal([8, 0], result.Ranked.Select(c => c.Parameters.Int("units")));

        var linear = result.Candidates[0];
        var hidden = result.Candidates[1];
        Assert.Equal(3, hidden.Scores.Count);
        Assert.True(hidden.MeanScore >= 0.9, $"8 hidden units: {hidden}");
        Assert.True(linear.MeanScore <= 0.8, $"no hidden layer: {linear}");
        Assert.Equal(hidden.MeanScore, result.BestScore);
        Assert.Equal(hidden.Scores.Average(), hidden.MeanScore, 12);
        Assert.Equal(Math.Sqrt(hidden.Scores.Average(s => Math.Pow(s - hidden.MeanScore, 2))), hidden.StdScore, 12);
        // Each held-out fold has 20 examples, so every score is a multiple of 1/20.
        Assert.All(result.Candidates.SelectMany(c => c.Scores), s => Assert.Equal(0, s * 20 - Math.Round(s * 20), 4));

        var best = Assert.IsAssignableFrom<Sequential>(result.BestModel);
        Assert.Equal(2, best.Layers.Count);
        Assert.Equal(8, ((Dense)best.Layers[0]).Units);
        Assert.True(best.Evaluate(x, y)["accuracy"] >= 0.9f);
        Assert.NotNull(result.RefitTime);
    }

    [Fact]
    public void EveryFoldTrainsAFreshModelAndTheSameSeedGivesTheSameScores()
    {
        var (x, y) = Quadrants();
        int builds = 0;
        var models = new HashSet<Model>(ReferenceEqualityComparer.Instance);
        Model Counted(Hyperparameters p)
        {
            builds++;
            var model = XorModel(p);
            models.Add(model);
            return model;
        }
        var result = HyperparameterSearch.Grid(Counted, grid: new() { ["units"] = [0, 8] }, fit: QuadrantFit, folds: 3, seed: 42, verbose: 0).Run(x, y);
        Assert.Equal(2 * 3 + 1, builds);   // a model per candidate and fold, and one for the refit
        Assert.Equal(7, models.Count);

        var again = UnitsSearch(0, 8).Run(x, y);
        Assert.Equal(result.Candidates.Select(c => c.Scores), again.Candidates.Select(c => c.Scores));
        // A candidate's scores do not depend on the other candidates: each fold starts from the same random state.
        var alone = UnitsSearch(8).Run(x, y);
        Assert.Equal(result.Candidates[1].Scores, alone.Candidates[0].Scores);
        // Another seed gives other folds and weights.
        var other = HyperparameterSearch.Grid(XorModel, grid: new() { ["units"] = [0, 8] }, fit: QuadrantFit, folds: 3, seed: 7, verbose: 0).Run(x, y);
        Assert.NotEqual(result.Candidates.SelectMany(c => c.Scores), other.Candidates.SelectMany(c => c.Scores));
    }

    [Fact]
    public void ALossIsRankedLowestFirstAndADivergedCandidateComesLast()
    {
        var (x, y) = Line();
        var result = HyperparameterSearch.Grid(LineModel, grid: new() { ["learningRate"] = [1e-4, 0.3, 1e9] },
            fit: new FitSettings(epochs: 30, batchSize: 4), folds: 3, seed: 1, verbose: 0).Run(x, y);

        Assert.Equal("3-fold cross-validation", result.Validation);   // not a classifier: plain folds
        Assert.Equal("loss", result.Scoring);
        Assert.False(result.GreaterIsBetter);
        Assert.Equal(0.3, result.BestParameters.Double("learningRate"));
        Assert.Equal([2, 1, 3], result.Candidates.Select(c => c.Rank));
        Assert.True(result.BestScore < 0.01, $"learning rate 0.3: {result.Best}");
        Assert.True(result.Candidates[0].MeanScore > 0.1, $"learning rate 1e-4: {result.Candidates[0]}");

        var diverged = result.Candidates[2];
        Assert.All(diverged.Scores, s => Assert.True(double.IsNaN(s)));
        Assert.Equal(3, diverged.StoppedEarly);
        Assert.StartsWith("the loss became ", diverged.StopReasons[0]);
        Assert.Equal("#3 learningRate=1e+09: loss NaN (training diverged) (rank 3)", diverged.ToString());
        Assert.Equal(0, result.Candidates[1].StoppedEarly);

        var (html, text) = RendersAlike.Check(result);
        Assert.Contains("<th>note</th>", html);
        Assert.Contains($"<span title=\"{Html.Escape(diverged.StopReasons[0])}\">stopped early in 3 of 3 fits</span>", html);
        Assert.Contains("   3         1e+09  NaN (training diverged)    T s  stopped early in 3 of 3 fits", WithoutTimes(text));
        Assert.Contains("[3/3] learningRate=1e+09: loss NaN (training diverged) (T s per fit; stopped early in 3 of 3 fits)",
                        WithoutTimes(SearchViews.CandidateLine(diverged, 3)));
    }

    [Fact]
    public void AValidationSplitScoresEachCandidateOnceOnAHeldOutPart()
    {
        var (x, y) = Quadrants();
        int builds = 0;
        var result = HyperparameterSearch.Grid(p => { builds++; return XorModel(p); }, grid: new() { ["units"] = [0, 8] },
            fit: QuadrantFit, validationSplit: 0.25f, refit: false, seed: 3, verbose: 0).Run(x, y);
        Assert.Equal("a stratified 25 % validation split", result.Validation);
        Assert.Equal(2, builds);
        Assert.All(result.Candidates, c => Assert.Single(c.Scores));
        Assert.All(result.Candidates, c => Assert.Equal(0, c.StdScore));
        Assert.Equal(8, result.BestParameters.Int("units"));
        Assert.Null(result.BestModel);
        Assert.Null(result.RefitTime);
        // 15 held-out examples: scores are multiples of 1/15.
        Assert.All(result.Candidates, c => Assert.Equal(0, c.MeanScore * 15 - Math.Round(c.MeanScore * 15), 4));
    }

    [Theory]
    [InlineData("categorical_crossentropy", true)]          // one-hot labels
    [InlineData("sparse_categorical_crossentropy", false)]  // class indices
    public void FoldsAreStratifiedForEveryKindOfClassLabel(string loss, bool oneHot)
    {
        var (x, y) = Quadrants();
        var search = HyperparameterSearch.Grid(_ =>
        {
            var model = new Sequential([new Dense(2, inputShape: [2], activation: "softmax")]);
            model.Compile("adam", loss, ["accuracy"]);
            return model;
        }, grid: new() { ["units"] = [2] }, fit: new FitSettings(epochs: 1), folds: 4, refit: false, seed: 2, verbose: 0);
        var result = search.Run(x, oneHot ? Preprocessing.ToCategorical(y, 2) : y);
        Assert.Equal("stratified 4-fold cross-validation", result.Validation);
        Assert.Equal(4, result.Best.Scores.Count);
    }

    [Fact]
    public void ARandomSearchScoresItsDrawnCandidates()
    {
        var (x, y) = Line();
        var search = HyperparameterSearch.Random(LineModel, new() { ["learningRate"] = ParameterValues.LogUniform(1e-3, 0.3) }, iterations: 3,
            fit: new FitSettings(epochs: 5, batchSize: 4), folds: 2, seed: 5, verbose: 0);
        var result = search.Run(x, y);
        Assert.Equal("random search", result.Method);
        Assert.Equal(search.Candidates, result.Candidates.Select(c => c.Parameters));
        // Plain gradient descent on a line: within this range, the larger the rate the lower the loss after 5 epochs.
        var fastest = search.Candidates.MaxBy(c => c.Double("learningRate"))!;
        Assert.Same(fastest, result.BestParameters);
    }

    [Fact]
    public void TheResultsTableHasARowPerCandidateBestFirst()
    {
        var (x, y) = Quadrants();
        var result = UnitsSearch(0, 8).Run(x, y);
        var table = result.Table;
        Assert.Equal(["rank", "units", "mean_accuracy", "std_accuracy", "fold1_accuracy", "fold2_accuracy", "fold3_accuracy", "mean_fit_time"], table.ColumnNames);
        Assert.Equal(2, table.RowCount);
        Assert.Equal(["1", "2"], table["rank"].Values);
        Assert.Equal(["8", "0"], table["units"].Values);
        // Numbers to 6 significant digits.
        Assert.Equal(result.Ranked.Select(c => c.MeanScore), table["mean_accuracy"].Numbers.Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(result.Ranked.Select(c => c.Scores[2]), table["fold3_accuracy"].Numbers.Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(result.Ranked.Select(c => c.MeanFitTime.TotalSeconds), table["mean_fit_time"].Numbers.Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-5 * Math.Max(1, a));
        Assert.Equal("grid search", table.Source);
    }

    [Fact]
    public void RanksFollowScikitLearnTiesShareTheLowestAndNaNComesLast()
    {
        var p = new Hyperparameters([]);
        CandidateResult Scored(int number, double score) => new(number, p, "accuracy", [score], [TimeSpan.Zero], [null]);
        var higher = SearchResult.WithRanks([Scored(1, 0.9), Scored(2, 0.9), Scored(3, 0.8), Scored(4, double.NaN), Scored(5, 0.95)], greaterIsBetter: true);
        Assert.Equal([2, 2, 4, 5, 1], higher.Select(c => c.Rank));
        var lower = SearchResult.WithRanks([Scored(1, 0.1), Scored(2, double.NaN), Scored(3, 0.1), Scored(4, 0.3)], greaterIsBetter: false);
        Assert.Equal([1, 4, 1, 3], lower.Select(c => c.Rank));
    }

    [Fact]
    public void TheResultShowsTheRankedTableAndTheBestCandidate()
    {
        var (x, y) = Quadrants();
        var result = UnitsSearch(0, 8).Run(x, y);
        var (html, text) = RendersAlike.Check(result);
        Assert.Equal(result.ToString(), text);
        var hidden = result.Candidates[1];
        var linear = result.Candidates[0];
        string Scores(CandidateResult c) => $"{SearchViews.Number(c.MeanScore)} ± {SearchViews.Number(c.StdScore)}";
        string width = new(' ', Scores(hidden).Length - "accuracy".Length);
        Assert.Equal(
            "Grid search: 2 candidates, stratified 3-fold cross-validation (6 fits of 40 epochs, batches of 8), scored by accuracy (higher is better)\n" +
            $"rank  units  accuracy{width}  fit time\n" +
            $"   1      8  {Scores(hidden)}    T s\n" +
            $"   2      0  {Scores(linear)}    T s\n" +
            $"Best: units=8 (accuracy {Scores(hidden)}); refit on all 60 examples in T s: result.BestModel",
            WithoutTimes(text).Replace("\r\n", "\n"));

        Assert.Contains("<div class=\"ck-head\">Grid search: 2 candidates, stratified 3-fold cross-validation", html);
        Assert.Contains("<th class=\"n\">units</th><th class=\"n\">accuracy (mean ± std)</th><th class=\"n\">per fold</th><th class=\"n\">fit time</th></tr>", html);
        Assert.Contains($"<td class=\"n\"><b>1</b></td><td class=\"n\"><b>8</b></td><td class=\"n\"><b>{Scores(hidden)}</b></td>", html);
        Assert.Contains($"<td class=\"n\">2</td><td class=\"n\">0</td><td class=\"n\">{Scores(linear)}</td>", html);
        Assert.DoesNotContain("note", html);   // no fit stopped early
        Assert.Contains(string.Join(" ", hidden.Scores.Select(SearchViews.Number)), html);
        Assert.Contains("Best: units=8 (accuracy", html);
    }

    [Fact]
    public void ProgressIsALinePerCandidateOnTheConsoleAndOneGrowingTableInANotebook()
    {
        var (x, y) = Quadrants();
        var search = HyperparameterSearch.Grid(XorModel, grid: new() { ["units"] = [0, 8] }, fit: QuadrantFit, folds: 3, seed: 42);
        var console = new StringWriter();
        var original = Console.Out;
        SearchResult printed;
        Console.SetOut(console);
        try { printed = search.Run(x, y); }
        finally { Console.SetOut(original); }
        var lines = WithoutTimes(console.ToString()).Replace("\r\n", "\n").TrimEnd().Split('\n');
        string Scores(CandidateResult c) => $"{SearchViews.Number(c.MeanScore)} ± {SearchViews.Number(c.StdScore)}";
        Assert.Equal(
        [
            "Grid search: 2 candidates, stratified 3-fold cross-validation (6 fits of 40 epochs, batches of 8), scored by accuracy (higher is better)",
            $"[1/2] units=0: accuracy {Scores(printed.Candidates[0])} (T s per fit)",
            $"[2/2] units=8: accuracy {Scores(printed.Candidates[1])} (T s per fit)",
            $"Best: units=8 (accuracy {Scores(printed.Best)}); refit on all 60 examples in T s: result.BestModel",
        ], lines);

        var host = new FakeHost();
        Console.SetOut(console = new StringWriter());
        try
        {
            using (NotebookHost.Use(host.Display)) search.Run(x, y);
        }
        finally { Console.SetOut(original); }
        Assert.Equal("", console.ToString());
        Assert.IsType<SearchProgress>(Assert.Single(host.Displayed));
        var updates = host.Updates.Cast<SearchProgress>().ToList();
        Assert.Contains(updates, u => u.Running == (1, 2));
        var last = updates[^1];
        Assert.Null(last.Running);
        Assert.Equal(2, last.Finished.Count);
        var (html, text) = RendersAlike.Check(last);
        Assert.Equal(string.Join("\n", lines), WithoutTimes(text).Replace("\r\n", "\n"));
        Assert.Contains("<th>parameters</th>", html);
        Assert.Contains("<td>units=8</td>", html);

        var running = updates.First(u => u.Running == (1, 2));
        Assert.Contains("training candidate 2/2, fold 3/3…", running.ToString());
        Assert.Contains("width:83.3%", RendersAlike.Check(running).Html);   // 5 of 6 fits done

        var silent = new FakeHost();
        using (NotebookHost.Use(silent.Display))
            HyperparameterSearch.Grid(XorModel, grid: new() { ["units"] = [0] }, fit: new FitSettings(epochs: 1), folds: 2, seed: 1, verbose: 0).Run(x, y);
        Assert.Empty(silent.Displayed);
    }

    [Fact]
    public void LongSearchesShowTheLatestCandidatesAndFoldTheRest()
    {
        var p = new Hyperparameters([]);
        var finished = Enumerable.Range(1, 12).Select(n => new CandidateResult(n, p, "loss", [1.0 / n, 1.0 / n], [TimeSpan.FromSeconds(0.25)], [null])).ToList();
        var progress = new SearchProgress("Grid search: …", 30, 2, finished, (12, 0), null);
        var (html, text) = RendersAlike.Check(progress);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        Assert.Equal(["Grid search: …", "… 2 earlier candidates", "[3/30] no parameters: loss 0.3333 ± 0.0000 (0.25 s per fit)"], lines[..3]);
        Assert.Equal("training candidate 13/30, fold 1/2…", lines[^1]);
        Assert.Equal(13, lines.Length);
        Assert.Contains("<details><summary>all 12 candidates so far</summary>", html);
        Assert.Contains("… 2 earlier candidates; the latest:", html);
        Assert.Contains("width:40%", html);   // 24 of 60 fits done
    }

    [Fact]
    public void ABuildFunctionThatReusesAModelALayerOrAnOptimizerIsStopped()
    {
        var (x, y) = Quadrants();
        var grid = new SearchSpace { ["units"] = [8] };
        HyperparameterSearch Search(Func<Hyperparameters, Model> build) => HyperparameterSearch.Grid(build, grid, fit: new FitSettings(epochs: 1), folds: 2, seed: 1, verbose: 0);

        var shared = XorModel(new Hyperparameters(new Dictionary<string, object> { ["units"] = 8 }));
        var sameModel = Assert.Throws<InvalidOperationException>(() => Search(_ => shared).Run(x, y));
        Assert.Equal($"HyperparameterSearch: the build function returned the same model object (\"{shared.Name}\") twice. Every fold must start from a fresh model, " +
                     "or it would continue from the weights another fold trained; create the model inside the function (new Sequential(…)), so that each call makes new ones.",
                     sameModel.Message);

        var layer = new Dense(1, inputShape: [2], activation: "sigmoid");
        var sameLayer = Assert.Throws<InvalidOperationException>(() => Search(_ =>
        {
            var model = new Sequential([layer]);
            model.Compile("adam", "binary_crossentropy");
            return model;
        }).Run(x, y));
        Assert.StartsWith($"HyperparameterSearch: the build function returned the same layer \"{layer.Name}\" twice.", sameLayer.Message);

        var optimizer = new Adam();
        var sameOptimizer = Assert.Throws<InvalidOperationException>(() => Search(_ =>
        {
            var model = new Sequential([new Dense(1, inputShape: [2], activation: "sigmoid")]);
            model.Compile(optimizer, "binary_crossentropy");
            return model;
        }).Run(x, y));
        Assert.Contains("the same optimizer object (Adam) twice", sameOptimizer.Message);
        Assert.Contains("create the optimizer inside the function (new Adam(learningRate: …)) or pass its name (\"adam\")", sameOptimizer.Message);

        var uncompiled = Assert.Throws<InvalidOperationException>(() => Search(_ => new Sequential([new Dense(1, inputShape: [2])], name: "plain")).Run(x, y));
        Assert.Equal("HyperparameterSearch: the build function returned model \"plain\" without compiling it; call model.Compile(optimizer, loss, metrics) " +
                     "inside the function, before returning the model.", uncompiled.Message);
    }

    [Fact]
    public void RunChecksTheDataAndTheScoringName()
    {
        var (x, y) = Quadrants();
        var tooMany = Assert.Throws<ArgumentException>(() =>
            HyperparameterSearch.Grid(XorModel, grid: new() { ["units"] = [8] }, folds: 4, verbose: 0).Run(x[..3], y[..3]));
        Assert.StartsWith("HyperparameterSearch.Run: 4 folds need at least 4 examples (one per held-out fold), but there are 3 examples. " +
                          "Use at most 3 folds (3 or 5 is usual), or more data.", tooMany.Message);

        Assert.Throws<ShapeException>(() => HyperparameterSearch.Grid(XorModel, grid: new() { ["units"] = [8] }, verbose: 0).Run(x, y[..10]));

        var unknown = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid(XorModel, grid: new() { ["units"] = [0] },
            fit: new FitSettings(epochs: 1), folds: 2, scoring: "accuracyy", seed: 1, verbose: 0).Run(x, y));
        Assert.StartsWith("HyperparameterSearch: scoring \"accuracyy\" is not among what the models' Evaluate reports (loss, accuracy). Did you mean \"accuracy\"? " +
                          "Score by one of those, or add the metric to Compile's metrics inside the build function (metrics: [\"accuracy\"]).", unknown.Message);
        var sklearn = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid(LineModel, grid: new() { ["learningRate"] = [0.1] },
            fit: new FitSettings(epochs: 1), folds: 2, scoring: "neg_mean_squared_error", seed: 1, verbose: 0).Run(Line().X, Line().Y));
        Assert.Contains("scikit-learn's \"neg_…\" scorers are negated losses; here give the loss's or metric's own name (\"loss\", \"mse\", …)", sklearn.Message);

        var wrongName = Assert.Throws<KeyNotFoundException>(() =>
            HyperparameterSearch.Grid(XorModel, grid: new() { ["unit"] = [8] }, folds: 2, verbose: 0).Run(x, y));
        Assert.StartsWith("There is no hyper-parameter \"units\". Did you mean \"unit\"? This candidate has: unit=8.", wrongName.Message);
    }

    [Fact]
    public void ASearchDisplaysWhatItWillTryNotTheKernelsObjectTree()
    {
        // Without a formatter of its own, the kernel showed a search as a tree of its properties (seen in notebook 14).
        var search = HyperparameterSearch.Grid(XorModel, grid: new() { ["units"] = [4, 16], ["learningRate"] = [0.1] },
                                               fit: new FitSettings(epochs: 10), folds: 3, verbose: 0);
        var (html, text) = RendersAlike.Check(search);
        Assert.Equal("grid search of 2 candidates, 3-fold cross-validation, 10 epochs, batches of 32", text);
        Assert.Contains("Grid search of 2 candidates, 3-fold cross-validation, 10 epochs, batches of 32", html);
        Assert.Contains("<td>units=16, learningRate=0.1</td>", html);
    }

    [Fact]
    public void SearchSpacesAndValuesDisplayWithoutListingADistribution()
    {
        var space = new SearchSpace { ["units"] = [8, 16], ["learningRate"] = ParameterValues.LogUniform(1e-4, 1e-1) };
        var (html, text) = RendersAlike.Check(space);
        Assert.Equal(space.ToString(), text);
        Assert.Contains("<td>learningRate</td><td>log-uniform on [0.0001, 0.1]</td>", html);
        Assert.Equal("log-uniform on [0.0001, 0.1]", RendersAlike.Check(space["learningRate"]).Text);
    }
}
