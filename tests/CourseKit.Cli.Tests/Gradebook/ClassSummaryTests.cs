using CourseKit.Cli.Gradebook;
using CourseKit.Cli.Grading;
using Spectre.Console;

namespace CourseKit.Cli.Tests.Gradebook;

public class ClassSummaryTests
{
    static string Print(IReadOnlyList<SubmissionResult> results)
    {
        var log = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(log),
        });
        console.Profile.Width = 120;
        ClassSummary.Print(results, console);
        return log.ToString();
    }

    static string Bar(int width) => new('█', width);

    [Fact]
    public void Counts_mean_median_and_histogram_of_the_graded_submissions()
    {
        var text = Print(ClassOfThree.All);

        Assert.Contains("a01-neuron: 3 submissions, 2 graded, 1 not gradable", text);
        Assert.Contains("Scores: mean 54.2%, median 54.2%", text);
        Assert.Contains($"   30–40%  {Bar(40)} 1\n", text);
        Assert.Contains($"   70–80%  {Bar(40)} 1\n", text);
        Assert.Contains("    0–10%  0\n", text);
        Assert.Contains("Not gradable: carol: the package CourseKit 9.9 could not be restored, the feed was unreachable", text);
    }

    [Fact]
    public void Most_failed_tests_leave_out_answers_waiting_for_hand_grading()
    {
        var text = Print(ClassOfThree.All);

        Assert.Matches(@"q1\.range\s+│\s+1 of 2\s+│ Sigmoid stays between 0 and 1", text);
        Assert.Matches(@"q2\.why\s+│\s+1 of 2\s+│", text);
        Assert.DoesNotMatch(@"q1\.sigmoid\s+│\s+\d+ of", text);
        Assert.Matches(@"q2 A forward pass\s+│\s+0\.75 / 3\s+│\s+0 of 2", text);
    }

    [Fact]
    public void A_submission_graded_without_the_sandbox_is_named_in_a_warning()
    {
        var text = Print(ClassOfThree.All);

        Assert.Contains("⚠ 1 submission ran WITHOUT the sandbox (not isolated): Smith, Bob \"the builder\".", text);
        Assert.DoesNotContain("WITHOUT the sandbox", Print([ClassOfThree.Alice]));
    }

    [Fact]
    public void Scores_on_bin_edges_fall_in_the_bin_they_start()
    {
        double[] scores = [0, 0.1, 0.1 + 0.2, 7.0 / 10, 0.6 * 3 / 3, 1];
        var results = scores.Select((s, i) => ClassOfThree.Alice with { Student = $"s{i}", Score = s }).ToList();

        var text = Print(results);

        foreach (var bin in new[] { "    0–10%", "   10–20%", "   30–40%", "   60–70%", "   70–80%", "   90–100%" })
            Assert.Contains($"{bin}{(bin.EndsWith("100%") ? " " : "  ")}{Bar(40)} 1\n", text);
        Assert.Contains("   20–30%  0\n", text);
    }
}
