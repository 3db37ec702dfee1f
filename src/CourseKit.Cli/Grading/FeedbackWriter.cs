using CourseKit.Cli.Html;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Grading;

/// <summary>
/// Writes what a student gets back for one submission: <c>feedback.ipynb</c>, which opens in Jupyter or VS Code, and
/// <c>feedback.html</c>, the same notebook as a page that opens in any browser and looks like the course's executed
/// notebooks (see <see cref="FeedbackNotebook"/> for what they hold). Each file is written whole or not at all.
/// </summary>
public static class FeedbackWriter
{
    public const string NotebookName = "feedback.ipynb";
    public const string PageName = "feedback.html";

    /// <param name="result">What grading the submission found.</param>
    /// <param name="graded">The student's cells as graded, with their outputs (hidden tests left out).</param>
    /// <param name="folder">The student's output folder (made if missing).</param>
    /// <param name="cancel">Stops before a file is written.</param>
    public static Task WriteAsync(SubmissionResult result, Notebook graded, string folder, CancellationToken cancel = default) =>
        Task.Run(() =>
        {
            var feedback = FeedbackNotebook.Build(result, graded, Path.Combine(folder, NotebookName));
            cancel.ThrowIfCancellationRequested();
            NotebookWriter.Write(feedback, feedback.Path);
            cancel.ThrowIfCancellationRequested();
            NotebookWriter.WriteAtomically(Path.Combine(folder, PageName), page => HtmlExporter.Export(feedback, folder, page));
        }, cancel);
}
