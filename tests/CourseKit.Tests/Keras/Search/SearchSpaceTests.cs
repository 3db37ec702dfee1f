using CourseKit.Tests.Keras.Models;

namespace CourseKit.Tests.Keras.Search;

/// <summary>
/// The candidates a search tries, without training anything: grid order and count, random draws that follow the seed,
/// typed access to the values, and errors for search spaces that cannot work.
/// </summary>
[Collection(KerasCollection.Name)]
public class SearchSpaceTests
{
    private static Model Unused(Hyperparameters p) => throw new InvalidOperationException("no model is built in these tests");

    private static List<string> Listed(HyperparameterSearch search) => search.Candidates.Select(c => c.ToString()).ToList();

    [Fact]
    public void AGridTriesEveryCombinationWithTheLastParameterFastest()
    {
        var search = HyperparameterSearch.Grid(Unused, grid: new()
        {
            ["units"] = [1, 2, 3],
            ["learningRate"] = [0.1, 0.01],
            ["activation"] = ["relu"],
        });
        Assert.Equal(
        [
            "units=1, learningRate=0.1, activation=relu", "units=1, learningRate=0.01, activation=relu",
            "units=2, learningRate=0.1, activation=relu", "units=2, learningRate=0.01, activation=relu",
            "units=3, learningRate=0.1, activation=relu", "units=3, learningRate=0.01, activation=relu",
        ], Listed(search));
        Assert.Equal("grid search", search.Method);
        Assert.Equal(HyperparameterSearch.DefaultFolds, search.Folds);
        Assert.Null(search.ValidationSplit);
        Assert.Equal(["units", "learningRate", "activation"], search.Candidates[0].Keys);
        Assert.Equal("grid search of 6 candidates, 5-fold cross-validation, 1 epoch, batches of 32", search.ToString());
        Assert.Equal("random search of 2 candidates, a 20 % validation split, 3 epochs, batches of 32",
                     HyperparameterSearch.Random(Unused, new() { ["units"] = [8, 16] }, iterations: 2, fit: new FitSettings(epochs: 3), validationSplit: 0.2f).ToString());
    }

    [Fact]
    public void SeveralGridsAreTriedOneAfterTheOther()
    {
        var search = HyperparameterSearch.Grid(Unused, grids:
        [
            new() { ["optimizer"] = ["sgd"], ["momentum"] = [0.0, 0.9] },
            new() { ["optimizer"] = ["adam"] },
        ]);
        Assert.Equal(["optimizer=sgd, momentum=0", "optimizer=sgd, momentum=0.9", "optimizer=adam"], Listed(search));
    }

    [Fact]
    public void IntegersAreListedInAGridWithBothEndsIncluded()
    {
        var search = HyperparameterSearch.Grid(Unused, grid: new() { ["layers"] = ParameterValues.Integers(1, 3) });
        Assert.Equal(["layers=1", "layers=2", "layers=3"], Listed(search));
    }

    [Fact]
    public void ARandomSearchDrawsTheSameCandidatesForTheSameSeed()
    {
        var space = new SearchSpace
        {
            ["units"] = ParameterValues.Integers(4, 8),
            ["learningRate"] = ParameterValues.LogUniform(1e-4, 1e-1),
            ["dropout"] = ParameterValues.Uniform(0.1, 0.5),
            ["activation"] = ["relu", "tanh"],
        };
        var search = HyperparameterSearch.Random(Unused, space, iterations: 200, seed: 42);
        Assert.Equal("random search", search.Method);
        Assert.Equal(200, search.Candidates.Count);
        Assert.Equal(Listed(search), Listed(HyperparameterSearch.Random(Unused, space, iterations: 200, seed: 42)));
        Assert.NotEqual(Listed(search), Listed(HyperparameterSearch.Random(Unused, space, iterations: 200, seed: 43)));

        var units = search.Candidates.Select(c => c.Int("units")).ToList();
        Assert.Equal([4, 5, 6, 7, 8], units.Distinct().Order());           // both ends drawn, nothing outside
        var rates = search.Candidates.Select(c => c.Double("learningRate")).ToList();
        Assert.All(rates, r => Assert.InRange(r, 1e-4, 1e-1));
        // Log-uniform: each factor of ten gets about a third of the draws (uniform would put 90 % above 0.01).
        foreach (var (low, high) in new[] { (1e-4, 1e-3), (1e-3, 1e-2), (1e-2, 1e-1) })
            Assert.InRange(rates.Count(r => r >= low && r < high), 40, 95);
        Assert.All(search.Candidates, c => Assert.InRange(c.Double("dropout"), 0.1, 0.5));
        Assert.Equal(["relu", "tanh"], search.Candidates.Select(c => c.String("activation")).Distinct().Order());

        // Without a seed the global generator decides.
        Tensor.SetRandomSeed(9);
        var first = Listed(HyperparameterSearch.Random(Unused, space, iterations: 5));
        Tensor.SetRandomSeed(9);
        Assert.Equal(first, Listed(HyperparameterSearch.Random(Unused, space, iterations: 5)));
    }

