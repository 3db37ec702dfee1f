using System.Globalization;
using System.Text;
using System.Xml.Linq;
using CourseKit.Cli.Grading;

namespace CourseKit.Cli.Gradebook;

/// <summary>
/// The class's tests as JUnit XML, the test report format that CI systems and GitHub Actions' test reporters read
/// (the Ant/Surefire schema Jenkins validates: testsuites → testsuite → testcase). One testsuite per student (sorted),
/// one testcase per test, classname the student and name the test id. A test that earned nothing has a
/// <c>failure</c> whose type is its status (failed, error, timeout, crashed, not-run); a prose answer waiting for the
/// instructor is <c>skipped</c>; a submission that could not be graded has an <c>error</c> on each test (the
/// grader's problem, not the student's). Points go in each testcase's system-out and the suite's properties.
/// </summary>
public static class JUnitReport
{
    public const string FileName = "junit.xml";

    public static string ToXml(IReadOnlyList<SubmissionResult> results)
    {
        var suites = ClassResults.ByStudent(results).Select(Suite).ToList();
        var root = new XElement("testsuites");
        if (results.Select(r => r.Assignment).Distinct().ToList() is [var assignment]) root.Add(new XAttribute("name", Clean(assignment)));
        root.Add(Counts(suites.Elements("testcase").ToList()));
        root.Add(new XAttribute("time", Seconds(results.Sum(r => r.Seconds))));
        root.Add(suites);
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + root + "\n";
    }

    static XElement Suite(SubmissionResult result)
    {
        var cases = result.Tests.Select(t => Case(result, t)).ToList();
        if (!result.Gradable && cases.Count == 0)
            cases.Add(new XElement("testcase", new XAttribute("classname", Clean(result.Student)), new XAttribute("name", "grading"),
                new XAttribute("time", "0"), NotGradable(result)));
        return new XElement("testsuite",
            new XAttribute("name", Clean(result.Student)),
            Counts(cases),
            new XAttribute("time", Seconds(result.Seconds)),
            new XAttribute("timestamp", result.GradedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties",
                Property("assignment", result.Assignment),
                Property("status", ClassResults.Status(result)),
                Property("points", GradeNumbers.Points(result.Points)),
                Property("max-points", GradeNumbers.Points(result.MaxPoints)),
                Property("score", GradeNumbers.Points(result.Score))),
            cases);
    }

    static XElement Case(SubmissionResult result, TestResult test)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", Clean(result.Student)),
            new XAttribute("name", Clean(test.Id)),
            new XAttribute("time", Seconds(result.Cells.FirstOrDefault(c => c.Id == test.Cell)?.Seconds ?? 0)));
        if (!result.Gradable) element.Add(NotGradable(result));
        else if (test.Status == "manual")
            element.Add(new XElement("skipped", new XAttribute("message", "a prose answer the instructor grades by hand")));
        else if (test.Status != "passed")
        {
            var details = new StringBuilder(test.Description);
            if (test.Message.Length > 0) details.Append('\n').Append(test.Message);
            if (!string.IsNullOrWhiteSpace(test.Hint)) details.Append("\nHint: ").Append(test.Hint);
            var firstLine = test.Message.Split('\n')[0].Trim();
            element.Add(new XElement("failure",
                new XAttribute("message", Clean(firstLine.Length > 0 ? firstLine : test.Status)),
                new XAttribute("type", Clean(test.Status)),
                Clean(details.ToString())));
        }
        element.Add(new XElement("system-out",
            Clean($"{GradeNumbers.Points(test.Points)} of {GradeNumbers.Points(test.MaxPoints)} points ({test.Visibility} test): {test.Description}")));
        return element;
    }

    static XElement NotGradable(SubmissionResult result) =>
        new("error", new XAttribute("message", Clean(ClassResults.Status(result))), new XAttribute("type", "not-gradable"));

    static XAttribute[] Counts(IReadOnlyCollection<XElement> cases) =>
    [
        new("tests", cases.Count),
        new("failures", cases.Count(c => c.Element("failure") is not null)),
        new("errors", cases.Count(c => c.Element("error") is not null)),
        new("skipped", cases.Count(c => c.Element("skipped") is not null)),
    ];

    static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", Clean(value)));

    /// <summary>Seconds with at most three decimals and no thousands separator, as the Surefire schema's time type asks.</summary>
    static string Seconds(double seconds) => Math.Round(Math.Max(0, seconds), 3).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Text that XML 1.0 can hold: characters it forbids (NUL and other control characters a student's output
    /// may contain, lone surrogates) become U+FFFD.</summary>
    static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) clean.Append(c).Append(text[++i]);
            else clean.Append(System.Xml.XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
        }
        return clean.ToString();
    }
}
