using CourseKit.Cli.Grading;
using Spectre.Console;

namespace CourseKit.Cli.Gradebook;

/// <summary>
/// What an instructor reads on the console after grading a class: how many submissions were graded and how many could
/// not be (with why), the mean and median score, a histogram of scores in steps of 10%, how each question went, the
/// five tests failed most often, and a loud warning when any submission ran without the sandbox. Bars and marks are
/// characters, so it reads the same without colour (in a CI log).
/// </summary>
public static class ClassSummary
{
    const int BarWidth = 40;

    public static void Print(IReadOnlyList<SubmissionResult> results, IAnsiConsole console)
    {
        var graded = results.Where(r => r.Gradable).ToList();
        var notGradable = ClassResults.ByStudent(results.Where(r => !r.Gradable));
        var assignments = string.Join(", ", results.Select(r => r.Assignment).Distinct());
        console.MarkupLine($"[bold]{Markup.Escape(assignments)}[/]: {Count(results.Count, "submission")}, {graded.Count} graded, " +
                           (notGradable.Count > 0 ? $"[red]{notGradable.Count} not gradable[/]" : "0 not gradable"));
        if (graded.Count > 0)
        {
            var scores = graded.Select(r => r.Score).Order().ToList();
            console.MarkupLine($"Scores: mean {GradeNumbers.Percent(scores.Average())}, median {GradeNumbers.Percent(Median(scores))}");
            Histogram(scores, console);
            Questions(graded, console);
            MostFailed(graded, console);
        }
        else console.MarkupLine("No submission could be graded, so there are no scores to show.");

        foreach (var result in notGradable)
            console.MarkupLine($"[red]Not gradable:[/] {Markup.Escape(result.Student)}: {Markup.Escape(result.Reason ?? "no reason was recorded")}");
        var unisolated = ClassResults.ByStudent(results.Where(r => !r.Isolated));
        if (unisolated.Count > 0)
            console.MarkupLine($"[yellow bold]⚠ {Count(unisolated.Count, "submission")} ran WITHOUT the sandbox (not isolated): " +
                               $"{Markup.Escape(Names(unisolated))}. Their code could read or change anything this user can; " +
                               "grade them again on a machine with bubblewrap before the grades count.[/]");
    }

    /// <summary>Ten bins of 10% each (the last one holds 100% too), as bars of '█' scaled to the fullest bin.</summary>
    static void Histogram(IReadOnlyList<double> scores, IAnsiConsole console)
    {
        var counts = new int[10];
        foreach (var score in scores) counts[Math.Clamp((int)Math.Floor(score * 10 + 1e-9), 0, 9)]++;
        int fullest = counts.Max();
        for (int bin = 0; bin < 10; bin++)
        {
            var label = $"{bin * 10,3}–{(bin + 1) * 10}%";
            var bar = new string('█', (int)Math.Round((double)counts[bin] / fullest * BarWidth));
            console.MarkupLine($"  {label,-8} {bar}{(counts[bin] > 0 ? " " : "")}{counts[bin]}");
        }
    }

    /// <summary>Each question: the mean points against its maximum and how many students had full marks.</summary>
    static void Questions(IReadOnlyList<SubmissionResult> graded, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Question").AddColumn(new TableColumn("Mean").RightAligned())
            .AddColumn(new TableColumn("Full marks").RightAligned());
        foreach (var question in graded.SelectMany(r => r.Questions).DistinctBy(q => q.Id).ToList())
        {
            var mine = graded.Select(r => r.Questions.FirstOrDefault(q => q.Id == question.Id)).OfType<QuestionResult>().ToList();
            table.AddRow(Markup.Escape(question.Title.Length > 0 ? $"{question.Id} {question.Title}" : question.Id),
                $"{GradeNumbers.Points(Math.Round(mine.Average(q => q.Points), 2))} / {GradeNumbers.Points(question.MaxPoints)}",
                $"{mine.Count(q => q.MaxPoints > 0 && q.Points >= q.MaxPoints)} of {mine.Count}");
        }
        if (table.Rows.Count > 0) console.Write(table);
    }

    /// <summary>The five tests that most graded submissions failed (any status but passed and hand-graded).</summary>
    static void MostFailed(IReadOnlyList<SubmissionResult> graded, IAnsiConsole console)
    {
        var failed = graded.SelectMany(r => r.Tests).Where(t => t.Status is not ("passed" or "manual"))
            .GroupBy(t => t.Id).Select(g => (Test: g.First(), Failures: g.Count()))
            .OrderByDescending(f => f.Failures).ThenBy(f => f.Test.Id, StringComparer.Ordinal).Take(5).ToList();
        if (failed.Count == 0)
        {
            console.MarkupLine("No test failed.");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title("Most failed tests").AddColumn("Test")
            .AddColumn(new TableColumn("Failed").RightAligned()).AddColumn("What it checks");
        foreach (var (test, failures) in failed)
            table.AddRow(Markup.Escape(test.Id), $"{failures} of {graded.Count(r => r.Tests.Any(t => t.Id == test.Id))}", Markup.Escape(test.Description));
        console.Write(table);
    }

    static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";

    static string Names(IReadOnlyList<SubmissionResult> results) =>
        results.Count <= 10 ? string.Join(", ", results.Select(r => r.Student))
            : $"{string.Join(", ", results.Take(10).Select(r => r.Student))} and {results.Count - 10} more";
}
