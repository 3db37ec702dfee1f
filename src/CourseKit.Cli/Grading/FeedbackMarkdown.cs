using System.Globalization;
using System.Text;
using CourseKit.Cli.Gradebook;

namespace CourseKit.Cli.Grading;

/// <summary>
/// The text of the feedback's own cells, as markdown that Jupyter, VS Code and the HTML page all show: the summary at
/// the top (score, whether the submission could be graded, what the grader noticed, each question and test) and one
/// verdict per question. Every piece of text that comes from a submission or a bundle is escaped, so that a message
/// quoting a student's value shows as text and never as markup.
/// </summary>
public static class FeedbackMarkdown
{
    /// <summary>The summary cell: what a student reads first.</summary>
    public static string Summary(SubmissionResult result, string title)
    {
        var text = new StringBuilder();
        Box(text, FeedbackTone.Info, box =>
        {
            box.Append($"# Feedback: {Escape(title)}\n\n");
            box.Append($"**Student:** {Escape(result.Student)} · **Assignment:** {Escape(result.Assignment)} · " +
                       $"graded {result.GradedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC\n\n");
            box.Append(result.Gradable
                ? $"## Score: {GradeNumbers.Points(result.Points)} / {PointsWord(result.MaxPoints)} ({GradeNumbers.Percent(result.Score)})\n"
                : "## Not graded yet\n");
        });
        if (!result.Gradable)
            Box(text, FeedbackTone.Partial, box => box.Append(
                $"**This submission could not be graded:** {Escape((result.Reason ?? "the grader failed").TrimEnd('.', ' '))}.\n\n" +
                "This is a problem with the grading system, **not with your work**, and it has not cost you any points. " +
                "Your instructor sees it in the gradebook and will grade your notebook again.\n"));
        if (!result.Isolated)
            Box(text, FeedbackTone.Partial, box => box.Append(
                "**⚠ Graded without the sandbox.** The grading machine could not isolate your code (bubblewrap was not " +
                "available), so this grade is provisional: your instructor may grade your notebook again.\n"));
        if (result.Notices.Count > 0)
            Box(text, FeedbackTone.Partial, box =>
            {
                box.Append("### What the grader noticed\n\n");
                foreach (var notice in result.Notices) box.Append($"- {Escape(notice)}\n");
            });
        if (!result.Gradable) return text.ToString();

        text.Append("### Questions\n\n| | Question | Points |\n|:--|:--|--:|\n");
        foreach (var (question, tests) in Questions(result))
        {
            var mark = FeedbackMark.ForQuestion(question.Points, question.MaxPoints, tests);
            text.Append($"| {Mark(mark)} | {QuestionName(question)} | {GradeNumbers.Points(question.Points)} / {GradeNumbers.Points(question.MaxPoints)} |\n");
        }
        text.Append("\n### Tests\n\n");
        if (result.Tests.Any(t => t.Visibility == "hidden"))
            text.Append("_Hidden tests are named and say what they check; their inputs and expected values stay with your instructor._\n\n");
        foreach (var (question, tests) in Questions(result))
            text.Append($"**{QuestionName(question)}**\n\n").Append(TestLines(tests)).Append('\n');
        text.Append("Your notebook follows, as it was graded, with each question's result after its tests.\n");
        return text.ToString();
    }

    /// <summary>A question's verdict: its points and each of its tests, in a box coloured by how it went.</summary>
    public static string Verdict(QuestionResult question, IReadOnlyList<TestResult> tests)
    {
        var mark = FeedbackMark.ForQuestion(question.Points, question.MaxPoints, tests);
        var text = new StringBuilder();
        Box(text, mark.Tone, box => box
            .Append($"{Mark(mark)} · **{QuestionName(question)}: {GradeNumbers.Points(question.Points)} / {PointsWord(question.MaxPoints)}**\n\n")
            .Append(TestLines(tests)));
        return text.ToString();
    }

