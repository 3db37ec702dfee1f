using System.Net;
using System.Text;
using System.Text.Json;

namespace CourseKit;

/// <summary>
/// A chart: a list of <see cref="Traces"/> (the data) and a <see cref="Layout"/> (titles, axes, legend), written in
/// the JSON that plotly.js draws (<see cref="ToJson"/>) and shown in a notebook as HTML (<see cref="ToHtml(PlotlySource, string?)"/>).
/// Make one with the helpers of <c>Plot</c> (<c>Plot.LearningCurves(history)</c>) or by hand:
/// <code>
/// var figure = new Figure(new Scatter { X = new[] { 1.0, 2, 3 }, Y = new[] { 2.0, 4, 8 }, Mode = "lines+markers" });
/// figure.Layout.Title = "Growth";
/// </code>
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed partial class Figure
{
    /// <summary>A figure with the given traces and a clean default layout.</summary>
    public Figure(params Trace[] traces)
    {
        Traces = [.. traces];
    }

    /// <summary>The data: each trace is drawn on top of the previous ones.</summary>
    public List<Trace> Traces { get; set; }

    /// <summary>Titles, size, axes, legend, annotations.</summary>
    public FigureLayout Layout { get; set; } = FigureLayout.Clean();

    /// <summary>Animation frames (null: a still figure).</summary>
    public List<FigureFrame>? Frames { get; set; }

    /// <summary>Display options: toolbar, responsiveness. The default hides the plotly logo and resizes with the cell.</summary>
    public FigureConfig? Config { get; set; } = new() { Responsive = true, DisplayLogo = false };

    /// <summary>
    /// JavaScript run in the browser after the figure is drawn, with <c>gd</c> (the plot's element), <c>Plotly</c> and
    /// <c>figure</c> in scope — for interactions such as <c>gd.on('plotly_click', …)</c>. It is part of the HTML, not of
    /// the JSON, and runs in exported pages too.
    /// </summary>
    public string? Script { get; set; }

    /// <summary>Adds a trace and returns the figure, for chaining.</summary>
    public Figure Add(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        Traces.Add(trace);
        return this;
    }

    /// <summary>The figure as plotly.js JSON: <c>{"data": [...], "layout": {...}, "frames": [...], "config": {...}}</c>.</summary>
    public string ToJson(bool indented = false)
    {
        var json = new Dictionary<string, object?>
        {
            ["data"] = Traces.Cast<object>().ToList(),
            ["layout"] = Layout,
        };
        if (Frames is { Count: > 0 }) json["frames"] = Frames;
        if (Config is not null) json["config"] = Config;
        var options = indented ? new JsonSerializerOptions(PlotJson.Options) { WriteIndented = true } : PlotJson.Options;
        return JsonSerializer.Serialize(json, options);
    }

    /// <summary>
    /// An HTML fragment for a notebook output or a web page: a <c>&lt;div&gt;</c> with a new unique id and a script
    /// that draws the figure in it. See <see cref="PlotlySource"/> for how plotly.js is found; the default works in
    /// Jupyter, VS Code / Polyglot notebooks and plain pages.
    /// </summary>
    /// <param name="source">Where plotly.js comes from.</param>
    /// <param name="divId">The element's id (default: a new unique one, so the same figure can be shown twice).</param>
    public string ToHtml(PlotlySource source = PlotlySource.Notebook, string? divId = null) => ToHtml(source, divId, PlotlyJs.FindLocalCopy);

    internal string ToHtml(PlotlySource source, string? divId, Func<string?> findLocalCopy)
    {
        divId ??= NewDivId();
        var sb = new StringBuilder();
        switch (source)
        {
            case PlotlySource.Cdn: sb.Append(PlotlyJs.ScriptTag(embed: false, null)).Append('\n'); break;
            case PlotlySource.Embedded: sb.Append(PlotlyJs.ScriptTag(embed: true, findLocalCopy())).Append('\n'); break;
        }
        sb.Append("<div id=\"").Append(divId).Append("\" class=\"coursekit-plot\" style=\"width:100%;\"></div>\n");
        sb.Append(PlotlyJs.RenderScript(divId, ToJson(), Script));
        return sb.ToString();
    }

    /// <summary>
    /// A complete HTML page with this figure, to save and open in a browser. plotly.js is embedded when a local copy is
    /// found (<see cref="PlotlyJs.FindLocalCopy()"/>), so the page works offline; otherwise the page loads it from the CDN.
    /// </summary>
    public string ToStandaloneHtml(string? title = null) => ToStandaloneHtml(title, PlotlyJs.FindLocalCopy());

    /// <summary><see cref="ToStandaloneHtml(string?)"/> with the local plotly.js given (null: use the CDN).</summary>
    internal string ToStandaloneHtml(string? title, string? localPlotly)
    {
        title ??= Layout.Title?.Text ?? "CourseKit figure";
        return new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append(PlotlyJs.ScriptTag(embed: true, localPlotly)).Append('\n')
            .Append("</head>\n<body style=\"margin:16px;font-family:system-ui,sans-serif\">\n")
            .Append(ToHtml(PlotlySource.AlreadyLoaded, null, () => null))
            .Append("\n</body>\n</html>\n")
            .ToString();
    }

    /// <summary>A short description for plain-text outputs: the title, each trace's type and size.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("Figure");
        if (Layout.Title?.Text is { } title) sb.Append($" \"{title}\"");
        // Runs of identical traces are counted: "scatter (201 points) ×16".
        var parts = new List<string>();
        foreach (var description in Traces.Select(t => t.Describe()))
        {
            if (parts.Count > 0 && (parts[^1] == description || parts[^1].StartsWith(description + " ×", StringComparison.Ordinal)))
            {
                int count = parts[^1] == description ? 1 : int.Parse(parts[^1][(description.Length + 2)..]);
                parts[^1] = $"{description} ×{count + 1}";
            }
            else parts.Add(description);
        }
        sb.Append(parts.Count == 0 ? ": no traces" : $": {string.Join(", ", parts)}");
        if (Frames is { Count: > 0 }) sb.Append($"; {Frames.Count} animation frames");
        return sb.ToString();
    }

    private static string NewDivId() => "coursekit-plot-" + Guid.NewGuid().ToString("N");
}
