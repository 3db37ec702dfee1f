using System.Net;
using System.Text;
using System.Text.Json;

namespace CourseKit;

/// <summary>
/// A chart: a list of <see cref="Traces"/> (the data) and a <see cref="Layout"/> (titles, axes, legend), written in
/// the JSON that plotly.js draws (<see cref="ToPlotlyJson"/>) and shown in a notebook as HTML (<see cref="ToHtml(PlotlySource, string?)"/>).
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

    /// <summary>
    /// The figure in plotly.js's own schema, <c>{"data": [...], "layout": {...}, "frames": [...], "config": {...}}</c>
    /// (frames only for animations), to take a figure elsewhere in the plotly world:
    /// <list type="bullet">
    /// <item>plotly.js: <c>Plotly.newPlot(element, JSON.parse(json))</c> draws it in any web page.</item>
    /// <item>Python: <c>plotly.io.from_json(json)</c> gives a <c>plotly.graph_objects.Figure</c> (it reads data,
    /// layout and frames; pass the config to <c>fig.show(config=...)</c>).</item>
    /// <item>Plotly.NET writes the same schema but cannot read it: copy the numbers of each trace across.</item>
    /// </list>
    /// Interactions added with <see cref="Script"/> are JavaScript, not part of the figure, and are left out.
    /// </summary>
    /// <param name="indented">Line breaks and indentation, for reading; compact otherwise.</param>
    public string ToPlotlyJson(bool indented = false) => PlotlyJson(Traces, indented);

    /// <summary>The figure's JSON with these traces in place of its own (a page leaves out grids it shares, see
    /// <see cref="SharedGrids"/>).</summary>
    private string PlotlyJson(IReadOnlyList<Trace> traces, bool indented)
    {
        var json = new Dictionary<string, object?>
        {
            ["data"] = traces.Cast<object>().ToList(),
            ["layout"] = Layout,
        };
        if (Frames is { Count: > 0 }) json["frames"] = Frames;
        if (Config is not null) json["config"] = Config;
        var options = indented ? new JsonSerializerOptions(PlotJson.Options) { WriteIndented = true } : PlotJson.Options;
        return JsonSerializer.Serialize(json, options);
    }

    /// <summary>The same as <see cref="ToPlotlyJson"/>: the figure as plotly.js JSON.</summary>
    public string ToJson(bool indented = false) => ToPlotlyJson(indented);

    /// <summary>
    /// An HTML fragment for a notebook output or a web page: a <c>&lt;div class="coursekit-plot"&gt;</c> with a new
    /// unique id holding the figure's static SVG picture (<see cref="ToSvg"/>, what GitHub, nbviewer and untrusted
    /// notebooks show), and a script that draws the interactive chart in its place. See <see cref="PlotlySource"/>
    /// for how plotly.js gets there; the default suits notebooks (JupyterLab, Notebook 7, the classic notebook,
    /// VS Code).
    /// </summary>
    /// <param name="source">Where plotly.js comes from.</param>
    /// <param name="divId">The element's id (default: a new unique one, so the same figure can be shown twice).</param>
    public string ToHtml(PlotlySource source = PlotlySource.Notebook, string? divId = null) => ToHtml(source, divId, PlotlyDelivery.Process);

    /// <summary><see cref="ToHtml(PlotlySource, string?)"/> with the kernel session's delivery given (tests use their own).</summary>
    internal string ToHtml(PlotlySource source, string? divId, PlotlyDelivery session)
    {
        divId ??= NewDivId();
        var sb = new StringBuilder();
        bool carry = source switch
        {
            PlotlySource.Notebook => session.Take(),
            PlotlySource.Embedded => true,
            PlotlySource.AlreadyLoaded => false,
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Use PlotlySource.Notebook, Embedded or AlreadyLoaded."),
        };
        if (carry) sb.Append(PlotlyBundle.DeliveryScript).Append('\n');
        sb.Append("<div id=\"").Append(divId).Append("\" class=\"").Append(PlotlyBundle.FigureClass).Append("\" style=\"width:100%;\">")
          .Append(ToSvg()).Append("</div>\n");
        var (traces, restoreShared) = SharedGrids.Of(Traces);
        sb.Append(PlotlyJs.RenderScript(divId, PlotlyJson(traces, indented: false), restoreShared, Script));
        return sb.ToString();
    }

    /// <summary>
    /// A complete HTML page with this figure, to save and open in a browser: plotly.js is inside (in the head), so the
    /// page works offline, and the static picture shows where scripts are off.
    /// </summary>
    public string ToStandaloneHtml(string? title = null)
    {
        title ??= Layout.Title?.Text ?? "CourseKit figure";
        return new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append(PlotlyJs.ScriptTag()).Append('\n')
            .Append("</head>\n<body style=\"margin:16px;font-family:system-ui,sans-serif\">\n")
            .Append(ToHtml(PlotlySource.AlreadyLoaded))
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
