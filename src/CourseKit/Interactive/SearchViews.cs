using System.Globalization;
using System.Text;

namespace CourseKit.Interactive;

/// <summary>How a hyper-parameter search looks, in a notebook and as text: the candidates ranked, each with its mean
/// score ± its spread over the folds, and the best one.</summary>
internal static class SearchViews
{
    /// <summary>Candidates shown by a result's view; the rest are in <see cref="SearchResult.Table"/>.</summary>
    public const int ShownRows = 20;

    /// <summary>"0.9750 ± 0.0250"; one score alone without the ±; "NaN (training diverged)".</summary>
    public static string MeanAndStd(CandidateResult c) =>
        double.IsNaN(c.MeanScore) ? "NaN (training diverged)"
        : c.Scores.Count == 1 ? Number(c.MeanScore)
        : $"{Number(c.MeanScore)} ± {Number(c.StdScore)}";

    /// <summary>"0.21 s".</summary>
    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString(time.TotalSeconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>"stopped early in 2 of 3 fits", or "" when every fit ran all its epochs.</summary>
    public static string Stopped(CandidateResult c) =>
        c.StoppedEarly == 0 ? "" : $"stopped early in {c.StoppedEarly} of {FormatText.Plural(c.Scores.Count, "fit")}";

    /// <summary>The progress line of a finished candidate: "[2/4] units=8, learningRate=0.5: accuracy 0.9750 ± 0.0250 (0.21 s per fit)".</summary>
    public static string CandidateLine(CandidateResult c, int total)
    {
        string stopped = Stopped(c);
        return $"[{c.Number}/{total}] {c.Parameters}: {c.Scoring} {MeanAndStd(c)} ({Seconds(c.MeanFitTime)} per fit{(stopped.Length > 0 ? "; " + stopped : "")})";
    }

    /// <summary>"Best: units=8, learningRate=0.5 (accuracy 1.0000 ± 0.0000); refit on all 120 examples in 0.30 s: result.BestModel".</summary>
    public static string BestLine(SearchResult result)
    {
        string refit = result.RefitTime is { } time
            ? $"; refit on all {FormatText.Plural(result.Examples, "example")} in {Seconds(time)}: result.BestModel"
            : "; not refit (refit: false)";
        return $"Best: {result.BestParameters} ({result.Scoring} {MeanAndStd(result.Best)}){refit}";
    }

    /// <summary>"Grid search: 4 candidates, stratified 3-fold cross-validation (12 fits of 20 epochs, batches of 32), scored by
    /// accuracy (higher is better)".</summary>
    public static string Heading(string method, int candidates, string validation, int folds, FitSettings fit, string scoring, bool greaterIsBetter) =>
        $"{char.ToUpperInvariant(method[0])}{method[1..]}: {FormatText.Plural(candidates, "candidate")}, {validation} " +
        $"({FormatText.Plural((long)candidates * folds, "fit")} of {fit}), scored by {scoring} ({(greaterIsBetter ? "higher" : "lower")} is better)";

    private static string Heading(SearchResult r) =>
        Heading(r.Method, r.Candidates.Count, r.Validation, r.Candidates[0].Scores.Count, r.Fit, r.Scoring, r.GreaterIsBetter);

    public static string ResultText(SearchResult result)
    {
        var names = ParameterNames(result);
        var header = new List<string> { "rank" };
        header.AddRange(names);
        header.AddRange([result.Scoring, "fit time", ""]);
        var rows = result.Ranked.Take(ShownRows).Select(c => (IReadOnlyList<string>)
        [
            c.Rank.ToString(CultureInfo.InvariantCulture),
            .. names.Select(n => Value(c, n)),
            MeanAndStd(c),
            Seconds(c.MeanFitTime),
            Stopped(c),
        ]).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((cell, i) =>
            i == cells.Count - 1 || i == names.Count + 1 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd();

        var sb = new StringBuilder();
        sb.AppendLine(Heading(result));
        sb.AppendLine(Line(header));
        foreach (var row in rows) sb.AppendLine(Line(row));
        if (result.Ranked.Count > ShownRows) sb.AppendLine($"… {FormatText.Plural(result.Ranked.Count - ShownRows, "more candidate")} (result.Table has them all)");
        sb.Append(BestLine(result));
        return sb.ToString();
    }

    public static string ResultHtml(SearchResult result)
    {
        var names = ParameterNames(result);
        bool folds = result.Candidates[0].Scores.Count > 1;
        bool notes = result.Candidates.Any(c => c.StoppedEarly > 0);
        var numeric = new List<bool> { true };
        numeric.AddRange(names.Select(n => result.Candidates.All(c => !c.Parameters.TryGetValue(n, out var v) || IsNumber(v))));
        var header = new List<string> { "rank" };
        header.AddRange(names.Select(Html.Escape));
        header.Add(Html.Escape(result.Scoring) + (folds ? " (mean ± std)" : ""));
        if (folds) header.Add("per fold");
        header.Add("fit time");
        numeric.AddRange(Enumerable.Repeat(true, header.Count - numeric.Count));
        if (notes) header.Add("note");
        var rows = result.Ranked.Take(ShownRows).Select(c =>
        {
            var cells = new List<string> { c.Rank.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(names.Select(n => Html.Escape(Value(c, n))));
            cells.Add(Html.Escape(MeanAndStd(c)));
            if (folds) cells.Add($"<span class=\"ck-dim\">{string.Join(" ", c.Scores.Select(Number))}</span>");
            cells.Add(Seconds(c.MeanFitTime));
            if (notes) cells.Add(c.StoppedEarly == 0 ? "" : $"<span title=\"{Html.Escape(c.StopReasons.First(r => r is not null))}\">{Html.Escape(Stopped(c))}</span>");
            return (IReadOnlyList<string>)(c.Rank == 1 ? cells.Select(cell => $"<b>{cell}</b>").ToList() : cells);
        });
        var sb = new StringBuilder();
        sb.Append(Html.Head(Heading(result)));
        sb.Append(Html.RawTable(header, rows, numeric: c => c < numeric.Count && numeric[c],
            more: result.Ranked.Count > ShownRows ? $"… {FormatText.Plural(result.Ranked.Count - ShownRows, "more candidate")} (result.Table has them all)" : null));
        sb.Append(Html.Note(BestLine(result)));
        return Html.Block("search", sb.ToString());
    }

    /// <summary>A search before it runs: what it will do ("Grid search of 8 candidates, 3-fold cross-validation, …")
    /// and its candidates in the order they will be tried (the first <see cref="ShownRows"/>).</summary>
    public static string SearchHtml(HyperparameterSearch search)
    {
        string text = search.ToString();
        var rows = search.Candidates.Take(ShownRows)
            .Select((c, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), c.ToString()]);
        string? more = search.Candidates.Count > ShownRows ? $"… {FormatText.Plural(search.Candidates.Count - ShownRows, "more candidate")}" : null;
        return Html.Block("search", Html.Head(char.ToUpperInvariant(text[0]) + text[1..]) + Html.Table(["#", "candidate"], rows, c => c == 0, more));
    }

    /// <summary>A search space as a table of each parameter's values.</summary>
    public static string SpaceHtml(SearchSpace space) =>
        Html.Block("search", space.Count == 0 ? Html.Note(space.ToString())
            : Html.Table(["parameter", "values"], space.Select(p => (IReadOnlyList<string>)[p.Key, p.Value.ToString()])));

    /// <summary>A score as Fit logs numbers, "0.9750"; tiny ones (a loss of 6e-10) in scientific notation, "6.02e-10",
    /// rather than as an uninformative 0.0000.</summary>
    public static string Number(double value) =>
        value.ToString(value != 0 && Math.Abs(value) < 0.001 ? "0.00e+0" : "0.0000", CultureInfo.InvariantCulture);

    private static List<string> ParameterNames(SearchResult result) =>
        result.Candidates.SelectMany(c => c.Parameters.Keys).Distinct().ToList();

    private static bool IsNumber(object value) => value is int or long or short or byte or float or double or decimal;

    private static string Value(CandidateResult c, string name) =>
        c.Parameters.TryGetValue(name, out var value) ? ParameterValues.Format(value) : "";
}
