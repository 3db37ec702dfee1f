using CourseKit.Cli.Grading;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// Runs an assignment's notebooks the way the grader runs a submission (COURSEKIT_GRADING=1, so that hidden tests
/// report): the master, to capture what each test reports (<c>coursekit assign</c> keeps those values as the expected
/// ones), and the student notebook as generated, to prove that every test can fail.
/// </summary>
public interface IMasterRunner
{
    /// <param name="bundle">The assignment's bundle, without expectations yet: its cells in order, with their roles and tests.</param>
    /// <param name="master">The master, as a submission: one cell per bundle cell, the cell's <see cref="Cell.Id"/> the
    /// bundle cell's id, answer cells holding the solutions.</param>
    Task<MasterRun> RunAsync(Bundle bundle, Notebook master, CancellationToken cancel);

    /// <summary>Grades the student notebook, unchanged, against the finished bundle, as a submission beside the master
    /// (<paramref name="masterPath"/>): its packages come from where the master's come from.</summary>
    Task<SubmissionResult> GradeStudentVersionAsync(Bundle bundle, Notebook student, string masterPath, CancellationToken cancel);
}

/// <summary>
/// What a run of the master gave: the reports each test's own cell made, by test id, and how every code cell ended;
/// <paramref name="Failure"/> says why the master could not be run at all (a package that cannot be restored, a
/// worker that does not start).
/// </summary>
public sealed record MasterRun(IReadOnlyDictionary<string, IReadOnlyList<CapturedReport>> Reports, IReadOnlyList<MasterCellRun> Cells,
    string? Failure = null)
{
    /// <summary>The reports the cell of test <paramref name="testId"/> made (none if it made none or did not run).</summary>
    public IReadOnlyList<CapturedReport> ReportsOf(string testId) => Reports.GetValueOrDefault(testId) ?? [];
}

/// <summary>How one code cell of the master ended; <paramref name="Error"/> says why when it did not succeed.</summary>
public sealed record MasterCellRun(string Id, CellStatus Status, string? Error = null);

/// <summary>
/// Runs the master with the grader's own engine (<see cref="SubmissionGrader"/>): as a submission whose answers are
/// the solutions, against the bundle before it has expectations, every code cell in order in one worker (sandboxed
/// when <see cref="GradeOptions.Launcher"/> is), each within the assignment's cell limit.
/// Packages are restored from the sources the master's folder names (its nuget.config or one above it).
/// </summary>
public sealed class GraderMasterRunner(GradeOptions options) : IMasterRunner
{
    public async Task<MasterRun> RunAsync(Bundle bundle, Notebook master, CancellationToken cancel)
    {
        var graded = await SubmissionGrader.GradeAsync(bundle, master, "master", Beside(master.Path), cancel);
        var cells = graded.Cells.Where(c => c.Spec is not null && c.Runs)
            .Select(c => new MasterCellRun(c.Id, c.Run?.Status ?? CellStatus.NotRun, c.Run?.Note)).ToList();
        return new MasterRun(graded.Reports, cells, graded.Result.Gradable ? null : graded.Result.Reason);
    }

    public async Task<SubmissionResult> GradeStudentVersionAsync(Bundle bundle, Notebook student, string masterPath, CancellationToken cancel) =>
        (await SubmissionGrader.GradeAsync(bundle, student, "student-version", Beside(masterPath), cancel)).Result;

    /// <summary>The options with packages restored from the sources the master's folder names.</summary>
    GradeOptions Beside(string masterPath) => options with { PackageSourcesFolder = Path.GetDirectoryName(Path.GetFullPath(masterPath)) };
}
