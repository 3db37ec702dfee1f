using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

// How a tensor looks in a notebook. The numbers are written exactly as ToString() writes them (the same NumberStyle and
// the same NumPy-like corners for large tensors); only the layout is HTML: one table per matrix.
[TypeFormatterSource(typeof(CourseKitFormatterSource))]
public sealed partial class Tensor
{
    /// <summary>The tensor as an HTML fragment: the header facts, then its values as tables.</summary>
    internal string ToHtml()
    {
        var head = new StringBuilder($"Tensor {ShapeMath.Format(_shape)} float32 on {Device}");
        if (Name is not null) head.Append($" · {Name}");
        if (Op is not null) head.Append($" · from {Op}");
        else if (RequiresGrad) head.Append(" · requires grad");
        if (Size == 0) return Html.Block("tensor", Html.Head(head.ToString()) + Html.Note("(no values)"));

        var values = ToArray();
        bool summarize = Size > SummaryThreshold;
        var style = NumberStyle.For(Shown(values, summarize).ToArray());
        var body = new StringBuilder();
        if (summarize) body.Append(Html.Note($"{Size:N0} values; showing the first and last {EdgeItems} along each axis"));
        AppendBlocks(body, values, 0, 0, [], style, summarize);
        return Html.Block("tensor", Html.Head(head.ToString()) + body);
    }

    /// <summary>Walks the axes before the last two; each (rows, columns) matrix becomes a table labelled with its index.</summary>
    private void AppendBlocks(StringBuilder sb, float[] values, int axis, int offset, List<string> index, NumberStyle style, bool summarize)
    {
        if (axis >= Rank - 2)
        {
            if (index.Count > 0) sb.Append(Html.Note("[" + string.Join(", ", index.Concat([":", ":"])) + "]"));
            AppendMatrix(sb, values, offset, style, summarize);
            return;
        }
        int size = _shape[axis], stride = ShapeMath.Size(_shape.AsSpan(axis + 1));
        bool cut = summarize && size > 2 * EdgeItems;
        foreach (int i in Positions(size, summarize))
        {
            if (cut && i == size - EdgeItems) sb.Append(Html.Note($"… {size - 2 * EdgeItems:N0} more along axis {axis}"));
            index.Add(i.ToString());
            AppendBlocks(sb, values, axis + 1, offset + i * stride, index, style, summarize);
            index.RemoveAt(index.Count - 1);
        }
    }

    /// <summary>One matrix (or the single row of a vector, or the one cell of a scalar), with "…"/"⋮" where values are left out.</summary>
    private void AppendMatrix(StringBuilder sb, float[] values, int offset, NumberStyle style, bool summarize)
    {
        int rows = Rank >= 2 ? _shape[Rank - 2] : 1, columns = Rank >= 1 ? _shape[Rank - 1] : 1;
        bool cutRows = summarize && rows > 2 * EdgeItems, cutColumns = summarize && columns > 2 * EdgeItems;
        sb.Append("<table class=\"ck-values\"><tbody>");
        foreach (int r in Positions(rows, summarize))
        {
            if (cutRows && r == rows - EdgeItems)
            {
                sb.Append("<tr>");
                foreach (int c in Positions(columns, summarize))
                {
                    if (cutColumns && c == columns - EdgeItems) sb.Append("<td class=\"ck-more\">⋱</td>");
                    sb.Append("<td class=\"ck-more\">⋮</td>");
                }
                sb.Append("</tr>");
            }
            sb.Append("<tr>");
            foreach (int c in Positions(columns, summarize))
            {
                if (cutColumns && c == columns - EdgeItems) sb.Append("<td class=\"ck-more\">…</td>");
                sb.Append("<td class=\"n\">").Append(Html.Escape(style.Format(values[offset + r * columns + c]))).Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
    }
}
