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
               coursekit assign <master.ipynb|folder>... --out DIR   (autograded assignments: coursekit assign --help)
               coursekit grade <submissions>... --bundle NAME.bundle.json --out DIR   (coursekit grade --help)
               coursekit gradebook merge <results.json|folder>... [--out DIR]   (coursekit gradebook --help)

        Runs the C# cells of each notebook in order, in a fresh process per notebook, and writes the executed notebook.

        Options:
          --out DIR                 write DIR/<name>.ipynb (default: <name>.executed.ipynb beside each notebook)
          --html                    also write <name>.html, a standalone page of the executed notebook
          --timeout-per-cell S      stop a cell that runs longer than S seconds (default 600; 0.1 to 1000000)
          --keep-going              run the remaining cells after a cell fails (default: stop at the first failure,
                                    like Jupyter's "Run All"; the cells after it are marked "not run")
          --verbose                 list every cell in the summary (default: failures and totals)
          --data DIR                course data folder (must exist), given to cells as COURSEKIT_DATA
          --max-output-per-cell N   keep at most N bytes of each of a cell's stdout, stderr and displays (default
                                    4MB; k/KB and M/MB allowed); the rest is left out with one "output truncated" line
          --keep-full-output        also write a cut stream in full to <name>.cell-N.stdout.txt beside the output
          -h, --help                show this help

        The output folder is checked before anything runs. A notebook whose output file cannot be written (a folder in the
        way, two notebooks with the same output name) fails without running; the others still run.

        Exit code: 0 when every cell of every notebook succeeded, 1 otherwise, 2 for usage errors,
        130, 143, 129 or 131 when stopped by Ctrl-C, SIGTERM, SIGHUP or SIGQUIT (the notebook's processes are
        stopped too).
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
        if (args[0] == "assign") return await Assignments.AssignCommand.RunAsync(args[1..], log, cancel);
        if (args[0] == "grade") return await Grading.GradeCommand.RunAsync(args[1..], log, console, cancel);
        if (args[0] == "gradebook") return Gradebook.GradebookCommand.Run(args[1..], log, console);
        if (args[0] != "run")
            return UsageError(log, $"unknown command '{args[0]}'");

        var inputs = new List<string>();
        string? outDir = null, dataDir = null;
        bool html = false, keepGoing = false, verbose = false, keepFullOutput = false;
        long maxOutput = RunOptions.DefaultMaxOutputPerCell;
        var timeout = TimeSpan.FromSeconds(600);
        IReadOnlyList<NotebookInput> notebooks = [];
        try
        {
            var reader = new OptionReader(args, start: 1);
            while (reader.Next(("-o", "--out")) is { } option)
            {
                switch (option)
                {
                    case "--out": outDir = OptionValues.OutputFolder(option, reader.Value()); break;
                    case "--data": dataDir = OptionValues.ExistingFolder(option, reader.Value()); break;
                    case "--html": html = true; break;
                    case "--keep-going": keepGoing = true; break;
                    case "--verbose": verbose = true; break;
                    case "--timeout-per-cell": timeout = OptionValues.Seconds(option, reader.Value()); break;
                    case "--max-output-per-cell": maxOutput = OptionValues.ByteCount(option, reader.Value()); break;
                    case "--keep-full-output": keepFullOutput = true; break;
                    case "-h" or "--help": log.WriteLine(Usage); return 0;
                    case var other when other.StartsWith('-'): throw new UsageException($"unknown option '{other}'");
                    default: OptionValues.FullPath("a notebook or folder", option); inputs.Add(option); break;
                }
            }
            if (inputs.Count == 0) throw new UsageException("no notebook or folder given");
            notebooks = NotebookFinder.Find(inputs, outDir);
            if (notebooks.Count == 0) throw new UsageException($"no .ipynb or .dib notebooks in {string.Join(", ", inputs)}");
        }
        catch (UsageException e) { return UsageError(log, e.Message); }
        catch (FileNotFoundException e) { return UsageError(log, e.Message); }

        var options = new RunOptions
        {
            Inputs = inputs,
            OutputDirectory = outDir,
            Html = html,
            KeepGoing = keepGoing,
            TimeoutPerCell = timeout,
            DataDirectory = dataDir,
            MaxOutputPerCell = maxOutput,
            KeepFullOutput = keepFullOutput,
            Log = log,
        };
        try
        {
            var report = await new NotebookRunner(options).RunAsync(notebooks, cancel);
            Summary.Print(report, console, verbose);
            return report.ExitCode;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            log.WriteLine("coursekit: stopped; the worker and every process the notebook started were stopped, nothing more was written.");
            return 130;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A defect in coursekit itself: say what happened instead of ending with an unhandled exception.
            log.WriteLine($"coursekit: unexpected error: {e.GetType().Name}: {e.Message}");
            log.WriteLine("This is a bug in coursekit; please report it with the lines below.");
            log.WriteLine(e.StackTrace);
            return 1;
        }
    }

    static int UsageError(TextWriter log, string message)
    {
        log.WriteLine($"coursekit: {message}");
        log.WriteLine("Run 'coursekit --help' for usage.");
        return 2;
    }
}
