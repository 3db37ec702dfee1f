using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Worker;

/// <summary>
/// CourseKit's report hook (AppContext data <see cref="HookKey"/>, which <c>Grading.Check</c> and <c>Grading.Report</c>
/// call when graded): a report goes to the runner as its own "report" message, never as an output. It is accepted only
/// when the call stack shows CourseKit's <c>Grading</c> called straight from the code of the cell that is running: a
/// report sent from a function an earlier cell declared (the student's answer called by a test), or passed on by a hook
/// of the student's own, is not a test's report; it becomes a "tampering" message instead, which the grader names.
/// </summary>
sealed class ReportSink(OutputOutbox outbox)
{
    /// <summary>The AppContext key of the hook (CourseKit's <c>Grading.ReportHook</c>).</summary>
    public const string HookKey = "CourseKit.Report";

    /// <summary>The name of the assembly the running cell's code was compiled into; set by the host before each cell.</summary>
    public string? RunningAssembly { get; set; }

    /// <summary>The hook itself: a method of this object, so that it shares nothing with the host.</summary>
    public Action<string> Hook() => Receive;

    void Receive(string report)
    {
        int cell = RunningCell.Number;
        JsonObject? json = null;
        if (SentByRunningCell(new StackTrace(1, false)))
        {
            try { json = JsonNode.Parse(report) as JsonObject; }
            catch (System.Text.Json.JsonException) { }
        }
        outbox.Add(json is not null ? new ReportItem(cell, json)
            : new TamperingItem(cell, TamperingItem.Report, "a report that did not come from the test cell"));
    }

    /// <summary>
    /// True when the frames above the hook are CourseKit's <c>Grading</c> (one or more), and the next one is code of the
    /// running cell's own assembly: nothing of the student's between the test's call and the hook.
    /// </summary>
    bool SentByRunningCell(StackTrace trace)
    {
        var frames = trace.GetFrames();
        int i = 0;
        while (i < frames.Length && IsCourseKitGrading(frames[i].GetMethod())) i++;
        return i > 0 && i < frames.Length && RunningAssembly is not null
               && frames[i].GetMethod()?.Module.Assembly.GetName().Name == RunningAssembly;
    }

    static bool IsCourseKitGrading(MethodBase? method) =>
        method?.DeclaringType is { FullName: "CourseKit.Grading" } type && type.Assembly.GetName().Name == "CourseKit";
}
