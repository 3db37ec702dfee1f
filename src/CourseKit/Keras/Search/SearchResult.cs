using System.Globalization;

namespace CourseKit;

/// <summary>
/// What a <see cref="HyperparameterSearch"/> found (scikit-learn's fitted <c>GridSearchCV</c>): every candidate's
/// scores, ranked; the best hyper-parameters and their score; and the best model, trained again on all the data.
/// Show it in a notebook for the ranked table, or read it in code:
/// <code>
/// var result = search.Run(x, y);
/// result.BestParameters        // units=32, learningRate=0.01
/// result.BestScore             // the best mean score on the held-out folds
/// result.BestModel.Predict(x)  // the best configuration, trained on all of x
/// result.Table                 // every candidate as a table, best first
/// </code>
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class SearchResult
{
    private Table? _table;

    internal SearchResult(string method, string validation, FitSettings fit, int examples, string scoring, bool greaterIsBetter,
                          IReadOnlyList<CandidateResult> candidates, Model? bestModel, TimeSpan? refitTime)
    {
        Method = method;
        Validation = validation;
        Fit = fit;
        Examples = examples;
        Scoring = scoring;
        GreaterIsBetter = greaterIsBetter;
        Candidates = candidates;
        Ranked = InRankOrder(candidates);
        Best = Ranked[0];
        BestModel = bestModel;
        RefitTime = refitTime;
    }

    /// <summary>"grid search" or "random search".</summary>
    public string Method { get; }

    /// <summary>How each candidate was scored: "stratified 5-fold cross-validation", "3-fold cross-validation" or
    /// "a stratified 20 % validation split".</summary>
    public string Validation { get; }

    /// <summary>How every model was trained.</summary>
    public FitSettings Fit { get; }

    /// <summary>How many examples the search was given (all of them are used to refit the best model).</summary>
    public int Examples { get; }

    /// <summary>What the scores measure: a name the models' <c>Evaluate</c> reports, such as "accuracy" or "loss".</summary>
    public string Scoring { get; }

    /// <summary>Whether a higher score is better (accuracy) or a lower one (a loss or an error).</summary>
    public bool GreaterIsBetter { get; }

    /// <summary>Every candidate, in the order they were tried.</summary>
    public IReadOnlyList<CandidateResult> Candidates { get; }

    /// <summary>Every candidate, best first (by <see cref="CandidateResult.Rank"/>, then in the order tried).</summary>
    public IReadOnlyList<CandidateResult> Ranked { get; }

    /// <summary>The best candidate (rank 1; the first tried among equals), scikit-learn's <c>best_index_</c>.</summary>
    public CandidateResult Best { get; }

    /// <summary>The best hyper-parameters (scikit-learn's <c>best_params_</c>).</summary>
    public Hyperparameters BestParameters => Best.Parameters;

    /// <summary>The best candidate's mean score on the held-out folds (scikit-learn's <c>best_score_</c>). It is a
    /// little optimistic: it was chosen for being the best, so judge the final model on a test set the search never saw.</summary>
    public double BestScore => Best.MeanScore;

    /// <summary>A new model with the best hyper-parameters, trained on all the examples the search was given
    /// (scikit-learn's <c>best_estimator_</c>); null when the search ran with <c>refit: false</c>.</summary>
    public Model? BestModel { get; }

    /// <summary>How long training <see cref="BestModel"/> took (scikit-learn's <c>refit_time_</c>); null without refit.</summary>
    public TimeSpan? RefitTime { get; }

    /// <summary>
    /// Every candidate as a table, best first (scikit-learn's <c>cv_results_</c>): columns <c>rank</c>, one per
    /// hyper-parameter, <c>mean_{scoring}</c>, <c>std_{scoring}</c>, with cross-validation <c>fold1_{scoring}</c>, …,
    /// and <c>mean_fit_time</c> in seconds. <c>result.Table["mean_accuracy"].Numbers</c> gives a column's numbers.
    /// </summary>
    public Table Table => _table ??= MakeTable();

    /// <summary>A heading, the ranked candidates (the first <see cref="Interactive.SearchViews.ShownRows"/>) and the best one.</summary>
    public override string ToString() => Interactive.SearchViews.ResultText(this);

    private Table MakeTable()
    {
        var names = Candidates.SelectMany(c => c.Parameters.Keys).Distinct().ToList();
        int folds = Candidates[0].Scores.Count;
        var scores = new List<TableColumn>
        {
            Column($"mean_{Scoring}", c => Number(c.MeanScore)),
            Column($"std_{Scoring}", c => Number(c.StdScore)),
        };
        if (folds > 1)
            for (int f = 0; f < folds; f++)
            {
                int fold = f;
                scores.Add(Column($"fold{fold + 1}_{Scoring}", c => Number(c.Scores[fold])));
            }
        scores.Add(Column("mean_fit_time", c => Number(c.MeanFitTime.TotalSeconds)));
        var taken = scores.Select(c => c.Name).Append("rank").ToHashSet();
        var parameters = names.Select(name => Column(taken.Contains(name) ? "param_" + name : name,   // as scikit-learn names them all
                                                     c => c.Parameters.TryGetValue(name, out var v) ? ParameterValues.Format(v) : ""));
        return new Table(Method, [Column("rank", c => c.Rank.ToString(CultureInfo.InvariantCulture)), .. parameters, .. scores]);
    }

    private TableColumn Column(string name, Func<CandidateResult, string> cell) => new(name, Ranked.Select(cell).ToArray());

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e");

    /// <summary>Best first: by rank, equal ranks in the order tried (so the first is scikit-learn's <c>best_index_</c>).</summary>
    internal static IReadOnlyList<CandidateResult> InRankOrder(IEnumerable<CandidateResult> ranked) =>
        ranked.OrderBy(c => c.Rank).ThenBy(c => c.Number).ToList();

    /// <summary>
    /// The candidates with their ranks (scikit-learn's rule): the best mean gets 1, equal means share the lowest rank
    /// among them (0.9, 0.9, 0.8 are ranked 1, 1, 3), and candidates with a NaN mean share the last rank.
    /// </summary>
    internal static IReadOnlyList<CandidateResult> WithRanks(IReadOnlyList<CandidateResult> candidates, bool greaterIsBetter)
    {
        double Key(CandidateResult c) => greaterIsBetter ? -c.MeanScore : c.MeanScore;   // smaller is better
        var finite = candidates.Where(c => !double.IsNaN(c.MeanScore)).Select(Key).ToList();
        return candidates.Select(c => c.WithRank(double.IsNaN(c.MeanScore)
            ? finite.Count + 1
            : 1 + finite.Count(other => other < Key(c)))).ToList();
    }
}
