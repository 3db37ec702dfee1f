using System.Globalization;
using CourseKit.Cli.Running;
using CourseKit.Cli.Worker;
using Spectre.Console;

namespace CourseKit.Cli;

/// <summary>The <c>coursekit</c> command.</summary>
public static class Program
{
    /// <summary>The hidden verb that turns this executable into a cell-running worker process.</summary>
    public const string WorkerVerb = "__worker";

    public const string Usage = """
        Usage: coursekit run <notebook.ipynb|notebook.dib|folder>... [options]

        Runs the C# cells of each notebook in order, in a fresh process per notebook, and writes the executed notebook.

        Options:
          --out DIR                 write DIR/<name>.ipynb (default: <name>.executed.ipynb beside each notebook)
          --html                    also write <name>.html, a standalone page of the executed notebook
          --timeout-per-cell S      stop a cell that runs longer than S seconds (default 600)
          --data DIR                course data folder, given to cells as COURSEKIT_DATA
          --max-output-per-cell N   keep at most N bytes of each of a cell's stdout and stderr (default 4MB;
                                    k/KB and M/MB allowed); the rest is left out with one "output truncated" line
          --keep-full-output        also write a cut stream in full to <name>.cell-N.stdout.txt beside the output
          -h, --help                show this help

        Exit code: 0 when every cell of every notebook succeeded, 1 otherwise, 2 for usage errors,
        130 or 143 when stopped by Ctrl-C or SIGTERM (the notebook's processes are stopped too).
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args is [WorkerVerb, var socket]) return await WorkerHost.RunAsync(socket);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        // The runner owns every process a notebook starts: orphans come to it, and none outlives it.
        Posix.AdoptOrphans();
        using var signals = new ShutdownSignals();
        try
        {
            int code = await RunAsync(args, Console.Out, console, signals.Token);
            return signals.ExitCode ?? code;
        }
        finally { ProcessTree.KillDescendants(); }
    }

    /// <summary>Parses and runs a command line; what Main does, callable from tests.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter log, IAnsiConsole console, CancellationToken cancel = default)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            log.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] != "run")
            return UsageError(log, $"unknown command '{args[0]}'");

        var inputs = new List<string>();
        string? outDir = null, dataDir = null;
        bool html = false, keepFullOutput = false;
        long maxOutput = RunOptions.DefaultMaxOutputPerCell;
        double timeout = 600;
        for (int i = 1; i < args.Length; i++)
        {
            string Value()
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--")) throw new ArgumentException($"{args[i]} needs a value");
                return args[++i];
            }
            try
            {
                switch (args[i])
                {
                    case "--out" or "-o": outDir = Value(); break;
                    case "--data": dataDir = Value(); break;
                    case "--html": html = true; break;
                    case "--timeout-per-cell":
                        var text = Value();
                        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out timeout) || timeout <= 0)
                            throw new ArgumentException($"--timeout-per-cell needs a number of seconds > 0, not '{text}'");
                        break;
                    case "--max-output-per-cell":
                        var size = Value();
                        maxOutput = ByteSize.Parse(size)
                            ?? throw new ArgumentException($"--max-output-per-cell needs a number of bytes > 0 (e.g. 4MB), not '{size}'");
                        break;
                    case "--keep-full-output": keepFullOutput = true; break;
                    case "-h" or "--help": log.WriteLine(Usage); return 0;
                    case var option when option.StartsWith('-'): throw new ArgumentException($"unknown option '{option}'");
                    default: inputs.Add(args[i]); break;
                }
            }
            catch (ArgumentException e) { return UsageError(log, e.Message); }
        }
        if (inputs.Count == 0) return UsageError(log, "no notebook or folder given");
        if (dataDir is not null && !Directory.Exists(dataDir)) return UsageError(log, $"--data {dataDir}: no such folder");

        var options = new RunOptions
        {
            Inputs = inputs,
            OutputDirectory = outDir,
            Html = html,
            TimeoutPerCell = TimeSpan.FromSeconds(timeout),
            DataDirectory = dataDir,
            MaxOutputPerCell = maxOutput,
            KeepFullOutput = keepFullOutput,
            Log = log,
        };
        try
        {
            if (NotebookFinder.Find(inputs, outDir).Count == 0) return UsageError(log, $"no .ipynb or .dib notebooks in {string.Join(", ", inputs)}");
        }
        catch (FileNotFoundException e) { return UsageError(log, e.Message); }

        RunReport report;
        try { report = await new NotebookRunner(options).RunAsync(cancel); }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            log.WriteLine("coursekit: stopped; the worker and every process the notebook started were stopped, nothing more was written.");
            return 130;
        }
        Summary.Print(report, console);
        return report.ExitCode;
    }

    static int UsageError(TextWriter log, string message)
    {
        log.WriteLine($"coursekit: {message}");
        log.WriteLine("Run 'coursekit --help' for usage.");
        return 2;
    }
}
