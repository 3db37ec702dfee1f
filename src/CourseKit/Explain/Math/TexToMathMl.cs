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
    /// CSS for a page that shows these formulas. Brackets that grow with a matrix, and braces under a formula, need a
    /// font with a MATH table; the generic family <c>math</c> does not find one everywhere (Chromium on Linux takes a
    /// plain serif), so the common math fonts are named first: STIX Two Math (macOS), Cambria Math (Windows), Latin
    /// Modern Math and DejaVu Math TeX Gyre (Linux). A display formula too wide for the page scrolls by itself.
    /// </summary>
    public const string Style =
        "math{font-family:\"STIX Two Math\",\"Cambria Math\",\"Latin Modern Math\",\"DejaVu Math TeX Gyre\",\"Noto Sans Math\",math}" +
        "math[display=block]{overflow-x:auto;overflow-y:hidden;padding:2px 0}";

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
