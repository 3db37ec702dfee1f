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
/// Per submission: results.json (what grading found, read back by <c>coursekit gradebook merge</c>), graded.ipynb (the
/// student's notebook as it ran, hidden tests left out) and the student's feedback (feedback.ipynb and feedback.html,
/// see <see cref="FeedbackWriter"/>), each written whole or not at all. Per class: the gradebook (gradebook.csv,
/// junit.xml) and the class summary on the console.
/// </summary>
public class GradeOutputs : IGradeOutputs
{
    public const string ResultsFile = "results.json";
    public const string GradedNotebookFile = "graded.ipynb";

    public virtual async Task WriteSubmissionAsync(GradedSubmission graded, string folder)
    {
        NotebookWriter.WriteAtomically(Path.Combine(folder, ResultsFile), graded.Result.ToJson() + "\n");
        if (graded.Notebook.Cells.Count > 0) NotebookWriter.Write(graded.Notebook, Path.Combine(folder, GradedNotebookFile));
        await FeedbackWriter.WriteAsync(graded.Result, graded.Notebook, folder);
    }

    public virtual void WriteClass(IReadOnlyList<SubmissionResult> results, string folder, IAnsiConsole console)
    {
        Gradebook.GradebookWriter.Write(results, folder);
        Gradebook.ClassSummary.Print(results, console);
    }
}
