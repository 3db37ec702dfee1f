using System.Globalization;
using System.Text.Json;
using CourseKit.Cli.Assignments;
using CourseKit.Cli.Sandbox;
using Spectre.Console;

namespace CourseKit.Cli.Grading;

/// <summary><c>coursekit grade</c>: grades submissions against an assignment's bundle and writes what it found.</summary>
public static class GradeCommand
{
    public const string Usage = """
        Usage: coursekit grade <submission.ipynb|folder>... --bundle NAME.bundle.json --out DIR [options]

        Grades each submission against the assignment's grader bundle (written by coursekit assign; never give it to
        students): runs the submission's cells in a worker of its own, judges every test outside that worker, and writes
        DIR/<student>/results.json, graded.ipynb (the notebook as it ran, without hidden tests), feedback.ipynb and
        feedback.html (for the student); for the class DIR/gradebook.csv and DIR/junit.xml, and a summary here.

        Submissions: a notebook (student id = its file name without .ipynb); a folder holding one notebook (id = the
        folder's name, e.g. a GitHub Classroom repository); a folder of notebooks (each by its file name); a folder of
        such folders (a class, one folder per student).

        Options:
          --bundle FILE             the assignment's grader bundle (NAME.bundle.json)
          --out DIR                 where each student's folder is written
          --jobs N                  grade N submissions at a time (default 1; 1 to 64)
          --data DIR                course data folder, given to cells as COURSEKIT_DATA (default: $COURSEKIT_DATA)
          --timeout-per-cell S      stop a cell after S seconds (default: the bundle's limit)
          -h, --help                show this help

        A cell that runs too long or crashes its session costs only the tests that need it: the session is restarted and
        grading goes on. A submission that cannot be graded for a reason that is not the student's (a package that
        cannot be restored, a worker that does not start) is marked not gradable with the reason, never given 0.

        Exit code: 0 when every submission was graded, 1 when some could not be (see their results.json), 2 for usage
        errors, 130 when stopped.
        """;

    /// <summary>Parses and runs <c>coursekit grade</c> (the arguments after "grade"), writing with the grader's own outputs.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter log, IAnsiConsole console, CancellationToken cancel = default) =>
        RunAsync(args, log, console, new GradeOutputs(), cancel);

    public static async Task<int> RunAsync(string[] args, TextWriter log, IAnsiConsole console, IGradeOutputs outputs,
        CancellationToken cancel = default)
    {
        var inputs = new List<string>();
        string? bundlePath = null, outDir = null, dataDir = null;
        int jobs = 1;
        TimeSpan? timeout = null;
        Bundle bundle;
        IReadOnlyList<Submission> submissions;
        try
        {
            var reader = new OptionReader(args);
            while (reader.Next(("-o", "--out")) is { } option)
            {
                switch (option)
                {
                    case "--bundle": bundlePath = OptionValues.FullPath(option, reader.Value()); break;
                    case "--out": outDir = OptionValues.OutputFolder(option, reader.Value()); break;
                    case "--data": dataDir = OptionValues.ExistingFolder(option, reader.Value()); break;
                    case "--jobs": jobs = Jobs(option, reader.Value()); break;
                    case "--timeout-per-cell": timeout = OptionValues.Seconds(option, reader.Value()); break;
                    case "-h" or "--help": log.WriteLine(Usage); return 0;
                    case var other when other.StartsWith('-'): throw new UsageException($"unknown option '{other}'");
                    default: inputs.Add(option); break;
                }
            }
            if (bundlePath is null) throw new UsageException("--bundle is missing: name the assignment's grader bundle (NAME.bundle.json, written by coursekit assign)");
            if (outDir is null) throw new UsageException("--out is missing: name the folder the results go into");
            if (inputs.Count == 0) throw new UsageException("no submissions given: name notebooks or folders of them");
            bundle = ReadBundle(bundlePath);
            submissions = Submissions.Find(inputs);
            if (submissions.Count == 0) throw new UsageException($"no submissions in {string.Join(", ", inputs)}");
        }
        catch (UsageException e)
        {
            log.WriteLine($"coursekit grade: {e.Message}");
            log.WriteLine("Run 'coursekit grade --help' for usage.");
            return 2;
        }

        var sandbox = Sandboxes.Detect();
        var options = new GradeOptions
        {
            DataDirectory = dataDir ?? (Environment.GetEnvironmentVariable("COURSEKIT_DATA") is { Length: > 0 } data && Directory.Exists(data) ? data : null),
            PackageSourcesFolder = Path.GetDirectoryName(bundlePath),
            TimeoutPerCell = timeout,
            Launcher = new SandboxedWorkerLauncher(sandbox),
        };
        if (sandbox.Warning is { } warning) log.WriteLine(warning);
        try
        {
            var results = await GradeAllAsync(bundle, submissions, options, outDir, jobs, outputs, log, cancel);
            try { outputs.WriteClass(results.Select(r => r.Result).ToList(), outDir, console); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                log.WriteLine($"coursekit grade: the class's files could not be written in {outDir}: {e.Message}");
                return 1;
            }
            return results.All(r => r.Result.Gradable && r.Written) ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            log.WriteLine("coursekit grade: stopped; the workers and every process they started were stopped.");
            return 130;
        }
    }

