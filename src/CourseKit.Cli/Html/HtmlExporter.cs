using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Cli.Notebooks;
using Markdig;

namespace CourseKit.Cli.Html;

/// <summary>
/// A standalone HTML page of an executed notebook: markdown rendered by Markdig with its formulas typeset as MathML
/// (<see cref="MarkdownMath"/>: no script, no font download; a fenced code block in the same grey box as a code cell),
/// each code cell's source in a &lt;pre&gt; followed by its
/// outputs (HTML inserted as it is, plain text in &lt;pre&gt;, errors in red). plotly.js, which CourseKit carries, is in
/// the head once when an output holds a figure. Nothing on the page comes from the internet.
/// </summary>
public static partial class HtmlExporter
{
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Use<MarkdownMath>().Build();

    const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1f2328; }
        .cell { margin: 1rem 0; }
        .source, .markdown pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .8rem; overflow-x: auto; font-size: .9rem; }
        .prompt { color: #57606a; font: .75rem monospace; margin-bottom: .2rem; }
        .output { margin: .4rem 0 0 0; overflow-x: auto; }
        .output pre, pre.stream { margin: 0; padding: .3rem .8rem; font-size: .9rem; white-space: pre-wrap; overflow-wrap: anywhere; }
        pre.stderr { background: #fff8e6; }
        .error { background: #ffebe9; border-left: 4px solid #cf222e; color: #82071e; padding: .4rem .8rem; white-space: pre-wrap; font-size: .9rem; margin: 0; }
        .skipped { color: #57606a; font-style: italic; }
        table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: .2rem .5rem; }
        """;

    public static string Export(Notebook notebook, string notebookDirectory)
    {
        var page = new StringWriter();
        Export(notebook, notebookDirectory, page);
        return page.ToString();
    }

    /// <summary>Writes the page to <paramref name="page"/> (a file being written, for instance), head first.</summary>
    public static void Export(Notebook notebook, string notebookDirectory, TextWriter page)
    {
        // Each library once per page: the copies of plotly.js that notebook outputs carry leave the body for the head.
        var html = PlotlyBundle.WithoutDeliveryScripts(Body(notebook), out bool carriedPlotly);
        var title = notebook.Cells.FirstOrDefault(c => c.Kind == CellKind.Markdown)?.Source.Split('\n')
            .Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith('#'))?.TrimStart('#').Trim()
            ?? Path.GetFileNameWithoutExtension(notebook.Path);

        page.Write($"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{Encode(title)}</title>\n<style>{Style}{TexToMathMl.Style}</style>\n");
        // Figures need plotly.js; a page without one stays small.
        if (carriedPlotly || PlotlyBundle.HasFigure(html)) page.Write(PlotlyBundle.DeliveryScript + "\n");
        page.Write($"</head>\n<body>\n{html}</body>\n</html>\n");
    }

    static string Body(Notebook notebook)
    {
        var body = new StringBuilder();
        foreach (var cell in notebook.Cells)
        {
            body.Append("<div class=\"cell\">\n");
            if (cell.Kind == CellKind.Markdown)
                body.Append("<div class=\"markdown\">").Append(Markdig.Markdown.ToHtml(cell.Source, Markdown)).Append("</div>\n");
            else if (cell.Kind == CellKind.Raw)
                body.Append("<pre>").Append(Encode(cell.Source)).Append("</pre>\n");
            else
            {
                var prompt = cell.ExecutionCount is int n ? $"[{n}]" : "[ ]";
                body.Append($"<div class=\"prompt\">{Encode(cell.Language ?? "csharp")} {prompt}</div>");
                body.Append($"<pre class=\"source\"><code class=\"language-{Encode(cell.Language ?? "csharp")}\">")
                    .Append(Encode(cell.Source)).Append("</code></pre>\n");
                foreach (var output in cell.Outputs) body.Append(RenderOutput(output));
            }
            body.Append("</div>\n");
        }
        return body.ToString();
    }

    static string RenderOutput(JsonObject output)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                var name = output["name"]?.GetValue<string>() ?? "stdout";
                return $"<pre class=\"output stream {Encode(name)}\">{Encode(Text(output["text"]))}</pre>\n";
            case "error":
                var trace = output["traceback"] is JsonArray tb ? string.Join("\n", tb.Select(t => t?.GetValue<string>())) : "";
                var (ename, evalue) = (output["ename"]?.GetValue<string>() ?? "", output["evalue"]?.GetValue<string>() ?? "");
                var heading = $"{ename}: {evalue}";
                // A traceback that already starts with the message (as Jupyter shows it) is not repeated under a heading.
                var text = trace.Length == 0 ? heading
                    : trace.StartsWith(heading, StringComparison.Ordinal) ? trace
                    : evalue.Length > 0 && trace.StartsWith(evalue, StringComparison.Ordinal) ? $"{ename}: {trace}"
                    : heading + "\n" + trace;
                return $"<pre class=\"output error\">{Encode(StripAnsi(text))}</pre>\n";
            case "display_data" or "execute_result":
                var data = output["data"] as JsonObject;
                if (data?["text/html"] is { } htmlNode)
                    return $"<div class=\"output\">{Text(htmlNode)}</div>\n";
                if (data?["image/svg+xml"] is { } svg)
                    return $"<div class=\"output\">{Text(svg)}</div>\n";
                if (data?["image/png"] is { } png)
                    return $"<div class=\"output\"><img src=\"data:image/png;base64,{Text(png).Trim()}\"></div>\n";
                if (data?["text/markdown"] is { } md)
                    return $"<div class=\"output\">{Markdig.Markdown.ToHtml(Text(md), Markdown)}</div>\n";
                if (data?["text/plain"] is { } plain)
                    return $"<div class=\"output\"><pre>{Encode(Text(plain))}</pre></div>\n";
                return "";
            default:
                return "";
        }
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();

    static string StripAnsi(string s) => Ansi().Replace(s, "");

    static string Text(JsonNode? node) => node switch
    {
        JsonArray a => string.Concat(a.Select(x => x?.GetValue<string>())),
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => "",
    };

    static string Encode(string s) => WebUtility.HtmlEncode(s);
}
