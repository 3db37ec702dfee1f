using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseKit.Cli.Assignments;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Grading;

/// <summary>
/// One graded submission: its result (results.json), the notebook the student gets back (their cells in the grader's
/// order with the outputs they produced, locked cells and public tests as the bundle has them, no hidden tests), every
/// value each test reported, by test id, and every cell as it ran, hidden tests included, with the full reason a cell
/// stopped. The last two are for the instructor's side only: <c>coursekit assign</c> grades the master against a
/// bundle without expected values (a test then passes when its cell runs to the end) and keeps its reports as the
/// expected values; never show them to a student.
/// </summary>
public sealed record GradedSubmission(SubmissionResult Result, Notebook Notebook,
    IReadOnlyDictionary<string, IReadOnlyList<CapturedReport>> Reports, IReadOnlyList<PlannedCell> Cells);

/// <summary>
/// Grades one submission against a bundle: plans the cells (<see cref="CellPlan"/>), runs them in one worker in a
/// private working folder holding a copy of the submission only (<see cref="GradingRun"/>), judges each test outside
/// the worker (<see cref="TestJudging"/>) and adds up the points. A failure that is not the student's (a package that
/// cannot be restored, a worker that does not start, a defect in coursekit) makes the submission not gradable, with the
/// reason, instead of scoring it.
/// </summary>
public static class SubmissionGrader
{
    /// <summary>Grades the notebook at <paramref name="submissionPath"/>, under the student id <paramref name="student"/>
    /// (by default the file's name without extension). A file that is not a readable .ipynb notebook is not gradable.</summary>
    public static Task<GradedSubmission> GradeAsync(Bundle bundle, string submissionPath, GradeOptions options,
        CancellationToken cancel = default, string? student = null)
    {
        student ??= Path.GetFileNameWithoutExtension(submissionPath);
        if (!submissionPath.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(NotGradable(bundle, student, new Notebook { Path = submissionPath },
                $"{submissionPath} is not a Jupyter notebook (.ipynb); hand in the assignment's .ipynb file", options));
        Notebook notebook;
        try { notebook = NotebookReader.Read(submissionPath); }
        catch (NotebookFormatException e)
        {
            return Task.FromResult(NotGradable(bundle, student, new Notebook { Path = submissionPath }, e.Message, options));
        }
        return GradeAsync(bundle, notebook, student, options, cancel);
    }

    /// <summary>Grades a notebook already read (or made in memory, as <c>coursekit assign</c> does with the master).</summary>
    public static async Task<GradedSubmission> GradeAsync(Bundle bundle, Notebook submission, string student, GradeOptions options,
        CancellationToken cancel = default)
    {
        var gradedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        options.Log.WriteLine($"▶ {student} ({submission.Path})");
        var plan = CellPlan.Build(bundle, submission);
        var workingDirectory = Directory.CreateTempSubdirectory("coursekit-grade-").FullName;
        try
        {
            CopySubmission(submission, workingDirectory);
            var run = new GradingRun(bundle, options, workingDirectory);
            await run.RunAsync(plan.Cells, cancel);
            return Scored(bundle, student, plan, run, gradedAt, clock.Elapsed.TotalSeconds, options);
        }
        catch (NotGradableException e)
        {
            options.Log.WriteLine($"  ✗ not gradable: {e.Message}");
            return NotGradable(bundle, student, plan.Graded, e.Message, options, gradedAt, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A defect in coursekit must not look like the student's fault, nor cost the other submissions their grading.
            var reason = $"coursekit failed on this submission: {e.GetType().Name}: {e.Message}";
            options.Log.WriteLine($"  ✗ {reason}");
            return NotGradable(bundle, student, plan.Graded, reason, options, gradedAt, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            try { Directory.Delete(workingDirectory, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>The submission, alone, in the worker's working folder (the file as handed in, or the notebook written out).</summary>
    static void CopySubmission(Notebook submission, string workingDirectory)
    {
        var name = Path.GetFileName(submission.Path) is { Length: > 0 } file ? file : "submission.ipynb";
        var target = Path.Combine(workingDirectory, name);
        if (File.Exists(submission.Path)) File.Copy(submission.Path, target);
        else NotebookWriter.Write(submission, target);
    }

    static GradedSubmission Scored(Bundle bundle, string student, CellPlan plan, GradingRun run,
        DateTimeOffset gradedAt, double seconds, GradeOptions options)
    {
        var reports = new Dictionary<string, IReadOnlyList<CapturedReport>>();
        var tests = new List<TestResult>();
        var (scanned, scanTampers) = ScanStudentCells(plan);
        bool tampered = scanTampers || run.Tampering.Count > 0;
        foreach (var spec in bundle.Tests)
        {
            var planned = plan.Cells.FirstOrDefault(p => p.Spec?.Id == spec.Cell);
            reports[spec.Id] = planned is null || spec.Visibility == "prose" ? [] : [.. planned.Reports];
            var test = TestJudging.Judge(spec, planned, reports[spec.Id]);
            tests.Add(tampered && spec.Visibility == "public" && test.Points > 0 ? test with
            {
                Points = 0, Status = "failed", Message = PublicTestsVoid, Hint = null,
            } : test);
        }
        double points = tests.Sum(t => t.Points), max = tests.Sum(t => t.MaxPoints);
        var result = new SubmissionResult
        {
            Student = student,
            Assignment = bundle.Assignment,
            Score = max > 0 ? points / max : 0,
            Points = points,
            MaxPoints = max,
            Gradable = true,
            Isolated = options.Launcher.Isolated,
            GradedAt = gradedAt,
            Seconds = seconds,
            Questions = [.. bundle.Questions.Select(q => new QuestionResult(q.Id, q.Title, tests.Where(t => t.Question == q.Id).Sum(t => t.Points), q.Points))],
            Tests = tests,
            Cells = [.. plan.Cells.Where(p => p.Runs).Select(CellResultOf)],
            Notices = [.. plan.Notices, .. run.Notices, .. scanned, .. run.Tampering, .. CutOutputs(plan, bundle.Limits.MaxOutputPerCell)],
        };
        options.Log.WriteLine($"  {student}: {points:0.##} of {max:0.##} points");
        return new GradedSubmission(result, plan.Graded, reports, plan.Cells);
    }

    /// <summary>What a public test that passed says when the submission tampered with the grading machinery.</summary>
    public const string PublicTestsVoid = "the public tests count for nothing in this submission, whose answers you know: " +
        "its code reached for the grading machinery (see the notices); the hidden tests were judged as usual";

    /// <summary>
    /// The notices of <see cref="StudentCodeScan"/> for the student's cells, and whether any finding can change what the
    /// tests send (reflection, hooks, native code).
    /// </summary>
    static (List<string> Notices, bool Tampers) ScanStudentCells(CellPlan plan)
    {
        var notices = new List<string>();
        bool tampers = false;
        foreach (var planned in plan.Cells.Where(p => p.Runs && p.IsStudents))
            foreach (var finding in StudentCodeScan.Scan(planned.Cell.Source))
            {
                tampers |= finding.Tampers;
                var verb = finding.Construct.StartsWith("declares ", StringComparison.Ordinal) ? "" : "uses ";
                notices.Add($"{CellPlan.Capitalized(planned.Description)} {verb}{finding.Construct}.");
            }
        return (notices, tampers);
    }

    /// <summary>A submission that could not be graded, for <paramref name="reason"/>: no points, no tests, the reason said.</summary>
    public static GradedSubmission NotGradable(Bundle bundle, string student, Notebook notebook, string reason, GradeOptions options,
        DateTimeOffset? gradedAt = null, double seconds = 0) => new(new SubmissionResult
        {
            Student = student,
            Assignment = bundle.Assignment,
            Score = 0,
            Points = 0,
            MaxPoints = bundle.Tests.Sum(t => t.Points),
            Gradable = false,
            Reason = reason,
            Isolated = options.Launcher.Isolated,
            GradedAt = gradedAt ?? DateTimeOffset.UtcNow,
            Seconds = seconds,
            Questions = [.. bundle.Questions.Select(q => new QuestionResult(q.Id, q.Title, 0, q.Points))],
            Tests = [],
        }, notebook, new Dictionary<string, IReadOnlyList<CapturedReport>>(), []);

    /// <summary>How a cell ran, for results.json; a hidden test's note is left out (it could show the test's code).</summary>
    static CellResult CellResultOf(PlannedCell planned)
    {
        var run = planned.Run;
        var status = run?.Status switch
        {
            null => "skipped",
            Running.CellStatus.Ok => "ok",
            Running.CellStatus.TimedOut => "timeout",
            Running.CellStatus.Crashed => "crashed",
            Running.CellStatus.NotRun => "not-run",
            _ => "failed",
        };
        return new CellResult(planned.Id, planned.Role, status, planned.Hidden ? null : run?.Note, run?.Elapsed.TotalSeconds ?? 0);
    }

    /// <summary>A notice for each shown cell whose output was cut at the assignment's limit.</summary>
    static IEnumerable<string> CutOutputs(CellPlan plan, long limit) =>
        plan.Cells.Where(p => !p.Hidden && p.Cell.Outputs.Any(o => o["text"] is JsonValue v && v.TryGetValue(out string? t) && t.Contains("output truncated: ")))
            .Select(p => $"The output of {p.Description} was cut: a cell keeps at most {limit} bytes of each kind of output.");
}
