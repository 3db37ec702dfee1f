using CourseKit.Interactive;

namespace CourseKit;

// How a model looks in a notebook: the table of Summary() as HTML, built from the same rows and counts.
[TypeFormatterSource(typeof(CourseKitFormatterSource))]
public partial class Model
{
    /// <summary>The Keras summary table as an HTML fragment (or, before the model is built, the message saying so).</summary>
    internal string SummaryHtml()
    {
        if (!Built && !Layers.All(l => l.Built)) return Html.Block("model", Html.Note(SummaryText()));
        bool functional = _graph is not null;
        string[] header = functional ? ["Layer (type)", "Output Shape", "Param #", "Connected to"] : ["Layer (type)", "Output Shape", "Param #"];
        var rows = Layers.Select(l => (IReadOnlyList<string>)Row(l, functional)).ToList();
        int total = CountParams(), trainable = TrainableWeights.Sum(v => v.Size);
        var totals = Html.RawTable([], new[]
        {
            new[] { "Total params", Html.Escape(Count(total)) },
            ["Trainable params", Html.Escape(Count(trainable))],
            ["Non-trainable params", Html.Escape(Count(total - trainable))],
        }, numeric: c => c == 1);
        return Html.Block("model", Html.Head($"Model: \"{Name}\"") + Html.Table(header, rows, numeric: c => c == 2) + totals);
    }
}
