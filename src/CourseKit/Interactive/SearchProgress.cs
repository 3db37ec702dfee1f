using System.Globalization;
using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// What a notebook shows while a <see cref="HyperparameterSearch"/> runs: a row per finished candidate with its score,
/// and the candidate and fold under way. The search shows one of these and replaces it with a newer one as it goes;
/// each one is a snapshot that never changes.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]
public sealed class SearchProgress
{
    internal SearchProgress(string heading, int candidates, int folds, IReadOnlyList<CandidateResult> finished,
                            (int Candidate, int Fold)? running, string? last)
    {
        Heading = heading;
        CandidateCount = candidates;
        Folds = folds;
        Finished = finished;
        Running = running;
        Last = last;
    }

    /// <summary>What is searched, how candidates are scored and by what.</summary>
    public string Heading { get; }

    /// <summary>How many candidates the search tries.</summary>
    public int CandidateCount { get; }

    /// <summary>Fits per candidate: the number of folds, or 1 with a validation split.</summary>
    public int Folds { get; }

    /// <summary>The candidates done so far, in the order tried.</summary>
    public IReadOnlyList<CandidateResult> Finished { get; }

    /// <summary>The candidate and fold being trained (both counted from 0), or null between and after them.</summary>
    public (int Candidate, int Fold)? Running { get; }

    /// <summary>The refit of the best candidate under way, or the best candidate once the search is over; null before.</summary>
    public string? Last { get; }

    /// <summary>The heading, a line per finished candidate, the one under way and the closing line.</summary>
    public override string ToString()
    {
        var lines = new List<string> { Heading };
        int hidden = Math.Max(0, Finished.Count - ShownCandidates);
        if (hidden > 0) lines.Add($"… {FormatText.Plural(hidden, "earlier candidate")}");
        lines.AddRange(Finished.Skip(hidden).Select(c => SearchViews.CandidateLine(c, CandidateCount)));
        if (RunningText() is { } running) lines.Add(running);
        if (Last is not null) lines.Add(Last);
        return string.Join(Environment.NewLine, lines);
    }

    internal string ToHtml()
    {
        var sb = new StringBuilder(Html.Head(Heading));
        if (Finished.Count > ShownCandidates)
        {
            sb.Append($"<details><summary>all {Finished.Count} candidates so far</summary>{CandidateTable(Finished)}</details>");
            sb.Append(Html.Note($"… {FormatText.Plural(Finished.Count - ShownCandidates, "earlier candidate")}; the latest:"));
            sb.Append(CandidateTable(Finished.Skip(Finished.Count - ShownCandidates).ToList()));
        }
        else if (Finished.Count > 0) sb.Append(CandidateTable(Finished));
        if (Running is { } now)
            sb.Append($"<div>{Html.Bar((now.Candidate * Folds + now.Fold) / (double)(CandidateCount * Folds))} {Html.Escape(RunningText())}</div>");
        if (Last is not null) sb.Append(Html.Note(Last));
        return Html.Block("progress", sb.ToString());
    }

    /// <summary>How many of the latest candidates are shown; earlier ones fold away, as Fit's epochs do.</summary>
    internal const int ShownCandidates = 10;

    private string CandidateTable(IReadOnlyList<CandidateResult> candidates)
    {
        bool notes = candidates.Any(c => c.StoppedEarly > 0);
        string[] header = ["#", "parameters", candidates[0].Scoring, "time per fit", .. notes ? new[] { "note" } : []];
        return Html.Table(header, candidates.Select(c => (IReadOnlyList<string>)
        [
            $"{c.Number}/{CandidateCount}", c.Parameters.ToString(), SearchViews.MeanAndStd(c), SearchViews.Seconds(c.MeanFitTime),
            .. notes ? new[] { SearchViews.Stopped(c) } : [],
        ]), numeric: c => c is 0 or 2 or 3);
    }

    private string? RunningText() => Running is { } now
        ? string.Create(CultureInfo.InvariantCulture, $"training candidate {now.Candidate + 1}/{CandidateCount}") + (Folds > 1 ? $", fold {now.Fold + 1}/{Folds}" : "") + "…"
        : null;
}
