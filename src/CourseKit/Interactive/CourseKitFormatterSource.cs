using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// Every CourseKit type a notebook can show, with its HTML and plain-text formatter. .NET Interactive finds this class
/// through <see cref="TypeFormatterSourceAttribute"/> and calls <see cref="CreateTypeFormatters"/>;
/// <see cref="Display"/> uses the same list, so notebooks, the <c>coursekit</c> runner and tests render alike.
/// </summary>
internal sealed class CourseKitFormatterSource
{
    /// <summary>All formatters, an HTML and a plain-text one per type.</summary>
    internal static IReadOnlyList<DisplayFormatter> Formatters { get; } =
    [
        .. DisplayFormatter.For<Tensor>(t => t.ToHtml(), t => t.ToString()),
        .. DisplayFormatter.For<Shape>(s => Html.Block("shape", $"<code>{s}</code>"), s => s.ToString()),
        .. DisplayFormatter.For<Explanation>(e => e.ToHtml(), e => e.ToString()),
        .. DisplayFormatter.For<TensorImage>(i => Html.Block("image", i.ToHtml()), i => i.ToString()),
        .. DisplayFormatter.For<Model>(m => m.SummaryHtml(), m => m.SummaryText()),
        .. DisplayFormatter.For<TrainingHistory>(TrainingViews.HistoryHtml, h => h.ToString()),
        .. DisplayFormatter.For<Evaluation>(TrainingViews.EvaluationHtml, e => e.ToString()),
        .. DisplayFormatter.For<Perceptron>(PerceptronView.Html, PerceptronView.Text),
        .. DisplayFormatter.For<TrainingProgress>(p => p.ToHtml(), p => p.ToString()),
        .. DisplayFormatter.For<SearchResult>(SearchViews.ResultHtml, r => r.ToString()),
        .. DisplayFormatter.For<SearchProgress>(p => p.ToHtml(), p => p.ToString()),
        .. DisplayFormatter.For<HyperparameterSearch>(SearchViews.SearchHtml, s => s.ToString()),
        .. DisplayFormatter.For<SearchSpace>(SearchViews.SpaceHtml, s => s.ToString()),
        .. DisplayFormatter.For<ParameterValues>(v => Html.Block("search", Html.Escape(v.ToString())), v => v.ToString()),
        .. DisplayFormatter.For<TabularDataset>(DataViews.TabularHtml, d => d.ToString()),
        .. DisplayFormatter.For<ImageDataset>(DataViews.ImagesHtml, d => d.ToString()),
        .. DisplayFormatter.For<Table>(DataViews.TableHtml, t => t.ToString()),
        .. DisplayFormatter.For<Figure>(f => f.ToHtml(), f => f.ToString()),
        .. DisplayFormatter.For<ComputationGraph>(GraphView.Html, GraphView.Text),
        .. DisplayFormatter.For<Device>(DeviceView.Html, DeviceView.Text),
        .. DisplayFormatter.For<NotebookBanner>(b => b.ToHtml(), b => b.ToString()),
        .. DisplayFormatter.For<GradingReport>(r => Html.Block("report", $"Sent to the grader: <code>{Html.Escape(r.Name)}</code>"), r => r.ToString()),
        new(typeof(GradingReport), Grading.ReportMimeType, r => r.ToString()!),
    ];

    /// <summary>The formatters, as .NET Interactive asks for them.</summary>
    public IEnumerable<object> CreateTypeFormatters() => Formatters;

    /// <summary>The formatter for objects of <paramref name="type"/> in <paramref name="mimeType"/>, or null.</summary>
    internal static DisplayFormatter? Find(Type type, string mimeType) =>
        Formatters.FirstOrDefault(f => f.MimeType == mimeType && f.Type.IsAssignableFrom(type));
}
