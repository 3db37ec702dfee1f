using System.Net;
using System.Text.RegularExpressions;

namespace CourseKit.Plots.Svg;

/// <summary>
/// Texts in the picture: plotly's small HTML subset (<c>&lt;br&gt;</c> breaks a line; the tags plotly knows, such as
/// <c>&lt;b&gt;</c>, <c>&lt;i&gt;</c>, <c>&lt;sup&gt;</c>, <c>&lt;span&gt;</c>, are dropped and any other text is kept as
/// written; entities such as <c>&amp;amp;</c> are decoded), an estimate of how wide
/// a text is (no font metrics are available here: each character counts by its kind, at DejaVu Sans's widths, the
/// widest common sans-serif, so that texts in narrower fonts still fit), and the <c>&lt;text&gt;</c> elements that draw it.
/// </summary>
internal static partial class SvgText
{
    /// <summary>The average width of a character as a fraction of the font size (sans-serif fonts are about 0.55–0.6),
    /// for sizes counted in characters (the box diagrams' boxes). <see cref="Width(string, double)"/> measures a text
    /// character by character.</summary>
    public const double AverageCharWidth = 0.57;

    // Character widths as fractions of the font size, by kind, rounded up from DejaVu Sans (Linux's default
    // sans-serif; Arial, Helvetica and Segoe UI are narrower). A single average width (0.57) cut off labels with
    // many m's or capitals, such as "momentum η=0.01", where the text ends at the picture's edge.
    private const string Narrow = "ijlI.,:;'!| ", Slim = "ftr()[]{}-/\\\"", Wide = "mwMW%@", Operators = "=+<>~±×÷−";
    private const double NarrowWidth = 0.32, SlimWidth = 0.42, WideWidth = 1.0, OperatorWidth = 0.84, CapitalWidth = 0.75, OtherWidth = 0.64;

    /// <summary>The distance between two lines, as a multiple of the font size.</summary>
    public const double LineHeight = 1.3;

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</?(b|i|em|strong|sup|sub|span|a|s|u)(\s[^>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();

    /// <summary>The lines of a plotly text: split at <c>&lt;br&gt;</c> and newlines, plotly's tags removed, entities decoded.</summary>
    public static string[] Lines(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var plain = LineBreak().Replace(text.Replace("\r\n", "\n"), "\n");
        plain = WebUtility.HtmlDecode(Tag().Replace(plain, ""));
        return plain.Split('\n');
    }

    /// <summary>About how many pixels wide the widest line of <paramref name="lines"/> is at <paramref name="size"/> px.</summary>
    public static double Width(IEnumerable<string> lines, double size) => lines.Select(l => Width(l, size)).DefaultIfEmpty(0).Max();

    /// <summary>About how many pixels wide a one-line text is at <paramref name="size"/> px (rather too wide than too narrow).</summary>
    public static double Width(string line, double size) => line.Sum(CharWidth) * size;

    private static double CharWidth(char c) =>
        Narrow.Contains(c) ? NarrowWidth
        : Slim.Contains(c) ? SlimWidth
        : Wide.Contains(c) ? WideWidth
        : Operators.Contains(c) ? OperatorWidth
        : char.IsUpper(c) ? CapitalWidth
        : OtherWidth;

    /// <summary>
    /// Writes a text. (<paramref name="x"/>, <paramref name="y"/>) is the anchor point: <paramref name="anchor"/> is
    /// "start", "middle" or "end" across and <paramref name="vertical"/> says whether the point is at the text's
    /// "top", "middle" or "bottom" (of all lines), or on the first line's "baseline". <paramref name="rotate"/> turns it around the point (−90: reading upwards).
    /// </summary>
    public static void Write(SvgWriter w, double x, double y, string[] lines, Font font, string anchor = "middle", string vertical = "middle",
                             double rotate = 0, string? cssClass = null)
    {
        if (lines.Length == 0) return;
        double lineStep = font.Size * LineHeight;
        double block = (lines.Length - 1) * lineStep;
        // The first baseline: capitals are about 0.7 em tall, so a baseline 0.35 em below the middle centres a line.
        double firstBaseline = vertical switch
        {
            "top" => y + font.Size * 0.8,
            "baseline" => y,
            "bottom" => y - block - font.Size * 0.25,
            _ => y - block / 2 + font.Size * 0.35,
        };
        w.Element("text").Attr("class", cssClass).Attr("x", x).Attr("y", firstBaseline).Attr("text-anchor", anchor == "start" ? null : anchor);
        font.WriteAttributes(w);
        if (rotate != 0) w.Attr("transform", $"rotate({SvgWriter.Number(rotate)} {SvgWriter.Number(x)} {SvgWriter.Number(y)})");
        w.Open();
        if (lines.Length == 1) w.Content(lines[0]);
        else
            for (int i = 0; i < lines.Length; i++)
                w.Element("tspan").Attr("x", x).Attr("dy", i == 0 ? 0 : lineStep).Open().Content(lines[i]).Raw("</tspan>");
        w.Close("text");
    }
}

/// <summary>A resolved font: size in px, CSS colour and family (null family: the picture's default).</summary>
internal readonly record struct Font(double Size, string Color, string? Family = null, string? Weight = null)
{
    /// <summary><paramref name="font"/>'s settings where given, else this font's.</summary>
    public Font With(PlotFont? font) => font is null ? this : new Font(font.Size ?? Size, font.Color ?? Color, font.Family ?? Family, Weight);

    public void WriteAttributes(SvgWriter w)
    {
        w.Attr("font-size", Size).Attr("fill", Color).Attr("font-family", Family).Attr("font-weight", Weight);
    }
}
