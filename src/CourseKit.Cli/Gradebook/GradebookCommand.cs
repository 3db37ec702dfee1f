using Spectre.Console;

namespace CourseKit.Cli.Gradebook;

/// <summary><c>coursekit gradebook merge</c>: one gradebook from the results of submissions graded one at a time.</summary>
public static class GradebookCommand
{
    public const string Usage = """
        Usage: coursekit gradebook merge <results.json|folder>... [--out DIR]

        Makes one class gradebook from submissions graded separately (`coursekit grade` on one submission per
        container or GitHub Classroom run): reads each results.json given (any file name, e.g. results/*.json) and every
        results.json in or below each folder given, and writes DIR/gradebook.csv and DIR/junit.xml, as `coursekit grade`
        does for a whole class, then prints the class summary.

        Options:
          --out DIR      where to write the gradebook (default: the current folder)
          -h, --help     show this help

        Refused, with nothing written: results of different assignments, two results for one student, a file that is
        not a results.json.

        Exit code: 0 when every submission was graded, 1 when some could not be graded (their rows say why),
        2 for usage errors and refused results.
        """;

    public static int Run(string[] args, TextWriter log, IAnsiConsole console)
    {
        if (args is [] or ["-h" or "--help" or "help"])
        {
            log.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] != "merge") return UsageError(log, $"unknown gradebook command '{args[0]}' (the one there is: merge)");

        var inputs = new List<string>();
        string outDir = ".";
        try
        {
            bool outGiven = false;
            for (int i = 1; i < args.Length; i++)
                switch (args[i])
                {
                    case "-h" or "--help": log.WriteLine(Usage); return 0;
                    case "--out" or "-o" when outGiven: throw new UsageException("--out given twice");
                    case "--out" or "-o":
                        if (i + 1 >= args.Length || args[i + 1].StartsWith("--")) throw new UsageException("--out needs a folder");
                        outDir = OptionValues.OutputFolder("--out", args[++i]);
                        outGiven = true;
                        break;
                    case var other when other.StartsWith('-'): throw new UsageException($"unknown option '{other}'");
                    default: OptionValues.FullPath("a results file or folder", args[i]); inputs.Add(args[i]); break;
                }
            if (inputs.Count == 0) throw new UsageException("no results.json files or folders given");
        }
        catch (UsageException e) { return UsageError(log, e.Message); }

        IReadOnlyList<Grading.SubmissionResult> results;
        try { results = [.. ResultsFiles.Read(inputs).Select(r => r.Result)]; }
        catch (ResultsFileException e)
        {
            log.WriteLine($"coursekit gradebook merge: {e.Message}");
            log.WriteLine("Nothing was written.");
            return 2;
        }
        GradebookWriter.Write(results, outDir);
        log.WriteLine($"Wrote {Path.Combine(outDir, GradebookCsv.FileName)} and {Path.Combine(outDir, JUnitReport.FileName)} " +
                      $"({results.Count} submission{(results.Count == 1 ? "" : "s")}).");
        ClassSummary.Print(results, console);
        return results.All(r => r.Gradable) ? 0 : 1;
    }

    static int UsageError(TextWriter log, string message)
    {
        log.WriteLine($"coursekit gradebook: {message}");
        log.WriteLine("Run 'coursekit gradebook --help' for usage.");
        return 2;
    }
}
