using CourseKit.Cli.Notebooks;
using Spectre.Console;

namespace CourseKit.Cli.Grading;

/// <summary>
/// What <c>coursekit grade</c> writes: per submission into DIR/&lt;student&gt;/, per class into DIR and onto the console.
/// </summary>
public interface IGradeOutputs
{
    /// <summary>Writes one graded submission's files into <paramref name="folder"/> (DIR/&lt;student&gt;).</summary>
    Task WriteSubmissionAsync(GradedSubmission graded, string folder);

    /// <summary>Writes the class's files into <paramref name="folder"/> (DIR) and shows the class on the console.</summary>
    void WriteClass(IReadOnlyList<SubmissionResult> results, string folder, IAnsiConsole console);
}

/// <summary>
/// The grader's own files: results.json (what grading found, read back by <c>coursekit gradebook merge</c>) and
/// graded.ipynb (the student's notebook as it ran), each written atomically; per class, one line per student.
/// </summary>
public class GradeOutputs : IGradeOutputs
{
    public const string ResultsFile = "results.json";
    public const string GradedNotebookFile = "graded.ipynb";

    public virtual Task WriteSubmissionAsync(GradedSubmission graded, string folder)
    {
        NotebookWriter.WriteAtomically(Path.Combine(folder, ResultsFile), graded.Result.ToJson() + "\n");
        if (graded.Notebook.Cells.Count > 0) NotebookWriter.Write(graded.Notebook, Path.Combine(folder, GradedNotebookFile));
        return Task.CompletedTask;
    }

    public virtual void WriteClass(IReadOnlyList<SubmissionResult> results, string folder, IAnsiConsole console)
    {
        foreach (var r in results)
            console.WriteLine(r.Gradable
                ? $"{r.Student}: {r.Points:0.##} of {r.MaxPoints:0.##} points ({r.Score:0%})"
                : $"{r.Student}: not gradable: {r.Reason}");
        console.WriteLine($"{results.Count(r => r.Gradable)} of {results.Count} submission(s) graded; results in {folder}");
    }
}
