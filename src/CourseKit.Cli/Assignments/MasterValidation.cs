using CourseKit.Cli.Grading;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// Before an assignment is released the master must score full marks: every code cell ran, every test's cell
/// reported each of its values exactly once, and every value passes its own judge against the expectation kept in
/// the bundle (for accuracy tests: the true labels, which the student's session must not be able to read); prose model answers were matched against their patterns when
/// the markers were read. And the student notebook, unchanged, must score 0: every test can fail.
/// </summary>
public static class MasterValidation
{
    /// <summary>What keeps the master from full marks, each naming the test or cell and the fix; empty when it scores them.</summary>
    public static List<string> FullMarksProblems(MasterNotebook master, Bundle bundle, MasterRun run)
    {
        var problems = new List<string>();
        if (run.Failure is not null) return [$"the master could not be run: {run.Failure}"];
        var cells = master.Cells.Where(c => c.InBundle).ToDictionary(c => c.Id);
        foreach (var cell in run.Cells.Where(c => c.Status is not (CellStatus.Ok or CellStatus.Markdown or CellStatus.NotRun or CellStatus.Skipped)))
        {
            var where = cells.TryGetValue(cell.Id, out var m) ? $"cell {m.Number} («{NotebookRunner.Quote(m.Cell.FirstLine)}»)" : $"cell {cell.Id}";
            problems.Add($"{where} {NotebookRunner.Label(cell.Status)} when the master ran: {cell.Error ?? "no message"}; the master must run from top to bottom without errors");
        }
        var notRun = run.Cells.Where(c => c.Status == CellStatus.NotRun).Select(c => cells.TryGetValue(c.Id, out var m) ? m.Number.ToString() : c.Id).ToList();
        if (notRun.Count > 0)
            problems.Add($"{(notRun.Count == 1 ? "cell" : "cells")} {string.Join(", ", notRun)} did not run after that, so {(notRun.Count == 1 ? "its test was" : "their tests were")} not checked");
        foreach (var test in bundle.Tests.Where(t => t.Visibility != "prose"))
        {
            var number = cells[test.Cell].Number;
            var reports = run.ReportsOf(test.Id);
            if (reports.Count == 0 && run.Cells.Any(c => c.Id == test.Cell && c.Status == CellStatus.Ok))
                problems.Add($"cell {number}: test {test.Id} reported nothing when the master ran; its cell must call Grading.Check or Grading.Report " +
                             "itself (reports from other cells do not count)");
            foreach (var name in reports.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key))
                problems.Add($"cell {number}: test {test.Id} reported «{name}» {reports.Count(r => r.Name == name)} times; give each value it reports its own name");
            foreach (var (report, expectation) in reports.Zip(test.Expectations))
            {
                var verdict = report.Judge.Apply(report.Value, ReportedValue.FromJson(expectation.Expected));
                if (!verdict.Passed)
                    problems.Add($"cell {number}: test {test.Id} fails on the master's own «{report.Name}»: {verdict.Message}; fix the master or the judge");
                if (report.Judge.Labels is { } labels && LabelsVisible(labels, bundle.DataFiles) is { } visible)
                    problems.Add($"cell {number}: test {test.Id} judges accuracy against {labels}, but {visible}");
            }
        }
        return problems;
    }

    /// <summary>Why the student's session could read the true labels <paramref name="labels"/>; null when it cannot.</summary>
    static string? LabelsVisible(string labels, IReadOnlyList<string>? dataFiles) =>
        dataFiles is null
            ? "the assignment lets the student's session read the whole data folder, those labels too; list the files the notebook " +
              $"reads in <!-- ASSIGNMENT data=\"…\" -->, without {labels}"
            : Sandbox.DataFiles.Matches(labels, dataFiles)
                ? $"the assignment's data=\"{string.Join(" ", dataFiles)}\" lets the student's session read them; leave {labels} out of it"
                : null;

    /// <summary>
    /// What keeps the student notebook, unchanged, from scoring 0: a test it passes could not tell a right answer from
    /// none. Empty when every test fails on it.
    /// </summary>
    public static List<string> ZeroProblems(MasterNotebook master, SubmissionResult student)
    {
        if (!student.Gradable) return [$"the student notebook could not be graded to check that it scores 0: {student.Reason}"];
        var cells = master.Cells.Where(c => c.Test is not null).ToDictionary(c => c.Test!.Id);
        return student.Tests.Where(t => t.Points > 0 || t.Status == "passed")
            .Select(t => $"cell {cells[t.Id].Number}: test {t.Id} passes on the student notebook as generated, so it cannot tell a right answer from " +
                         "none; make it check what the student has to write (the stubs throw, so a test that uses the answer fails)")
            .ToList();
    }
}
