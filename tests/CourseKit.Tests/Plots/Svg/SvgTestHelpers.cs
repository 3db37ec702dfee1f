using System.Xml.Linq;

namespace CourseKit.Tests.Plots.Svg;

internal static class SvgTestHelpers
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>The figure's SVG, parsed (so every test also checks that it is well-formed XML).</summary>
    public static XElement Svg(this Figure figure) => XDocument.Parse(figure.ToSvg()).Root!;

    /// <summary>The groups that hold the traces, one per drawn trace, in order (each is clipped to its subplot).</summary>
    public static List<XElement> TraceGroups(this XElement svg) =>
        svg.Elements(Ns + "g").Where(g => g.Attribute("clip-path") is not null).Select(g => g.Elements().First()).ToList();

    /// <summary>A figure 700 × 450 with 50 px margins: the plot spans x 50–650 and y 50–400 (350 px tall).</summary>
    public static Figure Framed(params Trace[] traces)
    {
        var figure = new Figure(traces);
        figure.Layout.Width = 700;
        figure.Layout.Height = 450;
        figure.Layout.Margin = new PlotMargin { L = 50, R = 50, T = 50, B = 50 };
        return figure;
    }

    public static string Attr(this XElement e, string name) => e.Attribute(name)?.Value ?? throw new InvalidOperationException($"<{e.Name.LocalName}> has no {name}: {e}");

    public static double Number(this XElement e, string name) => double.Parse(e.Attr(name), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The texts of all &lt;text&gt; elements under <paramref name="e"/> with the given class, in order.</summary>
    public static List<string> Texts(this XElement e, string? cssClass = null) =>
        e.Descendants(Ns + "text").Where(t => cssClass is null || (string?)t.Attribute("class") == cssClass).Select(t => t.Value).ToList();
}
