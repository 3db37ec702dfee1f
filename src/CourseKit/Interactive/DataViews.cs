using System.Globalization;
using System.Text;

namespace CourseKit.Interactive;

/// <summary>How datasets and tables look in a notebook: a short summary, then the first rows (or images).</summary>
internal static class DataViews
{
    /// <summary>Rows shown by a table view.</summary>
    public const int Rows = 5;

    /// <summary>Images shown in a dataset's strip.</summary>
    public const int Images = 10;

    public static string TabularHtml(TabularDataset data)
    {
        var sb = new StringBuilder();
        sb.Append(Html.Head($"{data.Name}: {data.Count:N0} examples × {data.X.ShapeView[1]} features → {data.TargetName}"));
        sb.Append(Html.Note($"source: {data.Source}"));
        if (data.ClassNames is not null)
            sb.Append(Html.Note("classes: " + string.Join(", ", data.ClassCounts().Select(c => $"{c.Key} ({c.Value:N0})"))));
        var header = data.FeatureNames.Append(data.TargetName).ToList();
        var rows = data.Head(Rows).Select(r => (IReadOnlyList<string>)r.Select((v, c) => c == r.Length - 1 ? Target(data, v) : Number(v)).ToList());
        sb.Append(Html.Table(header, rows, numeric: _ => true,
            more: data.Count > Rows ? $"… {data.Count - Rows:N0} more rows" : null));
        return Html.Block("dataset", sb.ToString());
    }

    public static string ImagesHtml(ImageDataset data)
    {
        var sb = new StringBuilder();
        var image = data.Train.X.ShapeView;
        string size = image.Length >= 3 ? $" of {image[1]}×{image[2]} pixels" : "";
        sb.Append(Html.Head($"{data.Name}: {data.Train.X.ShapeView[0]:N0} training and {data.Test.X.ShapeView[0]:N0} test images{size}, {data.ClassNames.Count} classes"));
        sb.Append(Html.Note($"source: {data.Source}"));
        if (data.Note is not null) sb.Append(Html.Note($"note: {data.Note}"));

        int shown = Math.Min(Images, data.Train.X.ShapeView[0]);
        var labels = shown > 0 ? Labels(data.Train.Y[..shown]) : [];
        sb.Append("<div>");
        for (int i = 0; i < shown; i++)
        {
            string name = ClassName(data, labels[i]);
            try
            {
                var picture = data.Train.X[i].AsImage(scale: 2);
                sb.Append($"<figure>{picture.ToHtml()}<figcaption>{Html.Escape(name)}</figcaption></figure>");
            }
            catch (ShapeException)
            {
                break;   // not images we can draw (e.g. flattened rows): the summary and counts still show
            }
        }
        sb.Append("</div>");

        var train = ImageDataset.ClassCounts(data.Train.Y, data.ClassNames.Count);
        var test = ImageDataset.ClassCounts(data.Test.Y, data.ClassNames.Count);
        var rows = data.ClassNames.Select((c, i) => (IReadOnlyList<string>)[i.ToString(CultureInfo.InvariantCulture), c, $"{train[i]:N0}", $"{test[i]:N0}"]);
        sb.Append(Html.Table(["label", "class", "training images", "test images"], rows, numeric: c => c is 0 or 2 or 3));
        return Html.Block("dataset", sb.ToString());
    }

    public static string TableHtml(Table table)
    {
        var sb = new StringBuilder();
        sb.Append(Html.Head(table.ToString().Split('\n')[0].TrimEnd()));
        int shown = Math.Min(Rows, table.RowCount);
        bool Numeric(int c) => table.Columns[c].Kind == ColumnKind.Numeric;
        var kinds = "<tr>" + string.Concat(table.Columns.Select(c =>
            $"<th class=\"ck-dim{(c.Kind == ColumnKind.Numeric ? " n" : "")}\">{(c.Kind == ColumnKind.Numeric ? "number" : "text")}</th>")) + "</tr>";
        var rows = Enumerable.Range(0, shown).Select(r => (IReadOnlyList<string>)table.Row(r)
            .Select(cell => TableColumn.IsMissing(cell) ? $"<span class=\"ck-dim\">{(cell.Length == 0 ? "(missing)" : Html.Escape(cell))}</span>" : Html.Escape(cell))
            .ToList());
        sb.Append(Html.RawTable(table.ColumnNames.Select(Html.Escape).ToList(), rows, Numeric,
            more: table.RowCount > shown ? $"… {table.RowCount - shown:N0} more rows" : null, headerRow2: kinds));
        return Html.Block("table", sb.ToString());
    }

    private static string Number(float v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Target(TabularDataset data, float v) =>
        data.ClassNames is { } names && v >= 0 && v < names.Count && v == MathF.Floor(v) ? $"{Number(v)} ({names[(int)v]})" : Number(v);

    /// <summary>Class indices, whether the labels are indices (n) or one-hot rows (n, classes).</summary>
    private static int[] Labels(Tensor y)
    {
        if (y.Rank == 1) return y.ToArray().Select(v => (int)v).ToArray();
        int n = y.ShapeView[0], classes = y.Size / Math.Max(1, n);
        var values = y.ToArray();
        return Enumerable.Range(0, n).Select(r =>
        {
            int best = 0;
            for (int c = 1; c < classes; c++) if (values[r * classes + c] > values[r * classes + best]) best = c;
            return best;
        }).ToArray();
    }

    private static string ClassName(ImageDataset data, int label) =>
        label >= 0 && label < data.ClassNames.Count ? data.ClassNames[label] : label.ToString(CultureInfo.InvariantCulture);
}
