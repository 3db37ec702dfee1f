using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// Runs an assignment's master notebook the way the grader runs a submission (COURSEKIT_GRADING=1, so that hidden
/// tests report), to capture what each test reports: <c>coursekit assign</c> keeps those values as the expected ones.
/// </summary>
public interface IMasterRunner
{
    /// <param name="bundle">The assignment's bundle, without expectations yet: its cells in order, with their roles and tests.</param>
    /// <param name="master">The master, as a submission: one cell per bundle cell, the cell's <see cref="Cell.Id"/> the
    /// bundle cell's id, answer cells holding the solutions.</param>
    Task<MasterRun> RunAsync(Bundle bundle, Notebook master, CancellationToken cancel);
}

/// <summary>What a run of the master gave: the reports each test's cell made, and how every code cell ended.</summary>
public sealed record MasterRun(IReadOnlyDictionary<string, IReadOnlyList<TestReport>> Reports, IReadOnlyList<MasterCellRun> Cells)
{
    /// <summary>The reports the cell of test <paramref name="testId"/> made (none if it made none or did not run).</summary>
    public IReadOnlyList<TestReport> ReportsOf(string testId) => Reports.GetValueOrDefault(testId) ?? [];
}

/// <summary>One value a test cell sent: the name it gave, the value, and how it asked to be judged.</summary>
public sealed record TestReport(string Name, ReportedValue Value, Judge Judge);

/// <summary>How one code cell of the master ended; <paramref name="Error"/> says why when it did not succeed.</summary>
public sealed record MasterCellRun(string Id, CellStatus Status, string? Error = null);
