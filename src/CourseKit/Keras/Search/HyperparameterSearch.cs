using System.Diagnostics;

namespace CourseKit;

/// <summary>
/// Finds good hyper-parameters (numbers of layers and units, learning rates, …) by training a fresh model for each
/// candidate and scoring it on data it did not train on: scikit-learn's <c>GridSearchCV</c> (<see cref="Grid(Func{Hyperparameters, Model}, SearchSpace, FitSettings?, int?, float?, string?, string, bool, int?, int)"/>)
/// and <c>RandomizedSearchCV</c> (<see cref="Random"/>) for CourseKit's Keras-like models.
/// <code>
/// Model Build(Hyperparameters p)
/// {
///     var model = new Sequential();
///     model.Add(new Dense(p.Int("units"), inputShape: [2], activation: "relu"));
///     model.Add(new Dense(1, activation: "sigmoid"));
///     model.Compile(new Adam(learningRate: p.Double("learningRate")), "binary_crossentropy", ["accuracy"]);
///     return model;
/// }
///
/// var search = HyperparameterSearch.Grid(Build,
///     grid: new() { ["units"] = [4, 16], ["learningRate"] = [1e-3, 1e-2] },
///     fit: new FitSettings(epochs: 20), folds: 3, seed: 42);
/// var result = search.Run(xTrain, yTrain);   // shows the ranked table in a notebook
/// result.BestModel.Evaluate(xTest, yTest);
/// </code>
/// </summary>
/// <remarks>
/// <para>How each candidate is scored. With <c>folds: k</c> (the default, 5, as in scikit-learn) the examples are cut
/// into k folds (<see cref="Preprocessing.KFold"/>); for each fold a new model is built, trained on the other k − 1
/// folds and scored on this one, and the candidate's score is the mean of the k scores. For classification (a
/// cross-entropy loss) the folds are stratified (<see cref="Preprocessing.StratifiedKFold"/>), so each holds the classes
/// in the proportions of the whole. Unlike scikit-learn, the examples are shuffled first (with the search's seed),
/// because course data sets are often sorted. With <c>validationSplit: 0.2</c> instead, one model per candidate is
/// trained on a random 80 % (stratified for classification) and scored on the other 20 %: k times faster, noisier.</para>
/// <para>The score is what the model's <c>Evaluate</c> reports under the name <c>scoring</c>: by default the first
/// compiled metric (accuracy, if the model was compiled with <c>["accuracy"]</c>), else the loss. Accuracies are better
/// high, losses and errors low; the search ranks them the right way round. (scikit-learn negates losses to make every
/// score "higher is better"; here the loss stays a loss.)</para>
/// <para>Every fit starts from a fresh model: the build function is called again for every fold and must create new
/// layers, a new model and a new optimizer each time. Training is reproducible: before each build the global random
/// generator is seeded from the search's seed and the fold's number, so weights and shuffles depend only on those — the
/// same candidate gets the same score whichever others are searched with it, and on a given fold every candidate starts
/// from the same random state. After the search the global generator is left seeded from the search's seed too.</para>
/// </remarks>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class HyperparameterSearch
{
    private readonly Func<Hyperparameters, Model> _build;
    private readonly string? _scoring;
    private readonly string _scoringMode;
    private readonly bool _refit;
    private readonly int _verbose;
    private readonly int _runSeed;

    private HyperparameterSearch(string method, Func<Hyperparameters, Model> build, Func<Random, IReadOnlyList<Hyperparameters>> candidates,
                                 FitSettings? fit, int? folds, float? validationSplit, string? scoring, string scoringMode, bool refit, int? seed, int verbose)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (folds is not null && validationSplit is not null)
            throw new ArgumentException($"HyperparameterSearch: give either folds ({folds}, cross-validation) or validationSplit ({Preprocessing.Number(validationSplit.Value)}, one held-out part), not both.", nameof(validationSplit));
        if (folds is < 2)
            throw new ArgumentException($"HyperparameterSearch: folds must be at least 2 (each fold is held out once while the others train), got {folds}. " +
                                        "For a single held-out part use validationSplit: 0.2.", nameof(folds));
        if (validationSplit is { } split && !(split > 0 && split < 1))
            throw new ArgumentException($"HyperparameterSearch: validationSplit must be a fraction between 0 and 1 (e.g. 0.2 to hold out 20 %), got {Preprocessing.Number(split)}.", nameof(validationSplit));
        if (verbose is < 0 or > 1)
            throw new ArgumentException($"HyperparameterSearch: verbose must be 0 (silent) or 1 (a line per candidate), got {verbose}.", nameof(verbose));
        if (scoring is not null && string.IsNullOrWhiteSpace(scoring))
            throw new ArgumentException("HyperparameterSearch: scoring is empty; give a name the model's Evaluate reports, such as \"accuracy\" or \"loss\", or leave it out.", nameof(scoring));
        if (scoring is not null) MonitorDirection.ForKnownName(scoring, scoringMode, "HyperparameterSearch", "scoringMode");   // a bad mode fails now

        var random = Randomness.NextRandom(seed);
        _runSeed = random.Next();
        Candidates = candidates(new Random(random.Next()));
        Method = method;
        _build = build;
        Fit = fit ?? new FitSettings();
        Folds = validationSplit is null ? folds ?? DefaultFolds : null;
        ValidationSplit = validationSplit;
        _scoring = scoring;
        _scoringMode = scoringMode;
        _refit = refit;
        _verbose = verbose;
    }

    /// <summary>The number of folds when neither <c>folds</c> nor <c>validationSplit</c> is given (scikit-learn's <c>cv=5</c>).</summary>
    public const int DefaultFolds = 5;

    /// <summary>
    /// A grid search (scikit-learn's <c>GridSearchCV</c>): tries every combination of the values in <paramref name="grid"/>.
    /// Two parameters with 3 and 4 values give 12 candidates, each trained once per fold.
    /// </summary>
    /// <param name="build">Makes a new, compiled model for a candidate's hyper-parameters (read them with <c>p.Int("units")</c>, …).</param>
    /// <param name="grid">Each hyper-parameter's values, as lists: <c>new() { ["units"] = [8, 16], ["learningRate"] = [1e-2, 1e-3] }</c>.
    /// The first parameter varies slowest (scikit-learn sorts the names instead; here the order is yours).</param>
    /// <param name="fit">How each model is trained (epochs, batch size, callbacks); one epoch with batches of 32 if not given.</param>
    /// <param name="folds">k-fold cross-validation with this many folds (at least 2); 5 if neither this nor <paramref name="validationSplit"/> is given.</param>
    /// <param name="validationSplit">Instead of folds: the fraction of the examples held out (once) to score each candidate.</param>
    /// <param name="scoring">The number the candidates are ranked by, as the model's <c>Evaluate</c> names it ("accuracy",
    /// "loss", "mae", …); by default the first compiled metric, or the loss if there is none.</param>
    /// <param name="scoringMode">"auto" (accuracies are better high, losses and errors low), or "max" / "min" for a
    /// metric whose name does not say.</param>
    /// <param name="refit">Train the best candidate again on all the examples, as <see cref="SearchResult.BestModel"/> (the default, as in scikit-learn).</param>
    /// <param name="seed">Makes the folds and every model's training reproducible; without it the global generator
    /// (<see cref="Tensor.SetRandomSeed"/>) decides.</param>
    /// <param name="verbose">1 (the default): a line per candidate, or in a notebook a table that grows as candidates
    /// finish; 0: silent.</param>
    /// <exception cref="ArgumentException">The grid is empty, a parameter has no values or a continuous distribution,
    /// both <paramref name="folds"/> and <paramref name="validationSplit"/> are given, or a number is out of range.</exception>
    public static HyperparameterSearch Grid(Func<Hyperparameters, Model> build, SearchSpace grid, FitSettings? fit = null, int? folds = null,
                                            float? validationSplit = null, string? scoring = null, string scoringMode = "auto",
                                            bool refit = true, int? seed = null, int verbose = 1)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return Grid(build, [grid], fit, folds, validationSplit, scoring, scoringMode, refit, seed, verbose);
    }

    /// <summary>
    /// A grid search over several grids, one after the other (scikit-learn's list of dicts), for parameters that only
    /// make sense together: <c>grids: [new() { ["optimizer"] = ["sgd"], ["momentum"] = [0.0, 0.9] }, new() { ["optimizer"] = ["adam"] }]</c>.
    /// The other arguments are those of the single-grid overload.
    /// </summary>
    public static HyperparameterSearch Grid(Func<Hyperparameters, Model> build, IReadOnlyList<SearchSpace> grids, FitSettings? fit = null, int? folds = null,
                                            float? validationSplit = null, string? scoring = null, string scoringMode = "auto",
                                            bool refit = true, int? seed = null, int verbose = 1)
    {
        var candidates = CandidateLists.Grid(grids);
        return new("grid search", build, _ => candidates, fit, folds, validationSplit, scoring, scoringMode, refit, seed, verbose);
    }

    /// <summary>
    /// A random search (scikit-learn's <c>RandomizedSearchCV</c>): tries <paramref name="iterations"/> candidates, each
    /// hyper-parameter drawn from its list (every value equally likely) or distribution
    /// (<see cref="ParameterValues.LogUniform"/>, <see cref="ParameterValues.Integers"/>, …). With a budget of n fits it
    /// tries n different values of every parameter, where a grid tries only a few of each; it is usually the better
    /// use of the time when some parameters matter much more than others. If every parameter is a list, the candidates
    /// are distinct combinations. The same seed draws the same candidates.
    /// </summary>
    /// <param name="space">Each hyper-parameter's values or distribution: <c>new() { ["units"] = ParameterValues.Integers(4, 64), ["learningRate"] = ParameterValues.LogUniform(1e-4, 1e-1) }</c>.</param>
    /// <param name="iterations">How many candidates to draw and try (scikit-learn's <c>n_iter</c>), at least 1.</param>
    /// <param name="build">Makes a new, compiled model for a candidate's hyper-parameters.</param>
    /// <param name="fit">How each model is trained.</param>
    /// <param name="folds">k-fold cross-validation with this many folds; 5 if neither this nor <paramref name="validationSplit"/> is given.</param>
    /// <param name="validationSplit">Instead of folds: the fraction of the examples held out (once) to score each candidate.</param>
    /// <param name="scoring">The number the candidates are ranked by; by default the first compiled metric, else the loss.</param>
    /// <param name="scoringMode">"auto", "max" or "min": whether a higher score is better.</param>
    /// <param name="refit">Train the best candidate again on all the examples.</param>
    /// <param name="seed">Makes the candidates drawn, the folds and every model's training reproducible.</param>
    /// <param name="verbose">1: a line per candidate (a growing table in a notebook); 0: silent.</param>
    /// <exception cref="ArgumentException"><paramref name="iterations"/> is below 1, the space is empty or has an empty list,
    /// or an argument is out of range (see the grid search).</exception>
    public static HyperparameterSearch Random(Func<Hyperparameters, Model> build, SearchSpace space, int iterations, FitSettings? fit = null, int? folds = null,
                                              float? validationSplit = null, string? scoring = null, string scoringMode = "auto",
                                              bool refit = true, int? seed = null, int verbose = 1)
    {
        ArgumentNullException.ThrowIfNull(space);
        return new("random search", build, random => CandidateLists.Random(space, iterations, random), fit, folds, validationSplit,
                   scoring, scoringMode, refit, seed, verbose);
    }

    /// <summary>"grid search" or "random search".</summary>
    public string Method { get; }

    /// <summary>The candidates, in the order they will be tried.</summary>
    public IReadOnlyList<Hyperparameters> Candidates { get; }

    /// <summary>How each model is trained.</summary>
    public FitSettings Fit { get; }

    /// <summary>The number of cross-validation folds, or null with a validation split.</summary>
    public int? Folds { get; }

    /// <summary>The fraction held out to score candidates, or null with cross-validation.</summary>
    public float? ValidationSplit { get; }

    /// <summary>
    /// Tries every candidate on <paramref name="x"/> and <paramref name="y"/> (scikit-learn's <c>search.fit(X, y)</c>)
    /// and returns the ranked results with the best model refit on all of them. Pass training data only: keep a test
    /// set aside to judge the chosen model, since the best score was picked for being best and flatters it.
    /// </summary>
    /// <exception cref="ArgumentException">More folds than examples, a scoring name the models do not report, or a
    /// build function that returns an uncompiled model or reuses a model, layer or optimizer.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> and <paramref name="y"/> have different numbers of examples.</exception>
    public SearchResult Run(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Preprocessing.CheckSameExamples("HyperparameterSearch.Run", x, y);
        int examples = x.ShapeView[0];
        int foldCount = Folds ?? 1;
        if (Folds is { } k && k > examples)
            throw new ArgumentException($"HyperparameterSearch.Run: {k} folds need at least {k} examples (one per held-out fold), but there are {FormatText.Plural(examples, "example")}. " +
                                        $"Use at most {examples} folds (3 or 5 is usual), or more data.", nameof(x));

        var seeds = new Random(_runSeed);
        int splitSeed = seeds.Next();
        var foldSeeds = Enumerable.Range(0, foldCount).Select(_ => seeds.Next()).ToArray();
        int refitSeed = seeds.Next(), afterSeed = seeds.Next();

        var builder = new FreshModels(_build);
        var first = FreshModel(builder, Candidates[0], foldSeeds[0]);
        bool classifier = first.Losses.Count > 0 && first.Losses[0] is BinaryCrossentropy or CategoricalCrossentropy or SparseCategoricalCrossentropy;
        string scoring = _scoring ?? first.FreshMetrics().Select(m => m.Name).FirstOrDefault() ?? "loss";
        bool greaterIsBetter = MonitorDirection.ForKnownName(scoring, _scoringMode, "HyperparameterSearch", "scoringMode").Maximize;
        var (splits, validation) = Splits(examples, classifier ? y : null, splitSeed);

        var log = new SearchLog(_verbose, Candidates.Count, foldCount,
            Interactive.SearchViews.Heading(Method, Candidates.Count, validation, foldCount, Fit, scoring, greaterIsBetter));
        var results = new List<CandidateResult>();
        for (int c = 0; c < Candidates.Count; c++)
        {
            var scores = new double[foldCount];
            var times = new TimeSpan[foldCount];
            var stops = new string?[foldCount];
            for (int f = 0; f < foldCount; f++)
            {
                log.Running(c, f);
                var model = c == 0 && f == 0 ? first : FreshModel(builder, Candidates[c], foldSeeds[f]);
                (scores[f], times[f], stops[f]) = TrainAndScore(model, splits[f], x, y, scoring);
            }
            results.Add(new CandidateResult(c + 1, Candidates[c], scoring, scores, times, stops));
            log.Finished(results[^1]);
        }

        var ranked = SearchResult.WithRanks(results, greaterIsBetter);
        var best = SearchResult.InRankOrder(ranked)[0];
        if (double.IsNaN(best.MeanScore))
            Warnings.Write($"HyperparameterSearch: training diverged for every candidate (the loss became NaN or infinite), so there is no best one. " +
                           "Try smaller learning rates.");
        Model? bestModel = null;
        TimeSpan? refitTime = null;
        if (_refit)
        {
            log.Refitting(best, examples);
            bestModel = FreshModel(builder, best.Parameters, refitSeed);
            var clock = Stopwatch.StartNew();
            Fit.Fit(bestModel, x, y);
            refitTime = clock.Elapsed;
        }
        Tensor.SetRandomSeed(afterSeed);
        var searchResult = new SearchResult(Method, validation, Fit, examples, scoring, greaterIsBetter, ranked, bestModel, refitTime);
        log.Done(searchResult);
        return searchResult;
    }

    /// <summary>"grid search of 4 candidates, 5-fold cross-validation, 20 epochs, batches of 32".</summary>
    public override string ToString() =>
        $"{Method} of {FormatText.Plural(Candidates.Count, "candidate")}, " +
        (Folds is { } k ? $"{k}-fold cross-validation" : $"a {Preprocessing.Number(ValidationSplit!.Value * 100.0)} % validation split") + $", {Fit}";

    /// <summary>A new model for <paramref name="parameters"/>, its weights drawn after seeding the global generator
    /// with <paramref name="seed"/> (the fold's, or the refit's), so that its training is reproducible too.</summary>
    private static Model FreshModel(FreshModels builder, Hyperparameters parameters, int seed)
    {
        Tensor.SetRandomSeed(seed);
        return builder.Build(parameters);
    }

    /// <summary>Trains a fresh model on the fold's training part and scores it on its held-out part; a fit whose loss
    /// became NaN or infinite scores NaN (scikit-learn's <c>error_score=nan</c>), whatever its accuracy happens to be.</summary>
    private (double Score, TimeSpan Time, string? StopReason) TrainAndScore(Model model, Fold fold, Tensor x, Tensor y, string scoring)
    {
        var (xTrain, xTest, yTrain, yTest) = fold.Split(x, y);
        try
        {
            var clock = Stopwatch.StartNew();
            var history = Fit.Fit(model, xTrain, yTrain);
            var time = clock.Elapsed;
            if (history.History.TryGetValue("loss", out var losses) && losses.Count > 0 && !float.IsFinite(losses[^1]))
                return (double.NaN, time, history.StopReason);
            var evaluation = model.Evaluate(xTest, yTest, batchSize: Fit.BatchSize);
            if (!evaluation.TryGetValue(scoring, out float score)) throw UnknownScoring(scoring, evaluation.Keys);
            return (score, time, history.StopReason);
        }
        finally
        {
            foreach (var part in new[] { xTrain, xTest, yTrain, yTest }) part.Dispose();
        }
    }

    /// <summary>The folds (or the single hold-out split) and how they are described: stratified when
    /// <paramref name="classes"/> (the targets of a classifier) are given.</summary>
    private (IReadOnlyList<Fold> Splits, string Description) Splits(int examples, Tensor? classes, int seed)
    {
        string stratified = classes is null ? "" : "stratified ";
        if (Folds is { } k)
        {
            var folds = classes is null ? Preprocessing.KFold(examples, k, seed) : Preprocessing.StratifiedKFold(classes, k, seed);
            return (folds, $"{stratified}{k}-fold cross-validation");
        }
        float split = ValidationSplit!.Value;
        var (train, test) = Preprocessing.SplitIndices("HyperparameterSearch.Run", "validationSplit", "validation", examples, split, classes, shuffle: true, seed);
        Array.Sort(train);
        Array.Sort(test);
        return ([new Fold(1, train, test)], $"a {stratified}{Preprocessing.Number(split * 100.0)} % validation split");
    }

    private static ArgumentException UnknownScoring(string scoring, IEnumerable<string> reported)
    {
        var names = reported.ToList();
        string sklearn = scoring.StartsWith("neg_", StringComparison.Ordinal)
            ? " scikit-learn's \"neg_…\" scorers are negated losses; here give the loss's or metric's own name (\"loss\", \"mse\", …): the search ranks lower values as better."
            : NameLookup.DidYouMean(scoring, names);
        return new ArgumentException($"HyperparameterSearch: scoring \"{scoring}\" is not among what the models' Evaluate reports ({string.Join(", ", names)}).{sklearn} " +
                                     "Score by one of those, or add the metric to Compile's metrics inside the build function (metrics: [\"accuracy\"]).", "scoring");
    }
}
