namespace CourseKit;

/// <summary>
/// How one candidate of a <see cref="HyperparameterSearch"/> did: its score on each fold's held-out part, their mean
/// and spread, its rank among the candidates and how long a fit took (a row of scikit-learn's <c>cv_results_</c>).
/// </summary>
public sealed class CandidateResult
{
    internal CandidateResult(int number, Hyperparameters parameters, string scoring, IReadOnlyList<double> scores, IReadOnlyList<TimeSpan> fitTimes,
                             IReadOnlyList<string?> stopReasons, int rank = 0)
    {
        Number = number;
        Scoring = scoring;
        Parameters = parameters;
        Scores = scores;
        FitTimes = fitTimes;
        StopReasons = stopReasons;
        Rank = rank;
        MeanScore = scores.Average();
        StdScore = Math.Sqrt(scores.Average(s => (s - MeanScore) * (s - MeanScore)));
        MeanFitTime = TimeSpan.FromTicks((long)fitTimes.Average(t => t.Ticks));
    }

    /// <summary>The candidate's place in the search's list of candidates, counted from 1 (the order they were tried).</summary>
    public int Number { get; }

    /// <summary>The hyper-parameters this candidate tried.</summary>
    public Hyperparameters Parameters { get; }

    /// <summary>What the scores measure: "accuracy", "loss", … (see <see cref="SearchResult.Scoring"/>).</summary>
    public string Scoring { get; }

    /// <summary>The score on each fold's held-out part, fold by fold (one score with a validation split). NaN where
    /// training diverged (the loss became NaN or infinite).</summary>
    public IReadOnlyList<double> Scores { get; }

    /// <summary>The mean of <see cref="Scores"/> (scikit-learn's <c>mean_test_score</c>); what candidates are ranked by.</summary>
    public double MeanScore { get; }

    /// <summary>The standard deviation of <see cref="Scores"/> (dividing by the number of folds, as NumPy's <c>std</c>
    /// does): how much the score depends on which examples were held out. Candidates whose means differ by less than
    /// this are not clearly different.</summary>
    public double StdScore { get; }

    /// <summary>1 for the best candidate, 2 for the next, …; equal means share a rank, and candidates whose training
    /// diverged come last (scikit-learn's <c>rank_test_score</c>).</summary>
    public int Rank { get; }

    /// <summary>How long each fold's Fit took.</summary>
    public IReadOnlyList<TimeSpan> FitTimes { get; }

    /// <summary>The average time of one Fit (scikit-learn's <c>mean_fit_time</c>).</summary>
    public TimeSpan MeanFitTime { get; }

    /// <summary>Why training stopped early in each fold (a NaN loss, saturated outputs, a callback), or null where it
    /// ran all its epochs.</summary>
    public IReadOnlyList<string?> StopReasons { get; }

    /// <summary>How many folds stopped early.</summary>
    public int StoppedEarly => StopReasons.Count(r => r is not null);

    /// <summary>"#3 units=8, learningRate=0.01: accuracy 0.9750 ± 0.0250 (rank 1)".</summary>
    public override string ToString() => $"#{Number} {Parameters}: {Scoring} {Interactive.SearchViews.MeanAndStd(this)}" + (Rank > 0 ? $" (rank {Rank})" : "");

    internal CandidateResult WithRank(int rank) => new(Number, Parameters, Scoring, Scores, FitTimes, StopReasons, rank);
}
