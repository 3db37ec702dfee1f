using System.Globalization;
using System.Text.Json.Nodes;

namespace CourseKit.Bench;

/// <summary>
/// Times <c>coursekit grade</c> as an instructor or a CI job runs it (the built CLI as a separate process) on a small
/// assignment (<see cref="GradingAssignment"/>) written into a folder of the checkout, whose nuget.config gives the
/// locally packed CourseKit:
/// <list type="number">
/// <item>one right submission graded, against the same cells (hidden tests included) run by <c>coursekit run</c>:
/// what grading costs beyond running the cells; and one whose answer cell never ends, which shows what the restart
/// and replay of the cells before it cost beyond the cell's time limit (medians of <c>--repeat</c> runs);</item>
/// <item>a class of <c>--submissions</c> (right, partly wrong, one infinite loop) graded with <c>--jobs</c>: wall
/// time, the median of each submission's own grading time, and the grader's peak memory.</item>
/// </list>
/// Every line carries the machine's 1-minute load average when it was measured: on a shared machine other work
/// slows every figure down.
/// </summary>
internal static class GradingBenchmark
{
    sealed record Options(string Cli, int Submissions, int Jobs, int Repeat, double CellTimeout);

    /// <summary>The points each kind of submission earns (8 in all): what the class run checks the grader gave.</summary>
    static readonly Dictionary<Answers, double> Earned = new()
    {
        [Answers.Right] = 8, [Answers.WrongSigmoid] = 5, [Answers.WrongSquare] = 7, [Answers.ShortProse] = 7, [Answers.InfiniteLoop] = 6,
    };

