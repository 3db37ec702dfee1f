using CourseKit.Cli.Grading;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Gradebook;

/// <summary>
/// Writes a class's gradebook into a folder: <c>gradebook.csv</c> for a spreadsheet or the LMS's grade import
/// (<see cref="GradebookCsv"/>) and <c>junit.xml</c> for CI and GitHub Classroom (<see cref="JUnitReport"/>), each
/// written whole or not at all.
/// </summary>
public static class GradebookWriter
{
    /// <exception cref="ArgumentException">The results are for several assignments, or name a student twice.</exception>
    public static void Write(IReadOnlyList<SubmissionResult> results, string folder)
    {
        if (ClassResults.Refusal([.. results.Select((r, i) => ($"result {i + 1} of {results.Count}", r))]) is { } refusal) throw new ArgumentException(refusal, nameof(results));
        NotebookWriter.WriteAtomically(Path.Combine(folder, GradebookCsv.FileName), GradebookCsv.ToText(results));
        NotebookWriter.WriteAtomically(Path.Combine(folder, JUnitReport.FileName), JUnitReport.ToXml(results));
    }
}
