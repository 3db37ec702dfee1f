using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// The notebook view shared by the convolution and pooling explanations: the (padded) input as a table with the current
/// window highlighted, the kernel, the written-out sum of the current step, and the output grid filling in. Previous/Next
/// buttons walk the steps; without JavaScript every listed step stays visible as text and the output grid is complete.
/// Only the first <see cref="MaxSteps"/> steps are written out, so large images stay a reasonable size.
/// </summary>
internal static class SlidingWindowHtml
{
    /// <summary>How many steps the HTML writes out; the data model always has all of them.</summary>
    public const int MaxSteps = 60;

    private const string Styles =
        "<style>" +
        ".ck table.ck-grid td{padding:1px 5px;min-width:1.6em}" +
        ".ck table.ck-grid td.ck-pad{opacity:.45}" +
        ".ck table.ck-grid td.ck-win{background:rgba(255,170,0,.38)}" +
        ".ck table.ck-grid td.ck-cur{background:rgba(255,170,0,.38);font-weight:600}" +
        ".ck table.ck-grid td.ck-pick{text-decoration:underline;font-weight:600}" +
        ".ck .ck-panes{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}" +
        ".ck .ck-steps{margin:4px 0;padding-left:0.5em;list-style-position:inside}" +
        ".ck button{margin:2px 4px 2px 0;font:inherit;cursor:pointer}" +
        "</style>";

    /// <summary>One step as the view shows it: the window's top-left corner in the shown input grid, its size, the
    /// output cell it fills, the cell that was picked (max pooling), and the line of text.</summary>
    public readonly record struct Step(int Top, int Left, int Height, int Width, int Row, int Column, string Text,
                                       (int Row, int Column)? Picked = null);

    public static string Build(string kind, string title, string formula, string inputCaption, float[,] input,
                               Func<int, int, bool> isPadding, float[,]? kernel, string outputCaption, float[,] output,
                               IReadOnlyList<Step> steps, string? note = null)
    {
        string id = StepView.NewId("ck-" + kind);
        int shown = Math.Min(steps.Count, MaxSteps);
        var first = shown > 0 ? steps[0] : default;
        var sb = new StringBuilder();
        sb.Append(Html.Styles).Append(Styles).Append(Html.Head(title)).Append("<div>").Append(formula).Append("</div>");
        if (note is not null) sb.Append(Html.Note(note));

        sb.Append("<div class=\"ck-panes\">");
        sb.Append("<div><div class=\"ck-dim\">").Append(Html.Escape(inputCaption)).Append("</div>");
        sb.Append(Grid(input, "in", (r, c) =>
        {
            var cls = new List<string>();
            if (isPadding(r, c)) cls.Add("ck-pad");
            if (shown > 0 && r >= first.Top && r < first.Top + first.Height && c >= first.Left && c < first.Left + first.Width) cls.Add("ck-win");
            if (shown > 0 && first.Picked == (r, c)) cls.Add("ck-pick");
            return cls;
        })).Append("</div>");
        if (kernel is not null)
            sb.Append("<div><div class=\"ck-dim\">kernel</div>").Append(Grid(kernel, "k", (_, _) => [])).Append("</div>");
        sb.Append("<div><div class=\"ck-dim\">").Append(Html.Escape(outputCaption)).Append("</div>");
        sb.Append(Grid(output, "out", (r, c) => shown > 0 && r == first.Row && c == first.Column ? ["ck-cur"] : [])).Append("</div>");
        sb.Append("</div>");

        var texts = steps.Take(shown).Select(s => Html.Escape(s.Text)).ToList();
        sb.Append(StepView.Render(id, texts, new(ListTag: "ol", StepTag: "li", ListClass: "ck-steps",
            StepAttributes: i => DataAttributes(steps[i]), OnShow: OnShow)));
        if (steps.Count > shown)
            sb.Append(Html.Note($"… {steps.Count - shown} more positions are not written out here; all {steps.Count} are in the explanation's Steps."));
        return MathHtml.Block($"<div id=\"{id}\">{sb}</div>", $"ck ck-{kind} coursekit-explain");
    }

    private static string Grid(float[,] values, string name, Func<int, int, List<string>> classes)
    {
        var sb = new StringBuilder($"<table class=\"ck-grid\" data-grid=\"{name}\"><tbody>");
        for (int r = 0; r < values.GetLength(0); r++)
        {
            sb.Append("<tr>");
            for (int c = 0; c < values.GetLength(1); c++)
            {
                var cls = classes(r, c);
                cls.Insert(0, "n");
                sb.Append($"<td class=\"{string.Join(' ', cls)}\" data-r=\"{r}\" data-c=\"{c}\">")
                  .Append(Html.Escape(WindowGeometry.Number(values[r, c]))).Append("</td>");
            }
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    private static string DataAttributes(Step s) =>
        $" data-top=\"{s.Top}\" data-left=\"{s.Left}\" data-h=\"{s.Height}\" data-w=\"{s.Width}\" data-row=\"{s.Row}\" data-col=\"{s.Column}\"" +
        (s.Picked is { } p ? $" data-pr=\"{p.Row}\" data-pc=\"{p.Column}\"" : "");

    // The step walker's hook: highlights the window (and the picked cell) of the shown step and hides the output cells
    // not computed yet; with every step shown the whole output is back and nothing is highlighted.
    private const string OnShow = """
        function (root, step, all) {
          var s = step.dataset, t = +s.top, l = +s.left, h = +s.h, w = +s.w;
          var cols = root.querySelector('table[data-grid="out"] tr').children.length, done = +s.row * cols + +s.col;
          function cells(g) { return root.querySelectorAll('table[data-grid="' + g + '"] td'); }
          cells('in').forEach(function (td) {
            var r = +td.dataset.r, c = +td.dataset.c;
            td.classList.toggle('ck-win', !all && r >= t && r < t + h && c >= l && c < l + w);
            td.classList.toggle('ck-pick', !all && s.pr !== undefined && r === +s.pr && c === +s.pc);
          });
          cells('out').forEach(function (td) {
            var k = +td.dataset.r * cols + +td.dataset.c;
            td.style.visibility = all || k <= done ? '' : 'hidden';
            td.classList.toggle('ck-cur', !all && k === done);
          });
        }
        """;
}
