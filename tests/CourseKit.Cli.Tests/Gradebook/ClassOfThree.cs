using CourseKit.Cli.Grading;

namespace CourseKit.Cli.Tests.Gradebook;

/// <summary>
/// Three graded submissions of one assignment with two questions (q1: 3 points, q2: 3 points):
/// alice 4.5 of 6 with a prose answer waiting for hand grading; "Smith, Bob "the builder"" 2 of 6, graded without
/// the sandbox, with a timed-out hidden test, an error and a failed prose answer; carol not gradable.
/// </summary>
static class ClassOfThree
{
    public static readonly DateTimeOffset GradedAt = new(2026, 12, 6, 22, 30, 5, TimeSpan.Zero);

    public static readonly QuestionResult[] Questions =
    [
        new("q1", "The sigmoid neuron", 3, 3),
        new("q2", "A forward pass", 1.5, 3),
    ];

    static TestResult Sigmoid(string status) => new()
    {
        Id = "q1.sigmoid", Question = "q1", Cell = "c-sig-test", Visibility = "public", Description = "Sigmoid of 0, 1 and -2",
        Points = status == "passed" ? 2 : 0, MaxPoints = 2, Status = status,
    };

    static TestResult Range(string status, string message = "") => new()
    {
        Id = "q1.range", Question = "q1", Cell = "h-range", Visibility = "hidden",
        Description = "Sigmoid stays between 0 and 1 for large inputs", Points = status == "passed" ? 1 : 0, MaxPoints = 1,
        Status = status, Message = message, Hint = "Math.Exp(-z) overflows for very negative z; try a branch for z < 0.",
    };

    static TestResult Forward(string status, string message = "") => new()
    {
        Id = "q2.forward", Question = "q2", Cell = "c-fwd-test", Visibility = "public", Description = "Forward pass of a 2-3-1 network",
        Points = status == "passed" ? 1.5 : 0, MaxPoints = 1.5, Status = status, Message = message, Hint = "Multiply by W before adding b.",
    };

    static TestResult Why(string status, string message = "") => new()
    {
        Id = "q2.why", Question = "q2", Cell = "c-why", Visibility = "prose", Description = "Why a hidden layer needs a non-linear activation",
        Points = 0, MaxPoints = 1.5, Status = status, Message = message,
    };

    static readonly CellResult[] Cells =
    [
        new("a-sigmoid", "answer", "ok", Seconds: 0.25), new("c-sig-test", "public-test", "ok", Seconds: 0.5),
        new("h-range", "hidden-test", "ok", Seconds: 1.25), new("a-forward", "answer", "ok"),
        new("c-fwd-test", "public-test", "failed", Seconds: 0.125), new("c-why", "prose", "ok"),
    ];

    public static readonly SubmissionResult Alice = new()
    {
        Student = "alice", Assignment = "a01-neuron", Score = 0.75, Points = 4.5, MaxPoints = 6, Gradable = true,
        GradedAt = GradedAt, Seconds = 3.5, Questions = Questions, Cells = Cells,
        Tests = [Sigmoid("passed"), Range("passed"), Forward("passed"), Why("manual", "your instructor grades this answer by hand")],
    };

    public static readonly SubmissionResult Bob = new()
    {
        Student = "Smith, Bob \"the builder\"", Assignment = "a01-neuron", Score = 2.0 / 6, Points = 2, MaxPoints = 6, Gradable = true,
        Isolated = false, GradedAt = GradedAt, Seconds = 125.25, Cells = Cells,
        Questions = [new("q1", "The sigmoid neuron", 2, 3), new("q2", "A forward pass", 0, 3)],
        Tests =
        [
            Sigmoid("passed"),
            Range("timeout", "the test did not finish within 120 s and was stopped"),
            Forward("error", "expected 0.731 at [0], got <b>0.5</b>; your code threw <script>alert(1)</script>"),
            Why("failed", "the answer does not mention: validation"),
        ],
        Notices = ["The locked cell `c-setup` was changed; the assignment's version was run instead."],
    };

    public static readonly SubmissionResult Carol = new()
    {
        Student = "carol", Assignment = "a01-neuron", Score = 0, Points = 0, MaxPoints = 6, Gradable = false,
        Reason = "the package CourseKit 9.9 could not be restored, the feed was unreachable", GradedAt = GradedAt, Seconds = 2,
        Questions = [], Tests = [],
    };

    public static readonly SubmissionResult[] All = [Bob, Carol, Alice];
}
