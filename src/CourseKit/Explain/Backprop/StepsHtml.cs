using System.Globalization;
using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// The pieces the backprop and gradient-descent explanations are written with: numbers and matrices in LaTeX
/// (<c>bmatrix</c>, abbreviated with ⋮ and ⋯ when large) and as text, and a list of steps with previous/next buttons.
/// Without JavaScript every step stays visible; the script only hides the others and shows the buttons.
/// </summary>
internal static class StepsHtml
{
    /// <summary>Rows or columns beyond this are abbreviated.</summary>
    public const int MaxShown = 6;

    /// <summary>A number as LaTeX: "0.5", "-1.234", "3.2 \times 10^{-6}".</summary>
    public static string Number(double v)
    {
        if (double.IsNaN(v)) return @"\text{NaN}";
        if (double.IsInfinity(v)) return v > 0 ? @"\infty" : @"-\infty";
        if (v == 0) return "0";
        double a = Math.Abs(v);
        if (a >= 1e-3 && a < 1e6) return v.ToString("0.####", CultureInfo.InvariantCulture);
        int e = (int)Math.Floor(Math.Log10(a));
        double m = v / Math.Pow(10, e);
        return $@"{m.ToString("0.###", CultureInfo.InvariantCulture)} \times 10^{{{e}}}";
    }

    /// <summary>A number as plain text.</summary>
    public static string Text(double v) => v.ToString(Math.Abs(v) is >= 1e-3 and < 1e6 or 0 ? "0.####" : "0.###E0", CultureInfo.InvariantCulture);

    /// <summary>A matrix (a vector is one row) as a LaTeX <c>bmatrix</c>.</summary>
    public static string Matrix(Tensor t)
    {
        var (rows, cols, v) = AsMatrix(t);
        var rowIdx = Shown(rows);
        var colIdx = Shown(cols);
        var sb = new StringBuilder(@"\begin{bmatrix}");
        for (int i = 0; i < rowIdx.Count; i++)
        {
            if (i > 0) sb.Append(@" \\ ");
            sb.Append(string.Join(" & ", colIdx.Select(c =>
                rowIdx[i] < 0 ? (c < 0 ? @"\ddots" : @"\vdots") : c < 0 ? @"\cdots" : Number(v[rowIdx[i] * cols + c]))));
        }
        return sb.Append(@"\end{bmatrix}").ToString();
    }

    /// <summary>A matrix as text, one row a line, abbreviated like <see cref="Matrix"/>.</summary>
    public static string MatrixText(Tensor t, string indent = "    ")
    {
        var (rows, cols, v) = AsMatrix(t);
        var colIdx = Shown(cols);
        return string.Join("\n", Shown(rows).Select(r => indent + "[" + string.Join(", ", colIdx.Select(c =>
            (r < 0 ? "⋮" : c < 0 ? "…" : Text(v[r * cols + c])).PadLeft(9))) + " ]"));
    }

    /// <summary>Shape as "(2, 3)".</summary>
    public static string Shape(Tensor t) => "(" + string.Join(", ", t.Shape) + ")";

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
    private static List<int> Shown(int n) =>
        n <= MaxShown ? [.. Enumerable.Range(0, n)] : [.. Enumerable.Range(0, MaxShown - 2), -1, n - 1];

    /// <summary>
    /// The steps as one HTML fragment: each step a titled section; previous/next buttons step through them when scripts
    /// run (and every step is visible when they do not).
    /// </summary>
    public static string Steps(IReadOnlyList<(string Title, string Html)> steps)
    {
        string id = "ck-steps-" + Guid.NewGuid().ToString("N")[..12];
        var sb = new StringBuilder($"<div id=\"{id}\">");
        sb.Append("<div class=\"ck-nav\" style=\"display:none;margin:4px 0\">")
          .Append("<button type=\"button\" data-step=\"-1\">◀ previous</button> ")
          .Append("<span class=\"ck-pos\"></span> ")
          .Append("<button type=\"button\" data-step=\"1\">next ▶</button></div>");
        for (int i = 0; i < steps.Count; i++)
            sb.Append("<section class=\"ck-step\" style=\"margin:6px 0 10px 0\">")
              .Append(Html.Head($"Step {i + 1} of {steps.Count}: {steps[i].Title}"))
              .Append(steps[i].Html)
              .Append("</section>");
        sb.Append("</div>");
        sb.Append($$"""
            <script>
            (function () {
              var root = document.getElementById('{{id}}'); if (!root) return;
              var steps = root.querySelectorAll(':scope > section.ck-step'), nav = root.querySelector('.ck-nav'), pos = root.querySelector('.ck-pos'), at = 0;
              function show() {
                for (var i = 0; i < steps.length; i++) steps[i].style.display = i === at ? '' : 'none';
                pos.textContent = 'step ' + (at + 1) + ' of ' + steps.length;
              }
              nav.style.display = '';
              nav.querySelectorAll('button').forEach(function (b) {
                b.addEventListener('click', function () { at = Math.max(0, Math.min(steps.length - 1, at + Number(b.getAttribute('data-step')))); show(); });
              });
              show();
            })();
            </script>
            """);
        return sb.ToString();
    }
}
