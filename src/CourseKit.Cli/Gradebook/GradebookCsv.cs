using System.Globalization;
using System.Text;
using CourseKit.Cli.Grading;

namespace CourseKit.Cli.Gradebook;

/// <summary>
/// The class's grades as CSV (RFC 4180: comma-separated, fields with a comma, quote or line break in double quotes,
/// CRLF line ends, UTF-8 without a byte-order mark — what Canvas writes by default and what Canvas, Moodle and Google
/// Sheets read). One row per student, sorted: the student, one column per question headed "q1 (3)" with its maximum,
/// total, max, percent and status. Numbers use a decimal point whatever the machine's language. A submission that
/// could not be graded has empty point cells (no grade yet, not a zero) and says why in its status.
/// </summary>
public static class GradebookCsv
{
    public const string FileName = "gradebook.csv";

    public static string ToText(IReadOnlyList<SubmissionResult> results)
    {
        var students = ClassResults.ByStudent(results);
        var questions = students.SelectMany(r => r.Questions).DistinctBy(q => q.Id).ToList();
        var text = new StringBuilder();
        Row(text, ["student", .. questions.Select(q => $"{q.Id} ({GradeNumbers.Points(q.MaxPoints)})"), "total", "max", "percent", "status"]);
        foreach (var result in students)
        {
            string Graded(Func<string> value) => result.Gradable ? value() : "";
            Row(text,
            [
                result.Student,
                .. questions.Select(q => Graded(() => result.Questions.FirstOrDefault(r => r.Id == q.Id) is { } mine ? GradeNumbers.Points(mine.Points) : "")),
                Graded(() => GradeNumbers.Points(result.Points)),
                result.MaxPoints > 0 ? GradeNumbers.Points(result.MaxPoints) : "",
                Graded(() => GradeNumbers.Points(result.Score * 100)),
                ClassResults.Status(result),
            ]);
        }
        return text.ToString();
    }

    static void Row(StringBuilder text, IEnumerable<string> fields) =>
        text.Append(string.Join(',', fields.Select(Field))).Append("\r\n");

    /// <summary>
    /// A field as CSV: quoted when it holds a comma, quote or line break (quotes doubled). Text that a spreadsheet would
    /// run as a formula (starting with =, +, -, @, tab or carriage return, e.g. a submission named "=HYPERLINK(…)")
    /// gets a leading apostrophe, as OWASP advises, so that opening the gradebook runs nothing. Numbers are left alone.
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