    /// <summary>Grades the submissions, <paramref name="jobs"/> at a time, writing each one's files as soon as it is graded;
    /// each one's progress lines are printed together when it is done. Results come back in the submissions' order.</summary>
    static async Task<IReadOnlyList<(SubmissionResult Result, bool Written)>> GradeAllAsync(Bundle bundle, IReadOnlyList<Submission> submissions,
        GradeOptions options, string outDir, int jobs, IGradeOutputs outputs, TextWriter log, CancellationToken cancel)
    {
        var results = new (SubmissionResult, bool)[submissions.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, submissions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancel }, async (index, token) =>
            {
                var submission = submissions[index];
                var own = new StringWriter();
                GradedSubmission graded;
                if (submission.Problem is { } problem)
                {
                    own.WriteLine($"▶ {submission.Student}\n  ✗ not gradable: {problem}");
                    graded = SubmissionGrader.NotGradable(bundle, submission.Student, new Notebooks.Notebook { Path = submission.Path }, problem, options);
                }
                else graded = await SubmissionGrader.GradeAsync(bundle, submission.Path, options with { Log = own }, token, submission.Student);
                var folder = Path.Combine(outDir, submission.Student);
                bool written = true;
                try
                {
                    await outputs.WriteSubmissionAsync(graded, folder);
                    own.WriteLine($"  → {folder}");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    own.WriteLine($"  ✗ {folder} could not be written: {e.Message}");
                    written = false;
                }
                lock (log) log.Write(own.ToString());
                results[index] = (graded.Result, written);
            });
        return results;
    }

    static int Jobs(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64
            ? n
            : throw new UsageException($"{option} needs a whole number from 1 to 64, not '{text}'");

    /// <summary>Reads the bundle; anything that is not a bundle this coursekit can read is a usage error that says so.</summary>
    static Bundle ReadBundle(string path)
    {
        if (Directory.Exists(path)) throw new UsageException($"--bundle {path} is a folder; name the NAME.bundle.json file in it");
        if (!File.Exists(path)) throw new UsageException($"--bundle {path}: no such file (coursekit assign writes NAME.bundle.json next to the master notebook)");
        if (path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--bundle {path} is a notebook; the grader needs the bundle coursekit assign wrote for it (NAME.bundle.json)");
        Bundle bundle;
        try { bundle = Bundle.FromJson(File.ReadAllText(path)); }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            throw new UsageException($"--bundle {path} is not a grader bundle ({e.Message.Split('\n')[0]}); write it again with coursekit assign");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--bundle {path} cannot be read: {e.Message}");
        }
        if (bundle.Format != 1)
            throw new UsageException($"--bundle {path} has format {bundle.Format}, which this coursekit does not know (it reads format 1); " +
                                     "update coursekit, or write the bundle again with this one's coursekit assign");
        return bundle;
    }
}