    /// <summary>The questions in order, each with its tests; tests of a question the result does not list get one.</summary>
    public static IEnumerable<(QuestionResult Question, IReadOnlyList<TestResult> Tests)> Questions(SubmissionResult result)
    {
        var listed = result.Questions.Select(q => q.Id).ToHashSet();
        var unlisted = result.Tests.Where(t => !listed.Contains(t.Question)).GroupBy(t => t.Question)
            .Select(g => new QuestionResult(g.Key, "", g.Sum(t => t.Points), g.Sum(t => t.MaxPoints)));
        foreach (var question in result.Questions.Concat(unlisted))
            yield return (question, result.Tests.Where(t => t.Question == question.Id).ToList());
    }

    /// <summary>One list item per test: mark, what it checks, its id and kind, points; then its message and hint.</summary>
    static string TestLines(IReadOnlyList<TestResult> tests)
    {
        var text = new StringBuilder();
        foreach (var test in tests)
        {
            var description = test.Description.Length > 0 ? Escape(test.Description) : "(no description)";
            text.Append($"- {Mark(FeedbackMark.ForTest(test))} · {description} · `{Code(test.Id)}` ({Kind(test)}) · " +
                        $"{GradeNumbers.Points(test.Points)} / {PointsWord(test.MaxPoints)}\n");
            if (test.Status != "passed" && test.Message.Trim().Length > 0)
                text.Append($"\n  > {Escape(test.Message.Trim())}\n");
            if (test.Status != "passed" && !string.IsNullOrWhiteSpace(test.Hint))
                text.Append($"\n  **Hint:** {Escape(test.Hint.Trim())}\n");
        }
        return text.ToString();
    }

    /// <summary>What kind of test it is, in words: a public or hidden test, or a written (prose) answer.</summary>
    static string Kind(TestResult test) => test.Visibility switch
    {
        "prose" => "written answer",
        var visibility => $"{Escape(visibility)} test",
    };

    static string QuestionName(QuestionResult question) =>
        question.Title.Length > 0 ? $"{Escape(question.Id)} · {Escape(question.Title)}" : Escape(question.Id);

    /// <summary>The mark's symbol and word in bold, coloured where colour shows.</summary>
    static string Mark(FeedbackMark mark) =>
        $"<span style=\"color: {Colours(mark.Tone).Text}\">**{mark.Symbol} {Escape(mark.Word)}**</span>";

    /// <summary>Markdown inside a coloured box with a bar on its left (an HTML block: blank lines keep markdown inside it).</summary>
    static void Box(StringBuilder text, FeedbackTone tone, Action<StringBuilder> content)
    {
        var (bar, background) = Colours(tone);
        text.Append($"<div style=\"border-left: 6px solid {bar}; background: {background}; padding: 0.1rem 1rem; " +
                    "margin: 0.5rem 0; border-radius: 6px\">\n\n");
        content(text);
        text.Append("\n</div>\n\n");
    }

    static (string Text, string Background) Colours(FeedbackTone tone) => tone switch
    {
        FeedbackTone.Good => ("#1a7f37", "#dafbe1"),
        FeedbackTone.Partial => ("#9a6700", "#fff8c5"),
        FeedbackTone.Bad => ("#cf222e", "#ffebe9"),
        FeedbackTone.Info => ("#0969da", "#ddf4ff"),
        _ => ("#57606a", "#f6f8fa"),
    };

    static string PointsWord(double points) => $"{GradeNumbers.Points(points)} {(points == 1 ? "point" : "points")}";

    /// <summary>
    /// Plain text as markdown that shows it as it is: on one line, with the characters markdown or its math would act
    /// on escaped (HTML's own characters and brackets as entities: a backslash before a bracket would start math).
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text.ReplaceLineEndings(" "))
            escaped.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '[' => "&#91;",
                ']' => "&#93;",
                '\\' or '`' or '*' or '_' or '$' or '|' or '~' or '#' or '!' => $"\\{c}",
                _ => c.ToString(),
            });
        return escaped.ToString();
    }

    /// <summary>Text for inline code: backticks, which would end it, and line breaks become plain characters.</summary>
    static string Code(string text) => text.ReplaceLineEndings(" ").Replace('`', '\'');
}