    [Fact]
    public void ARandomSearchOverListsDrawsDistinctCombinationsAndAtMostAllOfThem()
    {
        var space = new SearchSpace { ["units"] = [4, 8, 16], ["learningRate"] = [0.1, 0.01] };
        var some = HyperparameterSearch.Random(Unused, space, iterations: 4, seed: 1);
        Assert.Equal(4, Listed(some).Distinct().Count());

        using var warnings = Warnings.Capture();
        var all = HyperparameterSearch.Random(Unused, space, iterations: 10, seed: 1);
        Assert.Equal(6, all.Candidates.Count);
        Assert.Equal(Listed(HyperparameterSearch.Grid(Unused, space)).Order(), Listed(all).Order());
        Assert.Equal("Warning: HyperparameterSearch.Random: the search space has only 6 combinations, fewer than the 10 iterations asked for; trying each once. " +
                     "(A grid search would try them in order; a distribution such as ParameterValues.LogUniform gives more.)" + Environment.NewLine, warnings.Text);
    }

    [Fact]
    public void TheBuildFunctionReadsValuesByNameAndType()
    {
        var p = new Hyperparameters(new Dictionary<string, object> { ["units"] = 8, ["learningRate"] = 0.1f, ["activation"] = "relu", ["batchNorm"] = true });
        Assert.Equal(8, p.Int("units"));
        Assert.Equal(8.0, p.Double("units"));
        Assert.Equal(0.1, p.Double("learningRate"));   // the float 0.1f read as the 0.1 that was written
        Assert.Equal(0.1f, p.Float("learningRate"));
        Assert.Equal("relu", p.String("activation"));
        Assert.True(p.Bool("batchNorm"));
        Assert.Equal("relu", p.Get<string>("activation"));
        Assert.Equal("units=8, learningRate=0.1, activation=relu, batchNorm=true", p.ToString());

        var missing = Assert.Throws<KeyNotFoundException>(() => p.Int("unit"));
        Assert.Equal("There is no hyper-parameter \"unit\". Did you mean \"units\"? This candidate has: units=8, learningRate=0.1, activation=relu, batchNorm=true. " +
                     "Use the names of the search space (names are case-sensitive).", missing.Message);
        var notWhole = Assert.Throws<InvalidCastException>(() => p.Int("learningRate"));
        Assert.Equal("Hyper-parameter \"learningRate\" is 0.1 (a float), not a whole number (int): write whole numbers without a decimal point: [8, 16] in the search space, " +
                     "or read it with the matching method (Int, Double, Float, String, Bool or Get<T>).", notWhole.Message);
        Assert.Throws<InvalidCastException>(() => p.Double("activation"));
        Assert.Throws<InvalidCastException>(() => p.String("units"));
        Assert.Throws<InvalidCastException>(() => p.Bool("units"));
    }

