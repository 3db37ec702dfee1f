using System.Globalization;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// The pieces the backprop and gradient-descent explanations are written with: tensors as LaTeX matrices (through
/// <see cref="Tex"/>, abbreviated beyond <see cref="MaxShown"/>) and as text, and titled steps walked with <see cref="StepView"/>.
/// </summary>
internal static class StepsHtml
{
    /// <summary>Rows or columns beyond this are abbreviated.</summary>
    public const int MaxShown = 6;

    /// <summary>A number as plain text.</summary>
    public static string Text(double v) => v.ToString(Math.Abs(v) is >= 1e-3 and < 1e6 or 0 ? "0.####" : "0.###E0", CultureInfo.InvariantCulture);

    /// <summary>A matrix (a vector is one row) as a LaTeX <c>bmatrix</c>.</summary>
    public static string Matrix(Tensor t)
    {
        var (rows, cols, v) = AsMatrix(t);
        return Tex.Matrix(rows, cols, (r, c) => Tex.Number(v[r * cols + c]), MaxShown, MaxShown - 2);
    }

    /// <summary>A matrix as text, one row a line, abbreviated like <see cref="Matrix"/>.</summary>
    public static string MatrixText(Tensor t, string indent = "    ")
    {
        var (rows, cols, v) = AsMatrix(t);
        var colIdx = Shown(cols);
        return string.Join("\n", Shown(rows).Select(r => indent + "[" + string.Join(", ", colIdx.Select(c =>
            (r < 0 ? "⋮" : c < 0 ? "…" : Text(v[r * cols + c])).PadLeft(9))) + " ]"));
    }

    private static (int Rows, int Cols, float[] Values) AsMatrix(Tensor t)
    {
        var shape = t.Shape;
        var values = t.ToArray();
        return shape.Length switch
        {
            0 => (1, 1, values),
            1 => (1, shape[0], values),
            _ => (values.Length / shape[^1], shape[^1], values),
        };
    }

    /// <summary>The indices to show; -1 marks the gap.</summary>
    private static IReadOnlyList<int> Shown(int n) => Tex.Shown(n, MaxShown, MaxShown - 2);

    /// <summary>
    /// The steps as one HTML fragment: each step a titled section; previous/next buttons step through them when scripts
    /// run (and every step is visible when they do not).
    /// </summary>
    public static string Steps(IReadOnlyList<(string Title, string Html)> steps)
    {
        string id = StepView.NewId("ck-steps");
        var bodies = steps.Select((s, i) => Html.Head($"Step {i + 1} of {steps.Count}: {s.Title}") + s.Html).ToList();
        return $"<div id=\"{id}\">" + StepView.Render(id, bodies,
            new(StepTag: "section", StepAttributes: _ => " style=\"margin:6px 0 10px 0\"")) + "</div>";
    }
}
