using System.Text.Json.Nodes;

namespace CourseKit.Cli.Grading;

/// <summary>
/// A value a test cell sent out of the student's session (<c>Grading.Check</c> or <c>Grading.Report</c>): its name,
/// the plain value, and the judge the test named. A value that is not plain data reads as "unsupported", which no
/// judge accepts. <c>coursekit assign</c> keeps the master's reports as the expected values.
/// </summary>
public sealed record CapturedReport(string Name, ReportedValue Value, Judge Judge)
{
    /// <summary>
    /// A report's JSON, as the worker's "report" message carries it (an object, or a string holding one); null when it
    /// names nothing. Only reports the worker accepted from a test cell's own code count: report outputs a cell shows
    /// (or prints) are never read.
    /// </summary>
    public static CapturedReport? Read(JsonNode data)
    {
        JsonObject? json;
        try { json = (data is JsonValue v && v.TryGetValue(out string? text) ? JsonNode.Parse(text) : data) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
        if (json?["name"] is not JsonValue nameValue || !nameValue.TryGetValue(out string? name)) return null;
        ReportedValue value;
        try { value = ReportedValue.FromJson(json["value"]); }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            value = new ReportedValue { Kind = "unsupported", Text = "value that could not be read" };
        }
        Judge judge;
        try { judge = Judge.FromJson(json["judge"]); }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException) { judge = Judge.Close(); }
        return new CapturedReport(name, value, judge);
    }
}
