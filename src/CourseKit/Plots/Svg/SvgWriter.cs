using System.Globalization;
using System.Text;

namespace CourseKit.Plots.Svg;

/// <summary>
/// Writes SVG markup: elements with attributes, text escaped for XML, and numbers in the invariant culture rounded
/// to 0.1 px (finer detail is invisible and only makes the picture bigger).
/// <code>w.Element("rect").Attr("x", 10).Attr("fill", "#fff").End();</code>
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _sb = new();

    /// <summary>Starts an element; finish it with <see cref="End"/> (empty) or <see cref="Open"/> … <see cref="Close"/>.</summary>
    public SvgWriter Element(string name)
    {
        _sb.Append('<').Append(name);
        return this;
    }

    public SvgWriter Attr(string name, string? value)
    {
        if (value is null) return this;
        _sb.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
        return this;
    }

    public SvgWriter Attr(string name, double value)
    {
        _sb.Append(' ').Append(name).Append("=\"").Append(Number(value)).Append('"');
        return this;
    }

    /// <summary>An attribute only when <paramref name="value"/> is set.</summary>
    public SvgWriter Attr(string name, double? value) => value is { } v ? Attr(name, v) : this;

    /// <summary>Ends an element without content: <c>&lt;rect … /&gt;</c>.</summary>
    public SvgWriter End()
    {
        _sb.Append("/>\n");
        return this;
    }

    /// <summary>Ends the start tag of an element with content.</summary>
    public SvgWriter Open()
    {
        _sb.Append('>');
        return this;
    }

    public SvgWriter Close(string name)
    {
        _sb.Append("</").Append(name).Append(">\n");
        return this;
    }

    /// <summary>Text content, escaped.</summary>
    public SvgWriter Content(string text)
    {
        _sb.Append(Escape(text));
        return this;
    }

    /// <summary>Markup written as is (already escaped).</summary>
    public SvgWriter Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    public override string ToString() => _sb.ToString();

    /// <summary>A number as SVG wants it: invariant culture, at most one decimal, no "-0" (and 0 for NaN or infinity, which SVG cannot read).</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value)) return "0";
        double rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        if (rounded == 0) return "0";
        return rounded.ToString("0.#", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes the five XML special characters (and drops control characters XML forbids).</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("<>&\"'") < 0 && !text.Any(char.IsControl)) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                case '\t' or '\n' or '\r': sb.Append(' '); break;
                default:
                    if (!char.IsControl(c)) sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
