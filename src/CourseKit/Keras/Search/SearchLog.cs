using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// A search's progress: in a notebook (when <see cref="NotebookHost"/> finds one) a <see cref="SearchProgress"/> table
/// that grows as candidates finish; elsewhere one printed line per candidate between a heading and the best result.
/// Verbose 0 shows nothing.
/// </summary>
internal sealed class SearchLog
{
    private readonly bool _silent;
    private readonly string _heading;
    private readonly int _candidates, _folds;
    private readonly List<CandidateResult> _finished = [];
    private (int Candidate, int Fold)? _running;
    private string? _last;
    private Action<object>? _update;

    public SearchLog(int verbose, int candidates, int folds, string heading)
    {
        (_silent, _candidates, _folds, _heading) = (verbose == 0, candidates, folds, heading);
        if (_silent) return;
        _update = NotebookHost.Show(Snapshot());
        if (_update is null) Console.WriteLine(heading);
    }

    /// <summary>Training of <paramref name="candidate"/> on <paramref name="fold"/> (both from 0) begins.</summary>
    public void Running(int candidate, int fold)
    {
        _running = (candidate, fold);
        Show();
    }

    public void Finished(CandidateResult result)
    {
        _finished.Add(result);
        _running = null;
        if (_update is null && !_silent) Console.WriteLine(SearchViews.CandidateLine(result, _candidates));
        Show();
    }

    public void Refitting(CandidateResult best, int examples)
    {
        _last = $"Refitting the best candidate, {best.Parameters}, on all {FormatText.Plural(examples, "example")}…";
        Show();
    }

    public void Done(SearchResult result)
    {
        _last = SearchViews.BestLine(result);
        if (_update is null && !_silent) Console.WriteLine(_last);
        Show();
    }

    private SearchProgress Snapshot() => new(_heading, _candidates, _folds, _finished.ToArray(), _running, _last);

    private void Show()
    {
        if (_update is null) return;
        try { _update(Snapshot()); }
        catch (Exception)
        {
            _update = null;   // the notebook went away (the cell was cancelled): go on, printing from now on
        }
    }
}
