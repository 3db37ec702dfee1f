using System.Net;
using System.Text;

namespace CourseKit;

/// <summary>
/// Typesets the formulas of an explanation's HTML as MathML when the HTML is made, so that they read well wherever it is
/// shown — a notebook (JupyterLab, VS Code), a page exported by <c>coursekit run --html</c>, a lab without internet —
/// with no script and nothing to download: browsers draw MathML Core themselves (Chromium 109+, Firefox, Safari).
/// </summary>
public static class MathHtml
{
    /// <summary>
    /// A div (with <paramref name="cssClass"/>) holding <paramref name="innerHtml"/> with its <c>$…$</c> (inline) and
    /// <c>$$…$$</c> (display) formulas turned into MathML; see <see cref="Typeset"/>.
    /// </summary>
    public static string Block(string innerHtml, string cssClass = "coursekit-explain") =>
        $"<div class=\"{cssClass}\">{Style}{Typeset(innerHtml)}</div>";

    /// <summary>
    /// One TeX formula as a MathML <c>&lt;math&gt;</c> element: display math (centred, on its own line) when
    /// <paramref name="display"/> is true, else inline. The TeX travels along as an annotation (copy and paste, screen
    /// readers). An unknown command shows as a red box with its name instead of breaking the formula.
    /// </summary>
    public static string FromTex(string tex, bool display = false) => TexToMathMl.Convert(tex, display);

    /// <summary>
    /// <paramref name="html"/> with every <c>$$…$$</c> and <c>$…$</c> in its text replaced by MathML (the TeX may be
    /// HTML-escaped, as in <c>a &amp;lt; b</c>). Tags, and the contents of script, style, pre, code and textarea elements,
    /// are left alone; <c>\$</c> is a dollar sign, and a <c>$</c> without a partner in the same text stays as it is.
    /// </summary>
    public static string Typeset(string html)
    {
        var sb = new StringBuilder(html.Length * 3);
        int i = 0;
        while (i < html.Length)
        {
            int end = html[i] == '<' ? EndOfElementStart(html, i) : EndOfText(html, i);
            if (html[i] == '<') sb.Append(html, i, end - i);
            else TypesetText(html.AsSpan(i, end - i), sb);
            i = end;
        }
        return sb.ToString();
    }

    private const string Style = "<style>" + TexToMathMl.Style + "</style>";

    private static readonly string[] Verbatim = ["script", "style", "pre", "code", "textarea"];

    // Where the tag starting at i ends; for the elements whose text is not typeset, where their closing tag ends.
    private static int EndOfElementStart(string html, int i)
    {
        int end = html.IndexOf('>', i);
        if (end < 0) return html.Length;
        foreach (var name in Verbatim)
            if (string.Compare(html, i + 1, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && i + 1 + name.Length < html.Length && html[i + 1 + name.Length] is '>' or ' ' or '\t' or '\n' or '/')
            {
                int close = html.IndexOf("</" + name, end, StringComparison.OrdinalIgnoreCase);
                if (close < 0) return html.Length;
                int closeEnd = html.IndexOf('>', close);
                return closeEnd < 0 ? html.Length : closeEnd + 1;
            }
        return end + 1;
    }

    private static int EndOfText(string html, int i)
    {
        int end = html.IndexOf('<', i);
        return end < 0 ? html.Length : end;
    }

    // One run of text between tags: formulas become MathML, everything else is copied.
    private static void TypesetText(ReadOnlySpan<char> text, StringBuilder sb)
    {
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '$')
            {
                sb.Append('$');
                i += 2;
                continue;
            }
            if (text[i] != '$')
            {
                sb.Append(text[i++]);
                continue;
            }
            bool display = i + 1 < text.Length && text[i + 1] == '$';
            int open = display ? 2 : 1;
            int close = ClosingDollars(text, i + open, display);
            if (close < 0)
            {
                sb.Append(text.Slice(i, open));
                i += open;
                continue;
            }
            var tex = WebUtility.HtmlDecode(text[(i + open)..close].ToString());
            sb.Append(TexToMathMl.Convert(tex, display));
            i = close + open;
        }
    }

    // The position of the $ (or $$) that ends a formula starting at from, skipping \$; -1 when there is none.
    private static int ClosingDollars(ReadOnlySpan<char> text, int from, bool display)
    {
        for (int j = from; j < text.Length; j++)
        {
            if (text[j] == '\\') { j++; continue; }
            if (text[j] != '$') continue;
            if (!display) return j > from ? j : -1;
            if (j + 1 < text.Length && text[j + 1] == '$') return j;
        }
        return -1;
    }
}