    [Fact]
    public void SearchSpacesThatCannotWorkAreRejectedWithTheFix()
    {
        var empty = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid(Unused, grid: new()));
        Assert.StartsWith("HyperparameterSearch.Grid: the search space is empty; name at least one parameter with its values, e.g. new() { [\"units\"] = [8, 16] }.", empty.Message);
        var noGrids = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid(Unused, grids: []));
        Assert.StartsWith("HyperparameterSearch.Grid: the list of grids is empty", noGrids.Message);
        var noValues = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid(Unused, grid: new() { ["units"] = [] }));
        Assert.StartsWith("HyperparameterSearch.Grid: \"units\" has an empty list of values; give at least one, e.g. [\"units\"] = [8, 16].", noValues.Message);
        var continuous = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid(Unused, grid: new() { ["learningRate"] = ParameterValues.LogUniform(1e-4, 1e-1) }));
        Assert.StartsWith("HyperparameterSearch.Grid: \"learningRate\" is a log-uniform on [0.0001, 0.1] distribution, with infinitely many values; a grid tries every value, " +
                          "so give a list such as [0.001, 0.01, 0.1], or draw from the distribution with HyperparameterSearch.Random(…, iterations: 20).", continuous.Message);
        var huge = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid(Unused, grid: new()
            { ["a"] = ParameterValues.Integers(1, 1000), ["b"] = ParameterValues.Integers(1, 1000) }));
        Assert.StartsWith("HyperparameterSearch.Grid: the grid has 1,000,000 combinations", huge.Message);

        var noIterations = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Random(Unused, new() { ["units"] = [8] }, iterations: 0));
        Assert.StartsWith("HyperparameterSearch.Random: iterations must be at least 1 (how many candidates to draw), got 0.", noIterations.Message);
        var emptySpace = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Random(Unused, new(), iterations: 3));
        Assert.StartsWith("HyperparameterSearch.Random: the search space is empty", emptySpace.Message);

        var both = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid(Unused, grid: new() { ["units"] = [8] }, folds: 3, validationSplit: 0.2f));
        Assert.StartsWith("HyperparameterSearch: give either folds (3, cross-validation) or validationSplit (0.2, one held-out part), not both.", both.Message);
        var oneFold = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid(Unused, grid: new() { ["units"] = [8] }, folds: 1));
        Assert.StartsWith("HyperparameterSearch: folds must be at least 2 (each fold is held out once while the others train), got 1. " +
                          "For a single held-out part use validationSplit: 0.2.", oneFold.Message);
        var split = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid(Unused, grid: new() { ["units"] = [8] }, validationSplit: 1.5f));
        Assert.StartsWith("HyperparameterSearch: validationSplit must be a fraction between 0 and 1 (e.g. 0.2 to hold out 20 %), got 1.5.", split.Message);
        var mode = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid(Unused, grid: new() { ["units"] = [8] }, scoring: "f2", scoringMode: "bigger"));
        Assert.StartsWith("HyperparameterSearch: scoringMode must be \"auto\", \"min\" or \"max\", got \"bigger\".", mode.Message);
        var unknownDirection = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Grid(Unused, grid: new() { ["units"] = [8] }, scoring: "kappa"));
        Assert.Contains("cannot tell whether \"kappa\" should go down or up; For another name pass scoringMode: \"min\" (lower is better) or scoringMode: \"max\" (higher is better).",
                        unknownDirection.Message);

        Assert.Throws<ArgumentException>(() => new FitSettings(epochs: 0));
        Assert.Throws<ArgumentException>(() => ParameterValues.LogUniform(0, 1));
        Assert.Throws<ArgumentException>(() => ParameterValues.Uniform(1, 1));
        Assert.Throws<ArgumentException>(() => ParameterValues.Integers(3, 1));
        var twice = Assert.Throws<ArgumentException>(() => new SearchSpace { { "units", [8] }, { "units", [16] } });
        Assert.StartsWith("The search space already has a parameter \"units\"; give each parameter once.", twice.Message);
    }

    [Fact]
    public void ValuesAndSpacesDescribeThemselves()
    {
        var space = new SearchSpace
        {
            ["units"] = [16, 32],
            ["learningRate"] = ParameterValues.LogUniform(1e-4, 0.1),
            ["dropout"] = ParameterValues.Uniform(0, 0.5),
            ["layers"] = ParameterValues.Integers(1, 3),
        };
        Assert.Equal("units: [16, 32]; learningRate: log-uniform on [0.0001, 0.1]; dropout: uniform on [0, 0.5]; layers: the whole numbers 1 to 3", space.ToString());
        space["units"] = [64];   // replaces the values, keeps the place
        Assert.Equal(["units", "learningRate", "dropout", "layers"], space.Names);
        Assert.Equal("[64]", space["units"].ToString());
        var unknown = Assert.Throws<KeyNotFoundException>(() => space["unit"]);
        Assert.Equal("The search space has no parameter \"unit\". Did you mean \"units\"? Its parameters are: units, learningRate, dropout, layers.", unknown.Message);
        var listing = Assert.Throws<InvalidOperationException>(() => space["dropout"].ToList());
        Assert.Equal("A uniform on [0, 0.5] distribution has infinitely many values; it can be sampled, not listed.", listing.Message);
        Assert.Equal([1, 2, 3], space["layers"].Cast<int>());
    }
}