    public static int Run(ReadOnlySpan<string> args, Func<string, int> fail)
    {
        var (o, error) = ParseOptions(args);
        if (o is null) return fail(error!);
        if (CoursekitCli.Missing(o.Cli) is { } missing) return fail(missing);

        // Inside the checkout: its nuget.config names artifacts/packages, where CourseKit is packed.
        var folder = Path.Combine(CoursekitCli.RepositoryRoot(), "artifacts", $"bench-grading-{Guid.NewGuid():N}"[..22]);
        Directory.CreateDirectory(folder);
        try
        {
            var bundle = Path.Combine(folder, "bench.bundle.json");
            File.WriteAllText(bundle, GradingAssignment.Bundle(o.CellTimeout));
            return OneSubmission(o, folder, bundle) ?? (o.Submissions > 0 ? Class(o, folder, bundle) : 0);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    /// <summary>Part 1; null when it went as expected, else the exit code.</summary>
    static int? OneSubmission(Options o, string folder, string bundle)
    {
        var cells = Path.Combine(folder, "cells.ipynb");
        File.WriteAllText(cells, GradingAssignment.GradedCellsNotebook());
        var right = Write(Path.Combine(folder, "one", "right.ipynb"), GradingAssignment.Submission(Answers.Right));
        var loop = Write(Path.Combine(folder, "one", "loop.ipynb"), GradingAssignment.Submission(Answers.InfiniteLoop));
        var grading = new Dictionary<string, string> { ["COURSEKIT_GRADING"] = "1" };

        var runs = new List<CliRun>();
        var grades = new List<(CliRun Run, JsonObject Result)>();
        var replays = new List<(CliRun Run, JsonObject Result)>();
        for (int i = 0; i < o.Repeat; i++)
        {
            var run = CoursekitCli.Run(o.Cli, ["run", cells, "--out", Path.Combine(folder, $"run-{i}")], grading);
            if (run.ExitCode != 0) return Failed("coursekit run", run);
            runs.Add(run);
            var grade = Grade(o, bundle, right, Path.Combine(folder, $"grade-{i}"), 0, 1);
            if (grade is null) return 1;
            grades.Add(grade.Value);
            var replay = Grade(o, bundle, loop, Path.Combine(folder, $"replay-{i}"), 0, 1);
            if (replay is null) return 1;
            replays.Add(replay.Value);
        }

        double runWall = Median(runs.Select(r => r.Wall.TotalSeconds)), runCells = Median(runs.Select(r => r.CellSeconds.Sum()));
        Line($"case=run-cells wall_s={runWall:0.00} cells_s={runCells:0.00} first_cell_s={Median(runs.Select(r => r.CellSeconds[0])):0.00}");

        double gradeWall = Median(grades.Select(g => g.Run.Wall.TotalSeconds));
        double graded = Median(grades.Select(g => Seconds(g.Result)));
        double gradeCells = Median(grades.Select(g => CellSeconds(g.Result).Sum()));
        Line($"case=grade-one wall_s={gradeWall:0.00} graded_s={graded:0.00} cells_s={gradeCells:0.00} " +
             $"first_cell_s={Median(grades.Select(g => CellSeconds(g.Result)[0])):0.00} " +
             $"overhead_vs_run_s={gradeWall - runWall:0.00} outside_cells_s={gradeWall - gradeCells:0.00} " +
             $"peak_mib={Median(grades.Select(g => g.Run.Memory.ProcessMiB)):0} tree_peak_mib={Median(grades.Select(g => g.Run.Memory.TreeMiB)):0}");

        double replayWall = Median(replays.Select(r => r.Run.Wall.TotalSeconds));
        Line($"case=grade-replay wall_s={replayWall:0.00} graded_s={Median(replays.Select(r => Seconds(r.Result))):0.00} " +
             $"cell_timeout_s={o.CellTimeout:0.#} restart_and_replay_s={replayWall - o.CellTimeout - gradeWall:0.00}");
        return null;
    }

    /// <summary>Part 2: the class, graded by one <c>coursekit grade</c> with <c>--jobs</c>.</summary>
    static int Class(Options o, string folder, string bundle)
    {
        var submissions = Path.Combine(folder, "class");
        var kinds = new Dictionary<string, Answers>();
        for (int i = 0; i < o.Submissions; i++)
        {
            var kind = i == o.Submissions / 2 ? Answers.InfiniteLoop : (i % 5) switch
            {
                2 => Answers.WrongSigmoid,
                3 => Answers.WrongSquare,
                4 => Answers.ShortProse,
                _ => Answers.Right,
            };
            var student = $"s{i + 1:000}";
            kinds[student] = kind;
            Write(Path.Combine(submissions, student + ".ipynb"), GradingAssignment.Submission(kind));
        }
        var load = Load();
        var graded = Grade(o, bundle, submissions, Path.Combine(folder, "class-out"), o.Submissions, o.Jobs);
        if (graded is null) return 1;
        var run = graded.Value.Run;

        var seconds = new List<double>();
        foreach (var (student, kind) in kinds)
        {
            var result = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "class-out", student, "results.json")))!.AsObject();
            double points = result["points"]!.GetValue<double>();
            if (points != Earned[kind])
            {
                Console.Error.WriteLine(run.Log);
                Console.Error.WriteLine($"{student} ({kind}) got {points} points, not {Earned[kind]}.");
                return 1;
            }
            seconds.Add(Seconds(result));
        }
        Line($"case=class submissions={o.Submissions} jobs={o.Jobs} cell_timeout_s={o.CellTimeout:0.#} wall_s={run.Wall.TotalSeconds:0.0} " +
             $"wall_per_submission_s={run.Wall.TotalSeconds / o.Submissions:0.00} submission_median_s={Median(seconds):0.00} " +
             $"submission_max_s={seconds.Max():0.00} peak_mib={run.Memory.ProcessMiB:0} tree_peak_mib={run.Memory.TreeMiB:0}", load);
        return 0;
    }

    /// <summary>Runs <c>coursekit grade</c>; checks its exit code, and for one submission reads its results.json.</summary>
    static (CliRun Run, JsonObject Result)? Grade(Options o, string bundle, string submissions, string output, int count, int jobs)
    {
        var run = CoursekitCli.Run(o.Cli, ["grade", submissions, "--bundle", bundle, "--out", output, "--jobs", jobs.ToString(CultureInfo.InvariantCulture)]);
        if (run.ExitCode != 0)
        {
            Failed("coursekit grade", run);
            return null;
        }
        if (count > 0) return (run, new JsonObject());
        var results = Path.Combine(output, Path.GetFileNameWithoutExtension(submissions), "results.json");
        return (run, JsonNode.Parse(File.ReadAllText(results))!.AsObject());
    }

    static double Seconds(JsonObject result) => result["seconds"]!.GetValue<double>();

    static List<double> CellSeconds(JsonObject result) => [.. result["cells"]!.AsArray().Select(c => c!["seconds"]!.GetValue<double>())];

    static int Failed(string what, CliRun run)
    {
        Console.Error.WriteLine(run.Log);
        Console.Error.WriteLine($"{what} exited with code {run.ExitCode}.");
        return 1;
    }

    static string Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Prints one result line with the load average now and, when given, at its start.</summary>
    static void Line(string figures, string? loadBefore = null) =>
        Console.WriteLine($"grading {figures} load={(loadBefore is null ? "" : loadBefore + "→")}{Load()}");

    /// <summary>The 1-minute load average (/proc/loadavg), or "?" where there is none.</summary>
    static string Load()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "?"; }
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    static (Options? Options, string? Error) ParseOptions(ReadOnlySpan<string> args)
    {
        string cli = CoursekitCli.DefaultPath;
        int submissions = 100, jobs = 2, repeat = 3;
        double timeout = 10;
        for (int i = 0; i < args.Length; i += 2)
        {
            if (args[i] is not ("--cli" or "--submissions" or "--jobs" or "--repeat" or "--cell-timeout"))
                return (null, $"Unknown option '{args[i]}'.");
            if (i + 1 >= args.Length) return (null, $"Option {args[i]} needs a value.");
            string value = args[i + 1];
            bool ok = args[i] switch
            {
                "--cli" => (cli = value).Length > 0,
                "--submissions" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out submissions),
                "--jobs" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out jobs) && jobs is >= 1 and <= 64,
                "--repeat" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out repeat) && repeat >= 1,
                _ => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out timeout) && timeout > 0,
            };
            if (!ok) return (null, $"Option {args[i]} does not take '{value}'.");
        }
        return (new Options(cli, submissions, jobs, repeat, timeout), null);
    }
}
