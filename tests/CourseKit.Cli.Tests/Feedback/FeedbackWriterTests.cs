using System.Text.Json.Nodes;
using CourseKit.Cli.Grading;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Tests.Gradebook;
using CourseKit.Testing;

namespace CourseKit.Cli.Tests.Feedback;

public class FeedbackWriterTests
{
    static async Task<(Notebook Notebook, string Summary, string Html, string Folder)> WriteAsync(SubmissionResult result)
    {
        var folder = Path.Combine(TestNotebooks.NewFolder(), "student");
        await FeedbackWriter.WriteAsync(result, GradedNotebooks.Bob(), folder);
        var notebook = NotebookReader.Read(Path.Combine(folder, "feedback.ipynb"));
        return (notebook, notebook.Cells[0].Source, File.ReadAllText(Path.Combine(folder, "feedback.html")), folder);
    }

    static string AllText(Notebook notebook) => string.Join("\n", notebook.Cells.Select(c => c.Source));

    [Fact]
    public async Task The_summary_shows_the_score_the_warnings_the_notices_and_each_question()
    {
        var (_, summary, _, _) = await WriteAsync(ClassOfThree.Bob);

        Assert.Contains("# Feedback: The neuron\n", summary);
        Assert.Contains("**Student:** Smith, Bob \"the builder\" · **Assignment:** a01-neuron · graded 2026-12-06 22:30 UTC", summary);
        Assert.Contains("## Score: 2 / 6 points (33.3%)\n", summary);
        Assert.Contains("**⚠ Graded without the sandbox.**", summary);
        Assert.Contains("- The locked cell \\`c-setup\\` was changed; the assignment's version was run instead.\n", summary);
        Assert.Contains("| <span style=\"color: #9a6700\">**◐ partly right**</span> | q1 · The sigmoid neuron | 2 / 3 |", summary);
        Assert.Contains("| <span style=\"color: #cf222e\">**✗ no points**</span> | q2 · A forward pass | 0 / 3 |", summary);
    }

    [Fact]
    public async Task A_hidden_test_is_named_and_described_with_the_graders_message_and_its_hint()
    {
        var (notebook, summary, _, _) = await WriteAsync(ClassOfThree.Bob);

        var line = "- <span style=\"color: #cf222e\">**✗ timed out**</span> · Sigmoid stays between 0 and 1 for large inputs · " +
                   "`q1.range` (hidden test) · 0 / 1 point\n" +
                   "\n  > the test did not finish within 120 s and was stopped\n\n" +
                   "  **Hint:** Math.Exp(-z) overflows for very negative z; try a branch for z &lt; 0.\n";
        Assert.Contains(line, summary);
        Assert.Contains(line, notebook.Cells.Single(c => c.Id == "feedback-q1").Source);
        Assert.Contains("_Hidden tests are named and say what they check; their inputs and expected values stay with your instructor._", summary);
        // What the grader ran for the hidden test never reaches the student: only its description and message.
        Assert.DoesNotContain("h-range", AllText(notebook));
    }

    [Fact]
    public async Task Each_verdict_follows_the_last_cell_of_its_question_and_the_students_cells_keep_their_outputs()
    {
        var (notebook, _, _, folder) = await WriteAsync(ClassOfThree.Bob);

        Assert.Equal(["feedback.html", "feedback.ipynb"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());   // no temporary files left
        Assert.Equal(["feedback-summary", "m-title", "a-sigmoid", "c-sig-test", "feedback-q1", "m-q2", "a-forward", "c-fwd-test", "c-why", "feedback-q2"],
            notebook.Cells.Select(c => c.Id));
        Assert.Equal("Sigmoid is ready\n", notebook.Cells[2].Outputs.Single()["text"]!.GetValue<string>());
        // The report sent to the grader is the grader's business, not an output of the student's.
        Assert.Equal(["✓ sigmoid\n"], notebook.Cells[3].Outputs.Select(o => o["text"]!.GetValue<string>()));
        Assert.Equal("feedback", notebook.Cells[4].Metadata["coursekit"]!["role"]!.GetValue<string>());
        Assert.False(notebook.Cells[4].Metadata["editable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_question_tested_only_by_hidden_tests_follows_the_cell_the_grader_ran_before_them()
    {
        var onlyHidden = ClassOfThree.Alice with
        {
            Questions = [new QuestionResult("q1", "The sigmoid neuron", 1, 1)],
            Tests = [ClassOfThree.Alice.Tests[1]],
            Cells = [new("a-sigmoid", "answer", "ok"), new("h-range", "hidden-test", "ok"), new("c-sig-test", "public-test", "ok")],
        };

        var (notebook, _, _, _) = await WriteAsync(onlyHidden);

        Assert.Equal(["feedback-summary", "m-title", "a-sigmoid", "feedback-q1", "c-sig-test"], notebook.Cells.Take(5).Select(c => c.Id));
        Assert.Contains("<span style=\"color: #1a7f37\">**✓ full marks**</span> · **q1 · The sigmoid neuron: 1 / 1 point**", notebook.Cells[3].Source);
    }

    [Fact]
    public async Task A_submission_that_could_not_be_graded_says_why_and_that_it_is_not_the_students_fault()
    {
        var (notebook, summary, _, _) = await WriteAsync(ClassOfThree.Carol with { Reason = ClassOfThree.Carol.Reason + "." });

        Assert.Contains("## Not graded yet\n", summary);
        Assert.Contains("**This submission could not be graded:** the package CourseKit 9.9 could not be restored, the feed was unreachable.", summary);
        Assert.Contains("**not with your work**", summary);
        Assert.DoesNotContain("Score:", summary);
        Assert.DoesNotContain(notebook.Cells, c => c.Id.StartsWith("feedback-q"));
    }

    [Fact]
    public async Task Text_from_a_submission_shows_as_text_in_the_page_never_as_markup()
    {
        var (_, _, html, _) = await WriteAsync(ClassOfThree.Bob);

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.DoesNotContain("<b>0.5</b>", html);
        Assert.Contains("got &lt;b&gt;0.5&lt;/b&gt;; your code threw &lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Theory]
    [InlineData("a*b_c*", "a\\*b\\_c\\*")]
    [InlineData("[link](http://x)", "&#91;link&#93;(http://x)")]
    [InlineData("costs $5 and \\(x\\)", "costs \\$5 and \\\\(x\\\\)")]
    [InlineData("two\nlines", "two lines")]
    public void Escaped_text_keeps_markdown_and_math_from_acting_on_it(string text, string markdown)
    {
        Assert.Equal(markdown, FeedbackMarkdown.Escape(text));
    }

    [SkippableFact]
    public async Task The_page_shows_the_score_in_a_browser()
    {
        Skip.IfNot(HeadlessChromium.IsInstalled, "Debian's chromium is not installed (./test.sh installs it)");
        var (_, _, _, folder) = await WriteAsync(ClassOfThree.Bob);
        var page = Path.Combine(folder, "feedback.html");

        var visit = await new HeadlessChromium().DumpDomAsync(page);
        var shot = await new HeadlessChromium().ScreenshotAsync(page, Path.Combine(folder, "feedback.png"), 1100, 1800);

        Assert.Contains("<h2 id=\"score-2-6-points-33.3\">Score: 2 / 6 points (33.3%)</h2>", visit.Output);
        Assert.Contains("✗ timed out", visit.Output);
        Assert.Empty(visit.RequestsOffTheMachine);
        Assert.True(new FileInfo(Path.Combine(folder, "feedback.png")).Length > 10_000, shot.Log);
    }
}
