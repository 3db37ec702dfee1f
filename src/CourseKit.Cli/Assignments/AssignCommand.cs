using CourseKit.Cli.Grading;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;
using CourseKit.Cli.Sandbox;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// <c>coursekit assign</c>: turns master notebooks into the notebooks students get and the bundles the grader keeps;
/// with <c>--check</c>, tells whether the committed student notebooks are exactly what it would write.
/// </summary>
public static class AssignCommand
{
    public const string Usage = """
        Usage: coursekit assign <master.ipynb|folder>... --out DIR [--bundle-out DIR] [--data DIR]
               coursekit assign --check <master.ipynb|folder>... --out DIR

        Makes an autograded assignment from each master notebook (its markers are described in exercises/README.md):
        writes the student notebook DIR/<name>.ipynb (solutions stubbed, no hidden tests, no instructor notes, locked
        cells marked) and the grader's bundle <name>.bundle.json beside the master (never give it to students). The
        master is run first, as the grader runs a submission (COURSEKIT_GRADING=1), to capture the values its tests
        report; it must score full marks (every cell runs, every test passes against its own values), and the student
        notebook, graded unchanged, must score 0 (every test can fail); else nothing is written for it.

        Options:
          --out DIR          the folder for the student notebooks (e.g. exercises/)
          --bundle-out DIR   write the bundles to DIR instead of beside each master (not inside --out)
          --data DIR         course data folder (default: $COURSEKIT_DATA): the master's cells see it, and accuracy
                             tests read their true labels from it
          --check            run nothing and write nothing: exit 1 naming every student notebook in --out that is
                             missing, differs from what assign would write, or has no master (for CI)
          -h, --help         show this help

        Exit code: 0 when every assignment was made (or, with --check, every notebook matches), 1 otherwise, 2 for
        usage errors, 130 when stopped.
        """;

