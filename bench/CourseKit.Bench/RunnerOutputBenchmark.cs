using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseKit.Bench;

/// <summary>
/// Times how fast <c>coursekit run</c> passes a loud cell's output through: it writes notebooks whose second cell prints
/// 50 MB (as 500,000 lines of 100 bytes, or in one write) or a million short lines, runs the built CLI on each as a
/// separate process, and prints the time of that cell as the runner's log reports it (the first cell, <c>1</c>, pays
/// for starting the worker), plus the whole command's wall time:
/// <c>runner-output case=lines-50mb options=default cell_s=… wall_s=…</c>.
/// </summary>
internal static partial class RunnerOutputBenchmark
{
    static readonly (string Name, string Code)[] Cases =
    [
        ("lines-50mb", "var line = new string('x', 99);\nfor (int i = 0; i < 500_000; i++) Console.WriteLine(line);"),
        ("write-50mb", "Console.Write(new string('y', 50_000_000));"),
        ("million-lines", "for (int i = 0; i < 1_000_000; i++) Console.WriteLine(i);"),
    ];

    static readonly (string Name, string[] Options)[] Settings =
    [
        ("default", []),
        ("keep-full-output", ["--keep-full-output"]),
        ("no-cap", ["--max-output-per-cell", "200MB"]),
    ];

    public static int Run(ReadOnlySpan<string> args, Func<string, int> fail)
    {
        string? cli = null;
        for (int i = 0; i < args.Length; i += 2)
        {
            if (args[i] == "--cli" && i + 1 < args.Length) cli = args[i + 1];
            else return fail($"Unknown option or missing value: {args[i]}.");
        }
        cli ??= CoursekitCli.DefaultPath;
        if (CoursekitCli.Missing(cli) is { } missing) return fail(missing);

        var folder = Directory.CreateTempSubdirectory("coursekit-runner-bench-").FullName;
        try
        {
            foreach (var (name, code) in Cases)
            {
                var notebook = Path.Combine(folder, name + ".ipynb");
                File.WriteAllText(notebook, CoursekitCli.Notebook("1", code));
                foreach (var (setting, options) in Settings)
                {
                    var run = CoursekitCli.Run(cli, ["run", notebook, "--out", Path.Combine(folder, setting), .. options]);
                    var cell = CellTime().Match(run.Log);
                    if (run.ExitCode != 0 || !cell.Success)
                    {
                        Console.Error.WriteLine(run.Log);
                        return fail($"coursekit run failed on {name} ({setting}) with exit code {run.ExitCode}.");
                    }
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"runner-output case={name} options={setting} cell_s={cell.Groups[1].Value} wall_s={run.Wall.TotalSeconds:0.00}"));
                }
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
        return 0;
    }

    /// <summary>The second cell's line in the runner's log: "  [2] ok          1.23s  …".</summary>
    [GeneratedRegex(@"\[2\] ok\s+([\d.]+)s")]
    private static partial Regex CellTime();
}
