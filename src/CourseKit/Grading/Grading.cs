using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>
/// What an assignment's test cells call. <see cref="Check"/> is a public test: it compares your result with the
/// answer the notebook shows and tells you right away whether it is right. <see cref="Report"/> is what a hidden
/// test calls: it only sends your result, as plain numbers or text, out of the notebook; the grader, which you cannot
/// reach, compares it with the instructor's answer. Outside a grading run a report shows nothing.
/// </summary>
public static class Grading
{
    /// <summary>The environment variable the <c>coursekit</c> grader sets to "1" in the sessions it grades.</summary>
    public const string GradingVariable = "COURSEKIT_GRADING";

    /// <summary>The MIME type of a report in a notebook's outputs.</summary>
    public const string ReportMimeType = "application/vnd.coursekit.report+json";

    /// <summary>
    /// The AppContext data a grader's worker sets to its report hook (an <c>Action&lt;string&gt;</c> taking the report as
    /// JSON): reports go there, as their own message to the grader, instead of being shown as an output.
    /// </summary>
    public const string ReportHook = "CourseKit.Report";

    /// <summary>Whether this session is being graded by <c>coursekit grade</c> (or <c>coursekit assign</c>).</summary>
    public static bool IsGrading => Environment.GetEnvironmentVariable(GradingVariable) == "1";

    /// <summary>
    /// A public test: checks <paramref name="actual"/> against <paramref name="expected"/> with <paramref name="judge"/>
    /// (by default equal within a relative tolerance of 1e-5), shows "✓ name" when it passes and throws a
    /// <see cref="CheckFailedException"/> that says what is wrong when it does not. When graded, the grader judges
    /// the same value again, outside the notebook, with the instructor's answer.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // the grader's worker reads who called it (see Send)
    public static void Check(string name, object? actual, object? expected, Judge? judge = null, string? hint = null)
    {
        judge ??= Judge.Close();
        var value = Plain(actual);
        if (IsGrading) Send(name, value, judge);
        var verdict = judge.Apply(value, Plain(expected));
        if (!verdict.Passed) throw new CheckFailedException(name, verdict.Message, hint);
        Console.WriteLine($"✓ {name}{(verdict.Message.Length > 0 ? ": " + verdict.Message : "")}");
    }

    /// <summary>
    /// A hidden test: sends <paramref name="value"/> (a number, bool, string, array, list or tensor) to the grader
    /// under <paramref name="name"/>, to be judged with <paramref name="judge"/> against what the instructor's solution
    /// reports (by default equal within a relative tolerance of 1e-5). Outside a grading run it does nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Report(string name, object? value, Judge? judge = null)
    {
        if (IsGrading) Send(name, Plain(value), judge ?? Judge.Close());
    }

    /// <summary>
    /// Sends a report: to the grader's report hook when there is one (its worker accepts only reports that
    /// <see cref="Check"/> or <see cref="Report"/> sent when called straight from the test cell's own code), else
    /// shown as an output, or printed as a line of JSON where nothing shows outputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Send(string name, ReportedValue value, Judge judge)
    {
        var report = new GradingReport(new JsonObject { ["name"] = name, ["value"] = value.ToJson(), ["judge"] = judge.ToJson() });
        if (AppContext.GetData(ReportHook) is Action<string> deliver) deliver(report.ToString());
        else if (Interactive.NotebookHost.Show(report) is null) Console.WriteLine(report.ToString());
    }

    /// <summary>Turns a value into plain data; anything else becomes an "unsupported" value that no test accepts.</summary>
    public static ReportedValue Plain(object? value) => value switch
    {
        null => new ReportedValue { Kind = "none" },
        bool b => new ReportedValue { Kind = "bool", Numbers = [b ? 1 : 0] },
        string s => new ReportedValue { Kind = "string", Text = s },
        char c => new ReportedValue { Kind = "string", Text = c.ToString() },
        double or float or int or long or short or byte or sbyte or uint or ulong or ushort or decimal =>
            ReportedValue.Number(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
        Tensor t => ReportedValue.Array([.. t.Shape], [.. t.ToArray().Select(x => (double)x)]),
        Shape s => ReportedValue.Array([s.Count], [.. s.Select(d => (double)d)]),
        Array a when a.Rank > 1 && IsNumeric(a.GetType().GetElementType()) =>
            ReportedValue.Array([.. Enumerable.Range(0, a.Rank).Select(a.GetLength)], [.. a.Cast<object>().Select(ToDouble)]),
        IEnumerable items when value.GetType().Namespace?.StartsWith("System") == true => Sequence(items),
        _ => new ReportedValue { Kind = "unsupported", Text = value.GetType().Name },
    };

    /// <summary>A list or (jagged) array of numbers or of lists of numbers: rectangular, or unsupported.</summary>
    static ReportedValue Sequence(IEnumerable items)
    {
        var parts = items.Cast<object?>().Select(Plain).ToList();
        if (parts.Count == 0) return ReportedValue.Array([0], []);
        var first = parts[0];
        bool numbers = parts.All(p => p.Kind is "number" or "bool");
        bool rows = parts.All(p => p.Kind == "array" && p.Shape.SequenceEqual(first.Shape));
        if (numbers) return ReportedValue.Array([parts.Count], [.. parts.Select(p => p.Numbers[0])]);
        if (rows) return ReportedValue.Array([parts.Count, .. first.Shape], [.. parts.SelectMany(p => p.Numbers)]);
        return new ReportedValue { Kind = "unsupported", Text = "list whose items are not all numbers or rows of one shape" };
    }

    static bool IsNumeric(Type? t) => t is not null && (t.IsPrimitive || t == typeof(decimal)) && t != typeof(char);

    static double ToDouble(object x) => x is bool b ? (b ? 1 : 0) : Convert.ToDouble(x, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A public test that did not pass: its message says what was expected, what came out, and a hint.</summary>
public sealed class CheckFailedException(string test, string problem, string? hint)
    : Exception($"✗ {test}: {problem}{(hint is null ? "" : $"\nHint: {hint}")}")
{
    /// <summary>The test's name.</summary>
    public string Test { get; } = test;
}

/// <summary>A value on its way to the grader, shown as a report output (see <see cref="Grading.ReportMimeType"/>).</summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class GradingReport
{
    internal GradingReport(JsonObject json) => Json = json;

    /// <summary>The report: {"name", "value", "judge"}.</summary>
    public JsonObject Json { get; }

    /// <summary>The name of the value sent.</summary>
    public string Name => Json["name"]!.GetValue<string>();

    /// <summary>The report as one line of JSON.</summary>
    public override string ToString() => Json.ToJsonString();
}
