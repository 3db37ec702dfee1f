using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CourseKit.Bench;

/// <summary>What one run of the <c>coursekit</c> command gave: its exit code, its console output (stdout then stderr),
/// its wall time, and the peak memory of its own process and of its whole process tree (its workers included).</summary>
internal sealed record CliRun(int ExitCode, string Log, TimeSpan Wall, PeakMemory Memory)
{
    /// <summary>Each cell's seconds as the runner's and the grader's log report them ("  [3] ok   0.42s  …"), in order.</summary>
    public IReadOnlyList<double> CellSeconds => [.. CoursekitCli.CellLine().Matches(Log)
        .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
}

/// <summary>
/// Runs the built <c>coursekit</c> as a separate process, as a user or a CI job would, for the benchmarks that measure
/// the command as a whole (<see cref="RunnerOutputBenchmark"/>, <see cref="GradingBenchmark"/>), and writes the small
/// notebooks they give it.
/// </summary>
internal static partial class CoursekitCli
{
    /// <summary>The CLI that <c>dotnet build -c Release src/CourseKit.Cli</c> builds.</summary>
    public static string DefaultPath => Path.Combine(RepositoryRoot(), "src", "CourseKit.Cli", "bin", "Release", "net10.0", "CourseKit.Cli.dll");

    /// <summary>The message for a CLI that is not there, or null when it is.</summary>
    public static string? Missing(string cli) => File.Exists(cli) ? null
        : $"{cli} not found: build the CLI first (dotnet build -c Release src/CourseKit.Cli), or give --cli PATH.";

    /// <summary>Runs <c>dotnet CLI arguments…</c> with <paramref name="environment"/> added to this process's variables.</summary>
    public static CliRun Run(string cli, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        using var memory = new PeakMemorySampler(process.Id);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        return new CliRun(process.ExitCode, output + error.Result, clock.Elapsed, memory.Stop());
    }

    /// <summary>A cell's line in the log of <c>coursekit run</c> or <c>grade</c>: "  [2] ok          1.23s  …".</summary>
    [GeneratedRegex(@"\[\d+\] (?:ok|failed|timed out|crashed)\s+([\d.]+)s")]
    internal static partial Regex CellLine();

    /// <summary>A notebook of plain C# code cells, one per string.</summary>
    public static string Notebook(params string[] cells)
    {
        var array = new JsonArray();
        foreach (var code in cells)
            array.Add(new JsonObject
            {
                ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(), ["source"] = code,
            });
        return NotebookOf(array);
    }

    /// <summary>A notebook (nbformat 4.5, the .NET C# kernel) holding <paramref name="cells"/>.</summary>
    public static string NotebookOf(JsonArray cells) => new JsonObject
    {
        ["cells"] = cells,
        ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["language"] = "C#" } },
        ["nbformat"] = 4, ["nbformat_minor"] = 5,
    }.ToJsonString();

    /// <summary>The checkout this program was built in (the folder holding CourseKit.sln), else the current folder.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CourseKit.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
