using CourseKit.Interactive;
using System.Globalization;
using System.Text;

namespace CourseKit;

public partial class Model
{
    /// <summary>
    /// Shows the Keras table of the model: each layer's name and type, its output shape (None for the batch axis), its
    /// number of parameters and, for functional models, which layers feed it; then the total, trainable and
    /// non-trainable parameter counts. E.g. Flatten(28×28) → Dense 300 → Dense 100 → Dense 10 has 266,610 parameters.
    /// In a notebook it is displayed as a table (the model's own view, as when the model ends a cell); elsewhere the
    /// text is printed, as Keras does.
    /// </summary>
    public void Summary()
    {
        if (NotebookHost.Show(this) is null) Console.WriteLine(SummaryText());
    }

    /// <summary>The table <see cref="Summary"/> prints, as text.</summary>
    public string SummaryText()
    {
        if (!Built && !Layers.All(l => l.Built))
            return $"Model \"{Name}\" has not been built yet: its weights are made when it first sees data. " +
                   "Give the first layer an inputShape, add an Input, or call Fit/Predict once.";
        bool functional = _graph is not null;
        var header = functional ? new[] { "Layer (type)", "Output Shape", "Param #", "Connected to" } : ["Layer (type)", "Output Shape", "Param #"];
        var rows = Layers.Select(l => Row(l, functional)).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Split('\n').Max(line => line.Length))) + 2).ToArray();

        var sb = new StringBuilder();
        sb.AppendLine($"Model: \"{Name}\"");
        sb.AppendLine(Rule('┏', '━', '┳', '┓', widths));
        sb.AppendLine(Cells('┃', header, widths, numericColumn: 2));
        sb.AppendLine(Rule('┡', '━', '╇', '┩', widths));
        for (int r = 0; r < rows.Count; r++)
        {
            var lines = rows[r].Select(cell => cell.Split('\n')).ToList();
            for (int line = 0; line < lines.Max(l => l.Length); line++)
                sb.AppendLine(Cells('│', lines.Select(l => line < l.Length ? l[line] : "").ToArray(), widths, numericColumn: 2));
            sb.AppendLine(r < rows.Count - 1 ? Rule('├', '─', '┼', '┤', widths) : Rule('└', '─', '┴', '┘', widths));
        }
        int total = CountParams(), trainable = TrainableWeights.Sum(v => v.Size);
        sb.AppendLine($" Total params: {Count(total)}");
        sb.AppendLine($" Trainable params: {Count(trainable)}");
        sb.Append($" Non-trainable params: {Count(total - trainable)}");
        return sb.ToString();
    }

    private string[] Row(Layer layer, bool functional)
    {
        string shape = layer.OutputShape is int[] s ? KerasTensor.Format(s) : "?";
        var row = new List<string> { $"{layer.Name} ({layer.GetType().Name})", shape, layer.CountParams().ToString("N0", CultureInfo.InvariantCulture) };
        if (functional)
        {
            var sources = _graph!.Nodes.Where(n => n.Producer == layer).SelectMany(n => n.Parents).Select(p => $"{p.Producer.Name}[0][0]").ToList();
            row.Add(sources.Count == 0 ? "-" : string.Join("\n", sources));
        }
        return [.. row];
    }

    private static string Count(int parameters) =>
        $"{parameters.ToString("N0", CultureInfo.InvariantCulture)} ({Bytes(parameters * 4L)})";

    /// <summary>Sizes as Keras writes them: 168.00 B, 1.02 MB (powers of 1024).</summary>
    private static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
        return value.ToString("0.00", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static string Rule(char left, char fill, char join, char right, int[] widths) =>
        left + string.Join(join, widths.Select(w => new string(fill, w))) + right;

    private static string Cells(char border, string[] cells, int[] widths, int numericColumn) =>
        border + string.Join(border, cells.Select((c, i) => i == numericColumn ? " " + c.PadLeft(widths[i] - 2) + " " : " " + c.PadRight(widths[i] - 1))) + border;
}
