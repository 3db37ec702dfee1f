using System.Globalization;
using System.Text;

namespace CourseKit;

/// <summary>
/// LaTeX as every explainer writes it: numbers (<c>3.2 \times 10^{-6}</c>), matrices as <c>bmatrix</c> abbreviated with
/// ⋮, ⋯ and ⋱ when large, and sub- and superscripts.
/// </summary>
internal static class Tex
{
    /// <summary>A number as LaTeX: "0.5", "-1.234", "3.2 \times 10^{-6}", "\infty".</summary>
    public static string Number(double v)
    {
        if (double.IsNaN(v)) return @"\text{NaN}";
        if (double.IsInfinity(v)) return v > 0 ? @"\infty" : @"-\infty";
        if (v == 0) return "0";
        double a = Math.Abs(v);
        if (a >= 1e-3 && a < 1e6) return v.ToString("0.####", CultureInfo.InvariantCulture);
        int e = (int)Math.Floor(Math.Log10(a));
        double m = v / Math.Pow(10, e);
        return $@"{m.ToString("0.###", CultureInfo.InvariantCulture)} \times {Sup("10", e.ToString(CultureInfo.InvariantCulture))}";
    }

    /// <summary>A subscript: <c>w_{12}</c>.</summary>
    public static string Sub(string body, string index) => $"{body}_{{{index}}}";

    /// <summary>A superscript: <c>10^{-6}</c>, <c>Z^{(2)}</c>.</summary>
    public static string Sup(string body, string power) => $"{body}^{{{power}}}";

    /// <summary>
    /// The row (or column) indices a matrix shows: all of them up to <paramref name="maxShown"/>, otherwise the first
    /// <paramref name="head"/>, −1 for the gap, and the last.
    /// </summary>
    public static IReadOnlyList<int> Shown(int count, int maxShown, int head) =>
        count <= maxShown ? [.. Enumerable.Range(0, count)] : [.. Enumerable.Range(0, head), -1, count - 1];

    /// <summary>A matrix as a LaTeX <c>bmatrix</c>, abbreviated as <see cref="Shown"/> says; <paramref name="cell"/> writes entry (row, column).</summary>
    public static string Matrix(int rows, int cols, Func<int, int, string> cell, int maxShown, int head)
    {
        var rs = Shown(rows, maxShown, head);
        var cs = Shown(cols, maxShown, head);
        var sb = new StringBuilder(@"\begin{bmatrix}");
        for (int a = 0; a < rs.Count; a++)
        {
            if (a > 0) sb.Append(@" \\ ");
            sb.Append(string.Join(" & ", cs.Select(c => rs[a] < 0 ? (c < 0 ? @"\ddots" : @"\vdots") : c < 0 ? @"\cdots" : cell(rs[a], c))));
        }
        return sb.Append(@"\end{bmatrix}").ToString();
    }
}
