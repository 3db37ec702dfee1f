namespace CourseKit.Cli.Grading;

/// <summary>
/// How the feedback marks an outcome: a symbol and a word, so that it reads without colour (printed in grey, or by a
/// student who does not tell red from green), and a colour for those who see it.
/// </summary>
public sealed record FeedbackMark(string Symbol, string Word, FeedbackTone Tone)
{
    /// <summary>A test's outcome, by its <see cref="TestResult.Status"/>.</summary>
    public static FeedbackMark ForTest(TestResult test) => test.Status switch
    {
        "passed" => new("✓", "passed", FeedbackTone.Good),
        "failed" => new("✗", "failed", FeedbackTone.Bad),
        "error" => new("✗", "error", FeedbackTone.Bad),
        "timeout" => new("✗", "timed out", FeedbackTone.Bad),
        "crashed" => new("✗", "crashed", FeedbackTone.Bad),
        "not-run" => new("✗", "not run", FeedbackTone.Bad),
        "manual" => new("✎", "graded by hand", FeedbackTone.Neutral),
        var other => new("?", other, FeedbackTone.Neutral),
    };

    /// <summary>A question's outcome: full marks, some, none, or waiting for the instructor's hand grading.</summary>
    public static FeedbackMark ForQuestion(double points, double maxPoints, IEnumerable<TestResult> tests)
    {
        bool waiting = tests.Any(t => t.Status == "manual");
        if (maxPoints > 0 && points >= maxPoints) return new("✓", "full marks", FeedbackTone.Good);
        if (waiting) return new("✎", points > 0 ? "partly graded, the rest by hand" : "graded by hand", FeedbackTone.Neutral);
        return points > 0 ? new("◐", "partly right", FeedbackTone.Partial) : new("✗", "no points", FeedbackTone.Bad);
    }
}

/// <summary>The colour of a mark or a box: green, amber, red, grey, or blue for information.</summary>
public enum FeedbackTone { Good, Partial, Bad, Neutral, Info }
