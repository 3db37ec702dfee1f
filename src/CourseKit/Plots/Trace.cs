using System.Text.Json.Serialization;

namespace CourseKit;

/// <summary>
/// One layer of data in a <see cref="Figure"/>: a set of points, bars, a heatmap… (plotly calls it a trace).
/// Every trace has a <see cref="Type"/> and may have a name for the legend; the subclasses add what their kind of
/// chart needs. Unset properties (null) are left to plotly's defaults.
/// </summary>
public abstract record Trace
{
    /// <summary>plotly's trace type: <c>"scatter"</c>, <c>"bar"</c>, <c>"heatmap"</c>, …</summary>
    [JsonPropertyOrder(-10)]
    public abstract string Type { get; }

    /// <summary>The name shown in the legend and on hover.</summary>
    public string? Name { get; set; }

    /// <summary>Whether the trace has a legend entry.</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>Traces with the same group are shown and hidden together when the legend entry is clicked.</summary>
    public string? LegendGroup { get; set; }

    /// <summary>Which x axis the trace is drawn on: <c>"x"</c> (the default), <c>"x2"</c>, … for subplots.</summary>
    public string? XAxis { get; set; }

    /// <summary>Which y axis the trace is drawn on: <c>"y"</c> (the default), <c>"y2"</c>, … for subplots.</summary>
    public string? YAxis { get; set; }

    /// <summary>The hover text, e.g. <c>"x=%{x:.2f}&lt;br&gt;p=%{z:.3f}&lt;extra&gt;&lt;/extra&gt;"</c> (plotly's template syntax).</summary>
    public string? HoverTemplate { get; set; }

    /// <summary>Which fields are shown on hover (<c>"x+y"</c>, <c>"skip"</c> for none…), when no template is given.</summary>
    public string? HoverInfo { get; set; }

    /// <summary>Transparency of the whole trace, from 0 (invisible) to 1.</summary>
    public double? Opacity { get; set; }

    /// <summary>true, false or <c>"legendonly"</c> (hidden until its legend entry is clicked).</summary>
    public object? Visible { get; set; }

    /// <summary>Any other plotly attribute this small model does not name, e.g. <c>Extra = new() { ["cliponaxis"] = false }</c>.</summary>
    [JsonExtensionData]
    public Dictionary<string, object>? Extra { get; set; }

    /// <summary>How many data points the trace holds (for <see cref="Figure.ToString"/>).</summary>
    internal abstract string Describe();

    /// <summary>"1 point", "3 points".</summary>
    internal static string Count(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
