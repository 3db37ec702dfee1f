using System.Globalization;
using System.Text;

namespace CourseKit.Interactive;

/// <summary>How training results look in a notebook: learning curves and the final numbers.</summary>
internal static class TrainingViews
{
    public static string EvaluationHtml(Evaluation evaluation) =>
        Html.Block("evaluation", Html.Table(["metric", "value"],
            evaluation.Select(kv => (IReadOnlyList<string>)[kv.Key, Number(kv.Value)]), numeric: c => c == 1));

    public static string HistoryHtml(TrainingHistory history)
    {
        var sb = new StringBuilder();
        sb.Append(Html.Head(history.Title));
        if (history.Epoch.Count > 0)
        {
            sb.Append(Plot.LearningCurves(history).ToHtml());
            sb.Append(Html.Table(["metric", "first epoch", "last epoch"],
                history.History.Select(kv => (IReadOnlyList<string>)[kv.Key, Number(kv.Value[0]), Number(kv.Value[^1])]),
                numeric: c => c > 0));
        }
        if (history.StopReason is not null) sb.Append(Html.Note($"stopped early: {history.StopReason}"));
        return Html.Block("history", sb.ToString());
    }

    internal static string Number(float v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
