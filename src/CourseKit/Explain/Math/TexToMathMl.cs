using System.Text;

namespace CourseKit;

/// <summary>
/// Turns TeX math (the subset CourseKit and the course notebooks write: fractions, scripts, matrices, Greek, accents,
/// \text, \left…\right, sums with limits, cases and aligned equations, …) into MathML Core, which browsers render
/// without any script or font download. The TeX source travels along as an annotation, for copying and for screen readers.
/// </summary>
internal static class TexToMathMl
{
    /// <summary>
    /// A <c>&lt;math&gt;</c> element for <paramref name="tex"/>: <c>display="block"</c> for display math (<c>$$…$$</c>),
    /// inline otherwise. Never throws: what cannot be read shows as a red <c>merror</c> naming it.
    /// </summary>
    public static string Convert(string tex, bool display)
    {
        var math = new MathNode("math");
        if (display) math.Set("display", "block");
        math.Add(new MathNode("semantics").Add(
            TexParser.Parse(tex),
            new MathNode("annotation", tex.Trim()).Set("encoding", "application/x-tex")));
        var sb = new StringBuilder();
        math.WriteTo(sb);
        return sb.ToString();
    }
}
