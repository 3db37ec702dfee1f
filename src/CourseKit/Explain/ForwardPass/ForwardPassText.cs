using System.Globalization;

namespace CourseKit;

/// <summary>
/// How the forward-pass explanations write numbers, indices and matrices: once as readable text (Unicode minus,
/// sub- and superscript digits) and once as LaTeX (bmatrix). Matrices larger than 4×4 are abbreviated with ⋯ / ⋮.
/// </summary>
internal static class ForwardPassText
{
    /// <summary>Rows or columns shown in full up to this count; larger matrices show the first three and the last.</summary>
    public const int MaxShown = 4;

    /// <summary>A number with at most four decimals, a Unicode minus and no trailing zeros: 0.8205, −0.4, 3.</summary>
    public static string Num(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? "∞" : "−∞";
        return Numbers.WithMinus(Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture));
    }

    /// <summary>A number as LaTeX (ASCII minus).</summary>
    public static string TexNum(double v) => Num(v).Replace("−", "-").Replace("∞", "\\infty");

    /// <summary>A factor in a product: negative numbers in parentheses, as in 5·(−0.4).</summary>
    public static string Factor(double v) => Numbers.Factor(Num(v));

    /// <summary>Digits as superscripts: 12 → ¹².</summary>
    public static string Sup(int n) => Map(n, "⁰¹²³⁴⁵⁶⁷⁸⁹");

    /// <summary>Digits as subscripts: 12 → ₁₂.</summary>
    public static string Sub(int n) => Map(n, "₀₁₂₃₄₅₆₇₈₉");

    /// <summary>The layer mark of the lecture: ⁽²⁾.</summary>
    public static string Layer(int l) => $"⁽{Sup(l)}⁾";

    /// <summary>A two-index subscript: ₁₂, or ₁,₁₂ when an index has two digits.</summary>
    public static string Sub2(int i, int j) => i < 10 && j < 10 ? Sub(i) + Sub(j) : $"{Sub(i)},{Sub(j)}";

    /// <summary>Two indices written plainly: 12, or 1,12 when an index has two digits.</summary>
    public static string Idx(int i, int j) => i < 10 && j < 10 ? $"{i}{j}" : $"{i},{j}";


    private static string Map(int n, string digits) =>
        string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(c => c == '-' ? '⁻' : digits[c - '0']));

    /// <summary>The row (or column) indices shown: all of them, or 0, 1, 2, −1 (a gap), last.</summary>
    public static IReadOnlyList<int> Shown(int count) => Tex.Shown(count, MaxShown, MaxShown - 1);

    /// <summary>A matrix as LaTeX <c>bmatrix</c>, abbreviated beyond 4×4.</summary>
    public static string TexMatrix(int rows, int cols, Func<int, int, string> cell) => Tex.Matrix(rows, cols, cell, MaxShown, MaxShown - 1);

    /// <summary>A numeric matrix as LaTeX.</summary>
    public static string TexMatrix(float[,] m) => TexMatrix(m.GetLength(0), m.GetLength(1), (i, j) => TexNum(m[i, j]));

    /// <summary>A matrix as text: [[3, 5], [5, 1]], abbreviated with … beyond 4×4.</summary>
    public static string TextMatrix(int rows, int cols, Func<int, int, string> cell)
    {
        var rs = Shown(rows);
        var cs = Shown(cols);
        return "[" + string.Join(", ", rs.Select(r => r < 0 ? "…"
            : "[" + string.Join(", ", cs.Select(c => c < 0 ? "…" : cell(r, c))) + "]")) + "]";
    }

    /// <summary>A numeric matrix as text.</summary>
    public static string TextMatrix(float[,] m) => TextMatrix(m.GetLength(0), m.GetLength(1), (i, j) => Num(m[i, j]));

    /// <summary>A vector as a one-row matrix.</summary>
    public static float[,] Row(float[] v)
    {
        var m = new float[1, v.Length];
        for (int j = 0; j < v.Length; j++) m[0, j] = v[j];
        return m;
    }
}