    /// <summary>Runs <c>coursekit assign</c> with <paramref name="args"/> (the words after "assign").</summary>
    /// <param name="runner">Runs the masters and grades the student notebooks; by default with the grader's engine (<see cref="GraderMasterRunner"/>).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter log, CancellationToken cancel = default, IMasterRunner? runner = null)
    {
        var inputs = new List<string>();
        string? outDir = null, bundleOut = null, dataDir = Environment.GetEnvironmentVariable("COURSEKIT_DATA") is { Length: > 0 } d ? d : null;
        bool check = false;
        IReadOnlyList<NotebookInput> masters;
        try
        {
            var reader = new OptionReader(args);
            while (reader.Next(("-o", "--out")) is { } option)
            {
                switch (option)
                {
                    case "--out": outDir = OptionValues.FullPath(option, reader.Value()); break;
                    case "--bundle-out": bundleOut = OptionValues.OutputFolder(option, reader.Value()); break;
                    case "--data": dataDir = OptionValues.ExistingFolder(option, reader.Value()); break;
                    case "--check": check = true; break;
                    case "-h" or "--help": log.WriteLine(Usage); return 0;
                    case var other when other.StartsWith('-'): throw new UsageException($"unknown option '{other}'");
                    default: OptionValues.FullPath("a master notebook or folder", option); inputs.Add(option); break;
                }
            }
            if (inputs.Count == 0) throw new UsageException("no master notebook or folder given");
            if (outDir is null) throw new UsageException("--out DIR is needed: the folder for the student notebooks (e.g. exercises/)");
            if (!check) OptionValues.OutputFolder("--out", outDir);
            if (check && bundleOut is not null) throw new UsageException("--check writes nothing, so --bundle-out has no use with it");
            masters = NotebookFinder.Find(inputs, outDir);
            if (masters.Count == 0) throw new UsageException($"no .ipynb or .dib master notebooks in {string.Join(", ", inputs)}");
        }
        catch (Exception e) when (e is UsageException or FileNotFoundException)
        {
            log.WriteLine($"coursekit assign: {e.Message}");
            log.WriteLine("Run 'coursekit assign --help' for usage.");
            return 2;
        }

        outDir = Path.GetFullPath(outDir);
        if (check) return ExerciseCheck.Run(masters, outDir, log);
        try { return await AssignAllAsync(masters, outDir, bundleOut, dataDir, runner ?? GraderRunner(dataDir, log), log, cancel); }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            log.WriteLine("coursekit assign: stopped; the master's worker was stopped, and nothing more was written.");
            return 130;
        }
    }

    /// <summary>The grader's engine, in the sandbox this machine offers, as <c>coursekit grade</c> runs submissions.</summary>
    static GraderMasterRunner GraderRunner(string? dataDir, TextWriter log)
    {
        var sandbox = Sandboxes.Detect();
        if (sandbox.Warning is not null)
            log.WriteLine("note: bubblewrap cannot run here, so the masters and student notebooks run without the grader's sandbox " +
                          "(fine for your own masters; grade students' work only where it runs).");
        return new GraderMasterRunner(new GradeOptions { DataDirectory = dataDir, Log = log, Launcher = new SandboxedWorkerLauncher(sandbox) });
    }

    static async Task<int> AssignAllAsync(IReadOnlyList<NotebookInput> masters, string outDir, string? bundleOut, string? dataDir,
        IMasterRunner runner, TextWriter log, CancellationToken cancel)
    {
        int failed = 0;
        var labels = new LabelFiles(dataDir);
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in masters)
        {
            log.WriteLine($"▶ {input.Path}");
            var student = Path.Combine(outDir, input.RelativeOutput);
            var bundlePath = bundleOut is null
                ? Path.ChangeExtension(input.Path, ".bundle.json")
                : Path.Combine(Path.GetFullPath(bundleOut), Path.ChangeExtension(input.RelativeOutput, ".bundle.json"));
            var refusal = input.Problem
                ?? (student == input.Path ? $"--out {outDir} would overwrite the master itself; write the student notebooks to another folder (e.g. exercises/)" : null)
                ?? (IsInside(bundlePath, outDir) ? $"the bundle {bundlePath} would go into the students' folder {outDir}; give --bundle-out a folder outside it" : null)
                ?? (!targets.Add(student) ? $"another master also makes {student}; give the masters different names" : null);
            if (refusal is not null)
            {
                log.WriteLine($"  ✗ {refusal}");
                failed++;
                continue;
            }
            try
            {
                var (studentText, bundle) = await MakeAsync(input.Path, student, runner, labels, cancel);
                NotebookWriter.WriteAtomically(student, studentText);
                NotebookWriter.WriteAtomically(bundlePath, bundle.ToJson() + "\n");
                log.WriteLine($"  ✓ {bundle.Questions.Count} question(s), {bundle.Tests.Count} test(s), {bundle.Questions.Sum(q => q.Points):0.##} point(s); the master scores full marks, the student notebook 0");
                log.WriteLine($"  → {student}");
                log.WriteLine($"  → {bundlePath} (for the grader only: never give it to students)");
            }
            catch (Exception e) when (e is NotebookFormatException or AssignmentException or IOException or UnauthorizedAccessException)
            {
                log.WriteLine($"  ✗ {e.Message}");
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// Reads the master, runs it and checks it, then grades the student notebook: the student notebook's text and the
    /// finished bundle.
    /// </summary>
    /// <exception cref="AssignmentException">The markers are wrong, the master does not score full marks, or the
    /// student notebook does not score 0.</exception>
    public static async Task<(string StudentText, Bundle Bundle)> MakeAsync(string masterPath, string studentPath, IMasterRunner runner,
        LabelFiles labels, CancellationToken cancel)
    {
        var master = MarkerParser.Read(masterPath);
        var studentText = StudentNotebook.Text(master, studentPath);
        var bundle = BundleBuilder.Skeleton(master, studentText);
        var run = await runner.RunAsync(bundle, StudentNotebook.MasterAsSubmission(master), cancel);
        try { bundle = BundleBuilder.WithExpectations(bundle, run, labels); }
        catch (LabelFileException e) { throw new AssignmentException(masterPath, [e.Message]); }
        var problems = MasterValidation.FullMarksProblems(master, bundle, run);
        if (problems.Count > 0) throw new AssignmentException(masterPath, problems);
        var student = await runner.GradeStudentVersionAsync(bundle, StudentNotebook.Build(master, studentPath), masterPath, cancel);
        problems = MasterValidation.ZeroProblems(master, student);
        if (problems.Count > 0) throw new AssignmentException(masterPath, problems);
        return (studentText, bundle);
    }

    static bool IsInside(string path, string folder) =>
        Path.GetFullPath(path).StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
