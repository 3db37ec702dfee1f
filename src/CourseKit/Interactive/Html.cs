using System.Globalization;
using System.Text;

namespace CourseKit.Interactive;

/// <summary>
/// The few HTML building blocks CourseKit's notebook views are made of: escaping, a titled block with the shared
/// style sheet, and tables. The styling only uses greys with transparency and the theme's own text colour, so the
/// same output reads well in light and dark notebook themes.
/// </summary>
internal static class Html
{
    /// <summary>Styles shared by every view; all selectors start with <c>.ck</c> so they cannot restyle the notebook.</summary>
    public const string Styles =
        "<style>" +
        ".ck{font-family:var(--vscode-editor-font-family,ui-monospace,SFMono-Regular,Menlo,Consolas,monospace);font-size:0.9em;line-height:1.4}" +
        ".ck table{border-collapse:collapse;margin:4px 0}" +
        ".ck th,.ck td{border:1px solid rgba(128,128,128,.35);padding:2px 8px;text-align:left;vertical-align:top}" +
        ".ck th{background:rgba(128,128,128,.14);font-weight:600}" +
        ".ck .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}" +
        ".ck .ck-head{font-weight:600;margin:2px 0}" +
        ".ck .ck-dim{opacity:.65}" +
        ".ck .ck-more{opacity:.6;text-align:center}" +
        ".ck table.ck-values td{border:none;padding:1px 6px}" +
        ".ck table.ck-values{border-left:1px solid rgba(128,128,128,.7);border-right:1px solid rgba(128,128,128,.7)}" +
        ".ck img{image-rendering:pixelated}" +
        ".ck figure{display:inline-block;margin:2px 6px 2px 0;text-align:center}" +
        ".ck figcaption{font-size:.85em;opacity:.8}" +
        ".ck .ck-bar{display:inline-block;width:120px;height:.7em;border:1px solid rgba(128,128,128,.6);vertical-align:middle}" +
        ".ck .ck-bar>span{display:block;height:100%;background:currentColor;opacity:.55}" +
        "</style>";

    /// <summary>Text made safe to put inside HTML: &amp;, &lt;, &gt; and quotes become entities; null becomes "".</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    /// <summary>Escaped text with line breaks kept as <c>&lt;br&gt;</c>.</summary>
    public static string Lines(string? text) => Escape(text).Replace("\r\n", "\n").Replace("\n", "<br>");

    /// <summary>One view: a <c>div</c> of class <c>ck ck-{kind}</c> holding the style sheet and <paramref name="inner"/> HTML.</summary>
    public static string Block(string kind, string inner) => $"<div class=\"ck ck-{kind}\">{Styles}{inner}</div>";

    /// <summary>A bold heading line (escaped).</summary>
    public static string Head(string text) => $"<div class=\"ck-head\">{Escape(text)}</div>";

    /// <summary>A dimmed line of notes (escaped).</summary>
    public static string Note(string text) => $"<div class=\"ck-dim\">{Escape(text)}</div>";

    /// <summary>Text in a <c>pre</c> block (escaped).</summary>
    public static string Pre(string text) => $"<pre class=\"ck\" style=\"margin:0\">{Escape(text)}</pre>";

    /// <summary>
    /// A table of text cells (all escaped; line breaks kept). Columns for which <paramref name="numeric"/> is true are
    /// right-aligned. <paramref name="more"/>, if given, is a last row across all columns ("… 1,367 more rows").
    /// </summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows,
                               Func<int, bool>? numeric = null, string? more = null) =>
        RawTable(header.Select(Lines).ToList(), rows.Select(r => (IReadOnlyList<string>)r.Select(Lines).ToList()), numeric, more);

    /// <summary>As <see cref="Table"/>, but the cells are HTML already (escape any text in them first).</summary>
    public static string RawTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows,
                                  Func<int, bool>? numeric = null, string? more = null, string? headerRow2 = null)
    {
        numeric ??= _ => false;
        var sb = new StringBuilder("<table>");
        if (header.Count > 0)
        {
            sb.Append("<thead><tr>");
            for (int c = 0; c < header.Count; c++) sb.Append(Cell("th", header[c], numeric(c)));
            sb.Append("</tr>");
            if (headerRow2 is not null) sb.Append(headerRow2);
            sb.Append("</thead>");
        }
        sb.Append("<tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (int c = 0; c < row.Count; c++) sb.Append(Cell("td", row[c], numeric(c)));
            sb.Append("</tr>");
        }
        if (more is not null)
            sb.Append($"<tr><td class=\"ck-more\" colspan=\"{Math.Max(1, header.Count)}\">{Escape(more)}</td></tr>");
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>A small bar filled to <paramref name="fraction"/> (0 to 1).</summary>
    public static string Bar(double fraction) => string.Create(CultureInfo.InvariantCulture,
        $"<span class=\"ck-bar\"><span style=\"width:{Math.Clamp(fraction, 0, 1) * 100:0.#}%\"></span></span>");

    /// <summary>An inline PNG image (from <see cref="Png.Encode"/>) with a text alternative.</summary>
    public static string Image(byte[] png, int width, int height, string alt) =>
        $"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" width=\"{width}\" height=\"{height}\" style=\"image-rendering:pixelated\" alt=\"{Escape(alt)}\">";

    private static string Cell(string tag, string html, bool numeric) =>
        numeric ? $"<{tag} class=\"n\">{html}</{tag}>" : $"<{tag}>{html}</{tag}>";
}
