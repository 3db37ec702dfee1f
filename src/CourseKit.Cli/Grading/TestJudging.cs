using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Cli.Assignments;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Grading;

/// <summary>
/// Judges each test of a graded submission, outside the student's session. A code test passes when its cell ran to
/// the end and every value the bundle expects was reported exactly once by that cell and its judge accepts it against
/// the master's value; a test without expected values passes when its cell ran to the end. A prose answer passes when
/// all its patterns match what the student wrote. A hidden test's message never shows its inputs, its expected values,
/// its code or a traceback: a failure says what went wrong in general terms, an exception only by its type.
/// </summary>
static class TestJudging
{
    /// <summary>How much of what a public test's cell printed goes into its result.</summary>
    const int OutputExcerpt = 600;

    public static TestResult Judge(TestSpec spec, PlannedCell? planned, IReadOnlyList<CapturedReport> reports)
    {
        if (spec.Visibility == "prose") return JudgeProse(spec, planned);
        bool reveal = spec.Visibility != "hidden";
        var run = planned?.Run ?? new CellRun(CellStatus.NotRun, "not run: its cell is not in the bundle", TimeSpan.Zero);
        var problems = new List<string>();
        var passedMessages = new List<string>();
        string status = "passed";
        bool missing = false;   // a value the cell did not get to report because it did not run to the end
        foreach (var expectation in spec.Expectations)
        {
            var found = reports.Where(r => r.Name == expectation.Name).ToList();
            string Named(string message) => spec.Expectations.Count == 1 ? message : $"{expectation.Name}: {message}";
            if (found.Count == 0)
            {
                if (run.Status != CellStatus.Ok)
                {
                    missing = true;   // the cell's own problem says why, below
                    break;
                }
                problems.Add(Named("the test sent no value for this; it ran to the end without reporting it"));
                status = "failed";
                continue;
            }
            if (found.Count > 1)
            {
                problems.Add(Named($"the value was reported {found.Count} times; a test reports each value once, so none of them counts"));
                status = "failed";
                continue;
            }
            var verdict = CourseKit.Judge.FromJson(expectation.Judge)
                .Apply(found[0].Value, ReportedValue.FromJson(expectation.Expected), reveal);
            if (verdict.Passed) { if (verdict.Message.Length > 0) passedMessages.Add(Named(verdict.Message)); }
            else
            {
                problems.Add(Named(verdict.Message));
                status = "failed";
            }
        }
        // A cell that stopped after its values were judged wrong failed because of them (a public Check throws): they say it all.
        if (run.Status != CellStatus.Ok && (status == "passed" || missing))
        {
            if (status == "passed") status = StatusOf(run.Status);
            problems.Add(CellProblem(run, planned, reveal));
        }
        bool passed = status == "passed";
        return Result(spec, passed, status, passed ? string.Join("; ", passedMessages) : string.Join("; ", problems),
            reveal && planned is not null ? Excerpt(planned.Cell) : null);
    }

    static TestResult Result(TestSpec spec, bool passed, string status, string message, string? output = null) => new()
    {
        Id = spec.Id,
        Question = spec.Question,
        Cell = spec.Cell,
        Visibility = spec.Visibility,
        Description = spec.Description,
        Points = passed ? spec.Points : 0,
        MaxPoints = spec.Points,
        Status = status,
        Message = message,
        Hint = passed ? null : spec.Hint,
        Output = output,
    };

    static string StatusOf(CellStatus status) => status switch
    {
        CellStatus.TimedOut => "timeout",
        CellStatus.Crashed => "crashed",
        CellStatus.NotRun => "not-run",
        _ => "error",
    };

    /// <summary>Why the test's cell did not run to the end, in words fit for the test's visibility.</summary>
    static string CellProblem(CellRun run, PlannedCell? planned, bool reveal)
    {
        switch (run.Status)
        {
            case CellStatus.TimedOut:
                return $"the test was stopped: {run.Note} (look for a loop that never ends, or work that is far too slow)";
            case CellStatus.Crashed:
                return reveal && run.Note is not null ? $"the test crashed the session: {run.Note}"
                    : "the test ended the session: your code exited the process, overflowed its stack (endless recursion?) or ran out of memory";
            case CellStatus.NotRun:
                return run.Note ?? "the test was not run";
        }
        var error = planned?.Cell.Outputs.LastOrDefault(o => o["output_type"]?.GetValue<string>() == "error");
        var type = error?["ename"]?.GetValue<string>() ?? "an error";
        var shortType = type[(type.LastIndexOf('.') + 1)..];
        if (type == "CompilationErrorException")
            return reveal ? $"the test cell did not compile: {run.Note}"
                : "the test could not use your code: it did not compile against it (a name it needs is missing, or has another type or parameters than the question asks for)";
        return reveal ? $"{shortType}: {run.Note}" : $"your code threw {shortType} while this test ran";
    }

    /// <summary>The first part of what the cell printed (stdout and stderr, as the notebook shows them).</summary>
    static string? Excerpt(Cell cell)
    {
        var text = string.Concat(cell.Outputs.Where(o => o["output_type"]?.GetValue<string>() == "stream")
            .Select(o => o["text"] is JsonValue v && v.TryGetValue(out string? t) ? t : ""));
        if (text.Length == 0) return null;
        return text.Length <= OutputExcerpt ? text : text[..OutputExcerpt] + "…";
    }

    /// <summary>
    /// A prose answer: what the student wrote (without HTML comments, such as the ANSWER marker itself, and without the
    /// placeholder) must match every pattern, case-insensitively. No patterns: graded by hand ("manual", 0 points
    /// until the instructor adds them).
    /// </summary>
    static TestResult JudgeProse(TestSpec spec, PlannedCell? planned)
    {
        var text = AnswerText(planned?.Cell.Source ?? "");
        if (spec.Patterns.Count == 0)
            return Result(spec, false, "manual", "your instructor grades this answer by hand");
        if (text.Length == 0)
            return Result(spec, false, "failed", "no answer was written");
        int found = 0;
        foreach (var pattern in spec.Patterns)
        {
            try
            {
                if (Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))) found++;
            }
            catch (RegexMatchTimeoutException) { }   // an answer the pattern cannot decide on quickly does not match it
            catch (ArgumentException)
            {
                return Result(spec, false, "manual", "your instructor grades this answer by hand (the grader's pattern for it is not a valid regular expression)");
            }
        }
        return found == spec.Patterns.Count ? Result(spec, true, "passed", "")
            : Result(spec, false, "failed", $"your answer covers {found} of the {spec.Patterns.Count} points this question asks about");
    }

    /// <summary>The text of a prose answer cell without HTML comments and the "_Write your answer here._" placeholder.</summary>
    public static string AnswerText(string source) =>
        Regex.Replace(source, "<!--.*?-->", "", RegexOptions.Singleline).Replace(Placeholder, "").Trim();

    /// <summary>What a prose answer cell of the student notebook holds before the student writes.</summary>
    public const string Placeholder = "_Write your answer here._";
}
