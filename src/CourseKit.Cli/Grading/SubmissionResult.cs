using System.Text.Json;

namespace CourseKit.Cli.Grading;

/// <summary>
/// What grading one submission found: written as results.json beside its feedback, read back by
/// <c>coursekit gradebook merge</c>. Points are per test; a question's points are the sum of its tests'.
/// </summary>
public sealed record SubmissionResult
{
    /// <summary>The results format this coursekit writes; <c>gradebook merge</c> refuses newer ones.</summary>
    public const int CurrentFormat = 1;
    public int Format { get; init; } = CurrentFormat;
    /// <summary>The student id: the submission's file name without extension, or its folder's name.</summary>
    public required string Student { get; init; }
    public required string Assignment { get; init; }
    /// <summary>Points divided by max points, 0 to 1 (0 when not gradable).</summary>
    public required double Score { get; init; }
    public required double Points { get; init; }
    public required double MaxPoints { get; init; }
    /// <summary>False when grading itself failed (e.g. a package could not be restored): never the student's fault.</summary>
    public required bool Gradable { get; init; }
    /// <summary>Why it is not gradable, or null.</summary>
    public string? Reason { get; init; }
    /// <summary>False when it ran without the sandbox (bubblewrap missing): said loudly in the feedback and summary.</summary>
    public bool Isolated { get; init; } = true;
    public required DateTimeOffset GradedAt { get; init; }
    public double Seconds { get; init; }
    public required IReadOnlyList<QuestionResult> Questions { get; init; }
    public required IReadOnlyList<TestResult> Tests { get; init; }
    /// <summary>How each cell ran (the grader's order, hidden tests included by id only).</summary>
    public IReadOnlyList<CellResult> Cells { get; init; } = [];
    /// <summary>Things the grader noticed and the student should know: a locked cell that was changed and restored,
    /// a cell that was skipped after it crashed the session, output that was cut.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    public string ToJson() => JsonSerializer.Serialize(this, Json);
    public static SubmissionResult FromJson(string json) =>
        JsonSerializer.Deserialize<SubmissionResult>(json, Json) ?? throw new FormatException("results.json is empty");
}

public sealed record QuestionResult(string Id, string Title, double Points, double MaxPoints);

/// <summary>One test's outcome. Status: "passed", "failed", "error" (its cell threw or did not compile), "timeout",
/// "crashed" (took the session down), "not-run", "manual" (a prose answer waiting for the instructor).</summary>
public sealed record TestResult
{
    public required string Id { get; init; }
    public required string Question { get; init; }
    /// <summary>The id of the cell that runs the test (the prose answer's cell for a prose test): the feedback shows
    /// the question's verdict after it. Hidden test cells are not in the student's notebook; the verdict then follows
    /// the student's cell that came before it.</summary>
    public string? Cell { get; init; }
    public required string Visibility { get; init; }
    public required string Description { get; init; }
    public required double Points { get; init; }
    public required double MaxPoints { get; init; }
    public required string Status { get; init; }
    /// <summary>What is wrong, for the student; never a hidden test's inputs or expected values.</summary>
    public string Message { get; init; } = "";
    public string? Hint { get; init; }
    /// <summary>A short excerpt of what the cell printed (public tests only).</summary>
    public string? Output { get; init; }
}

/// <summary>How one cell ran: status "ok", "failed", "timeout", "crashed", "not-run", "skipped" (after it crashed
/// the session, replayed without it), and a note.</summary>
public sealed record CellResult(string Id, string Role, string Status, string? Note = null, double Seconds = 0);
