using CourseKit.Cli.Assignments;
using CourseKit.Cli.Grading;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Tests.Assignments;

/// <summary>
/// A master "run" that reports what a test sets up, without a worker: every code cell succeeded unless told otherwise.
/// The student notebook "scores" 0 on every test, except those named in <see cref="PassingOnStudentVersion"/>.
/// </summary>
sealed class FakeMasterRunner(Dictionary<string, CapturedReport[]> reports, params MasterCellRun[] failures) : IMasterRunner
{
    public Notebook? Master { get; private set; }
    public Notebook? StudentVersion { get; private set; }
    public string[] PassingOnStudentVersion { get; init; } = [];

    public Task<MasterRun> RunAsync(Bundle bundle, Notebook master, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        Master = master;
        return Task.FromResult(Run(bundle));
    }

    /// <summary>The run, for the bundle's code cells.</summary>
    public MasterRun Run(Bundle bundle)
    {
        var cells = bundle.Cells.Where(c => c.Role is not (CellRole.Markdown or CellRole.Prose))
            .Select(c => failures.FirstOrDefault(f => f.Id == c.Id) ?? new MasterCellRun(c.Id, CellStatus.Ok)).ToList();
        return new MasterRun(reports.ToDictionary(r => r.Key, r => (IReadOnlyList<CapturedReport>)r.Value), cells);
    }

    public Task<SubmissionResult> GradeStudentVersionAsync(Bundle bundle, Notebook student, string masterPath, CancellationToken cancel)
    {
        StudentVersion = student;
        var tests = bundle.Tests.Select(t => new TestResult
        {
            Id = t.Id, Question = t.Question, Visibility = t.Visibility, Description = t.Description, MaxPoints = t.Points,
            Points = PassingOnStudentVersion.Contains(t.Id) ? t.Points : 0,
            Status = PassingOnStudentVersion.Contains(t.Id) ? "passed" : "failed",
        }).ToList();
        return Task.FromResult(new SubmissionResult
        {
            Student = "student-version", Assignment = bundle.Assignment, Score = 0, Points = tests.Sum(t => t.Points),
            MaxPoints = tests.Sum(t => t.MaxPoints), Gradable = true, GradedAt = DateTimeOffset.UnixEpoch, Questions = [], Tests = tests,
        });
    }

    /// <summary>The reports <see cref="Masters.Neuron"/>'s tests make when its solution is right.</summary>
    public static Dictionary<string, CapturedReport[]> NeuronReports() => new()
    {
        ["q1.zero"] = [new("sigmoid(0)", ReportedValue.Number(0.5), Judge.Close())],
        ["q1.many"] = [new("values", ReportedValue.Array([2], [0.11920292202211755, 0.9525741268224334]), Judge.Close())],
    };
}
