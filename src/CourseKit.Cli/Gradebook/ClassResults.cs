using CourseKit.Cli.Grading;

namespace CourseKit.Cli.Gradebook;

/// <summary>What the gradebook's files share about a class's results: the order of students, each one's status, and
/// the check that the results belong together.</summary>
public static class ClassResults
{
    /// <summary>The results sorted by student id (ignoring case, then exactly, so that the order never depends on the machine).</summary>
    public static IReadOnlyList<SubmissionResult> ByStudent(IEnumerable<SubmissionResult> results) =>
        [.. results.OrderBy(r => r.Student, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Student, StringComparer.Ordinal)];

    /// <summary>"graded", "not isolated" (graded without the sandbox) or "not gradable: why"; a graded one also says how
    /// many prose answers wait for the instructor.</summary>
    public static string Status(SubmissionResult result)
    {
        if (!result.Gradable) return $"not gradable: {result.Reason ?? "no reason was recorded"}";
        int manual = result.Tests.Count(t => t.Status == "manual");
        return (result.Isolated ? "graded" : "not isolated") +
               (manual > 0 ? $", {manual} answer{(manual == 1 ? "" : "s")} to grade by hand" : "");
    }

    /// <summary>
    /// Why these results cannot make one gradebook, or null when they can: they must all be for one assignment, graded
    /// with one version of its bundle (the same questions and points), and each student may have one result. Each result comes with where it came from (a file), for the message.
    /// </summary>
    public static string? Refusal(IReadOnlyList<(string Source, SubmissionResult Result)> results)
    {
        var assignments = results.GroupBy(r => r.Result.Assignment).ToList();
        if (assignments.Count > 1)
            return $"these results are for {assignments.Count} different assignments: " +
                   string.Join("; ", assignments.Select(a => $"{a.Key} ({Sources(a)})")) +
                   ". A gradebook holds one assignment: merge each assignment's results separately.";
        var versions = results.Where(r => r.Result.Gradable)
            .GroupBy(r => string.Join(", ", r.Result.Questions.Select(q => $"{q.Id} ({GradeNumbers.Points(q.MaxPoints)})"))).ToList();
        if (versions.Count > 1)
            return $"these results of {assignments[0].Key} have {versions.Count} different sets of questions and points, so they were " +
                   "graded with different versions of its bundle: " + string.Join("; ", versions.Select(v => $"{v.Key} ({Sources(v)})")) +
                   ". Grade every submission again with the same bundle.";
        var twice = results.GroupBy(r => r.Result.Student).Where(g => g.Count() > 1).ToList();
        if (twice.Count > 0)
            return string.Join("; ", twice.Select(g => $"student {g.Key} has {g.Count()} results ({Sources(g)})")) +
                   ". Each student may have one result: remove the ones that should not count.";
        return null;
    }

    static string Sources(IEnumerable<(string Source, SubmissionResult Result)> results)
    {
        var sources = results.Select(r => r.Source).ToList();
        return sources.Count <= 3 ? string.Join(", ", sources) : $"{string.Join(", ", sources.Take(3))} and {sources.Count - 3} more";
    }
}
