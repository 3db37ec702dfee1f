using System.Globalization;
using System.Text;
using CourseKit.Plots.Svg;

namespace CourseKit;

/// <summary>Draws boxes and arrows as SVG, for every box-and-arrow picture (the computation graph, the model diagram):
/// data flows left to right, each arrow from the right edge of one box to the left edge of the next (or around the
/// boxes between them).</summary>
internal static class BoxDiagramSvg
{
    /// <summary>A pixel coordinate as SVG wants it (invariant culture, one decimal at most).</summary>
    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The whole drawing: arrows first, then the boxes on top, each with its lines of text — the label (bold), the
    /// detail (small, grey), the value and, in red, the gradient — and a tooltip. An arrow that would pass behind boxes
    /// on its way (a skip connection, such as wide-and-deep's input going straight to the output layer) is routed above
    /// the drawing instead, each in a lane of its own.</summary>
    public static string Draw(IReadOnlyList<GraphBox> boxes, IReadOnlyList<GraphArrow> arrows, double width, double height,
                              Func<GraphBox, string> tooltip)
    {
        var body = new StringBuilder();
        var byId = boxes.ToDictionary(b => b.Id);
        int lanes = 0;
        foreach (var a in arrows)
        {
            var (from, to) = (byId[a.From], byId[a.To]);
            if (Hidden(from, to, boxes)) ArrowAbove(body, from, to, Lane(lanes++));
            else Arrow(body, from, to);
        }
        foreach (var b in boxes) Box(body, b, tooltip(b));
        // The arrowhead's id is unique on a page with several drawings, and the same each time this drawing is rendered.
        string marker = $"ck-arrow-{StableHash(body.ToString()):x8}";
        double shift = lanes * LaneGap;
        // Where the page is narrower than the drawing, it shrinks (height following) down to the width of its boxes
        // without the empty margins around them, and only then the page's wrapper scrolls: a drawing whose boxes fit
        // shows no scroll bar just because of its margins.
        string fit = $"max-width:100%;min-width:{F(width - 2 * GraphLayout.Margin)}px;height:auto";
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(width)}\" height=\"{F(height + shift)}\" viewBox=\"0 0 {F(width)} {F(height + shift)}\" style=\"{fit}\" font-family=\"sans-serif\" font-size=\"11\">" +
               $"<defs><marker id=\"{marker}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>" +
               $"<g transform=\"translate(0,{F(shift)})\">" + body.Replace(MarkerSlot, marker) + "</g></svg>";
    }

    /// <summary>The height of one lane above the drawing, for an arrow routed around boxes.</summary>
    private const double LaneGap = 18;

    /// <summary>The height of lane <paramref name="lane"/> (0 is nearest the boxes), before the drawing is moved down to make room.</summary>
    private static double Lane(int lane) => GraphLayout.Margin - 4 - (lane + 1) * LaneGap;

    /// <summary>Whether the straight arrow from <paramref name="from"/> to <paramref name="to"/> would pass behind a box of
    /// a column between them.</summary>
    private static bool Hidden(GraphBox from, GraphBox to, IReadOnlyList<GraphBox> boxes)
    {
        double top = Math.Min(from.Y, to.Y), bottom = Math.Max(from.Y, to.Y) + from.Height;
        return boxes.Any(b => b.Layer > from.Layer && b.Layer < to.Layer && b.Y < bottom && b.Y + b.Height > top);
    }

    /// <summary>An arrow from the top of <paramref name="from"/> up to height <paramref name="lane"/>, across, and down
    /// into the top of <paramref name="to"/>.</summary>
    private static void ArrowAbove(StringBuilder sb, GraphBox from, GraphBox to, double lane)
    {
        double x1 = from.X + from.Width / 2, x2 = to.X + to.Width / 2;
        sb.Append($"<path d=\"M{F(x1)},{F(from.Y)} V{F(lane)} H{F(x2)} V{F(to.Y)}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.2\" marker-end=\"url(#{MarkerSlot})\"/>");
    }

    /// <summary>Where the arrowhead's id goes, until the drawing is complete.</summary>
    private const string MarkerSlot = "{arrowhead}";

    /// <summary>FNV-1a: the same number for the same text in every run (string.GetHashCode changes between runs).</summary>
    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text) hash = (hash ^ c) * 16777619;
        return hash;
    }

    /// <summary>A curved arrow from <paramref name="from"/>'s right edge to <paramref name="to"/>'s left edge.</summary>
    private static void Arrow(StringBuilder sb, GraphBox from, GraphBox to)
    {
        double x1 = from.X + from.Width, y1 = from.Y + from.Height / 2, x2 = to.X, y2 = to.Y + to.Height / 2, mid = (x1 + x2) / 2;
        sb.Append($"<path d=\"M{F(x1)},{F(y1)} C{F(mid)},{F(y1)} {F(mid)},{F(y2)} {F(x2)},{F(y2)}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.2\" marker-end=\"url(#{MarkerSlot})\"/>");
    }

    private static void Box(StringBuilder sb, GraphBox b, string tooltip)
    {
        var (fill, stroke, rx) = Style(b.Kind);
        sb.Append($"<g class=\"ck-node ck-{b.Kind.ToString().ToLowerInvariant()}\" data-id=\"{b.Id}\" data-layer=\"{b.Layer}\">");
        sb.Append($"<title>{GraphText.Html(tooltip)}</title>");
        sb.Append($"<rect x=\"{F(b.X)}\" y=\"{F(b.Y)}\" width=\"{F(b.Width)}\" height=\"{F(b.Height)}\" rx=\"{rx}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{(b.Kind == GraphBoxKind.Layer ? "2.5" : "1.2")}\"/>");
        double cx = b.X + b.Width / 2;
        double line = b.Y + 15;
        sb.Append($"<text x=\"{F(cx)}\" y=\"{F(line)}\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"13\">{GraphText.Html(Shorten(b.Label, 20))}</text>");
        if (b.Detail is not null) sb.Append($"<text x=\"{F(cx)}\" y=\"{F(line + 12)}\" text-anchor=\"middle\" fill=\"#444\" font-size=\"11\">{GraphText.Html(Shorten(b.Detail, 22))}</text>");
        int room = Room(b.Width);
        sb.Append($"<text x=\"{F(cx)}\" y=\"{F(line + 26)}\" text-anchor=\"middle\">{GraphText.Html(Shorten(b.ValueText, room))}</text>");
        if (b.GradText is not null) sb.Append($"<text x=\"{F(cx)}\" y=\"{F(line + 39)}\" text-anchor=\"middle\" fill=\"#c62828\">{GraphText.Html(Shorten(GradientLine(b.GradText), room))}</text>");
        sb.Append("</g>");
    }

    /// <summary>The fill, border and corner radius of a box of this kind.</summary>
    private static (string Fill, string Stroke, int Radius) Style(GraphBoxKind kind) => kind switch
    {
        GraphBoxKind.Data => ("#eeeeee", "#888888", 2),
        GraphBoxKind.Parameter => ("#fff1dc", "#e08a00", 2),
        GraphBoxKind.Layer => ("#e3f4e3", "#2e8b57", 10),
        _ => ("#e6f0ff", "#3a6fc4", 10),
    };

    /// <summary>The gradient's line in a box: "∇ " and the gradient.</summary>
    public static string GradientLine(string gradText) => "∇ " + gradText;

    /// <summary>About how many pixels one character of a value or gradient line takes (11 px sans-serif).</summary>
    private const double CharPixels = 11 * SvgText.AverageCharWidth;

    /// <summary>The room left and right of a box's text, in pixels.</summary>
    private const double Padding = 12;

    /// <summary>How many characters of a value or gradient line a box this wide shows (at least 26, what the usual box
    /// has always shown); a longer line is cut.</summary>
    private static int Room(double width) => Math.Max(26, (int)((width - Padding) / CharPixels + 1e-6));

    /// <summary>The box width that shows every one of <paramref name="lines"/> whole, and at least the usual
    /// <see cref="GraphLayout.BoxWidth"/>.</summary>
    public static double BoxWidthFor(IEnumerable<string> lines) =>
        Math.Max(GraphLayout.BoxWidth, Math.Ceiling(lines.Select(l => l.Length).DefaultIfEmpty(0).Max() * CharPixels + Padding));

    /// <summary>Cuts text that would overflow a box, ending it with "…" (the box's tooltip has it whole).</summary>
    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
