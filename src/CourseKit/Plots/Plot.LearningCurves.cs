namespace CourseKit;

public static partial class Plot
{
    /// <summary>The colour of training curves.</summary>
    internal const string TrainColor = "#1f77b4";

    /// <summary>The colour of validation curves.</summary>
    internal const string ValidationColor = "#ff7f0e";

    /// <summary>
    /// How training went, epoch by epoch: one subplot per quantity (the loss first, then each metric), each with the
    /// training curve and, when <c>Fit</c> had validation data, the validation curve (<c>val_…</c>). Epochs are counted
    /// from 1 on the x axis. A validation curve that turns up while the training curve keeps going down is overfitting.
    /// <code>var history = model.Fit(x, y, epochs: 20, validationSplit: 0.2f);
    /// Plot.LearningCurves(history)</code>
    /// </summary>
    /// <param name="history">What <c>model.Fit</c> returned.</param>
    /// <param name="title">The figure's title (default "Learning curves").</param>
    public static Figure LearningCurves(TrainingHistory history, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var logs = history.History;
        if (logs.Count == 0 || logs.Values.All(v => v.Count == 0))
            throw new ArgumentException("Plot.LearningCurves: the history has no epochs yet. Train first: var history = model.Fit(x, y, epochs: 10);", nameof(history));

        var quantities = QuantitiesOf(logs.Keys);
        var grid = new Subplots(quantities.Count, columns: quantities.Count <= 3 ? quantities.Count : 2, horizontalGap: 0.1, verticalGap: 0.18);
        var figure = new Figure { Layout = FigureLayout.Clean(title ?? "Learning curves") };
        var layout = figure.Layout;
        // Whole epochs only: with few epochs plotly would tick at 1.2, 1.4, … (shown as "1 1 1 2 2 2"), so tick each one.
        int epochs = logs.Values.Max(v => v.Count);
        var epochAxis = CleanAxis("epoch") with { TickFormat = "d", DTick = epochs <= 10 ? 1 : null };
        grid.Apply(layout, i => epochAxis, i => CleanAxis(quantities[i]));
        layout.Annotations = [];
        layout.Height = 150 + 300 * grid.Rows;
        // The legend sits in a row of its own between the title and the subplot titles, right-aligned, out of the curves' way.
        layout.Margin!.T = FigureLayout.TopMargin(title: true, below: 44);
        double plotHeight = layout.Height.Value - layout.Margin.T.Value - layout.Margin.B!.Value;
        layout.Legend = new PlotLegend { Orientation = "h", X = 1, XAnchor = "right", Y = Math.Round(1 + 22 / plotHeight, 4), YAnchor = "bottom" };

        // A loss that became NaN or ∞ leaves its chart empty from that epoch on: say why, in the chart.
        for (int i = 0; i < quantities.Count; i++)
            if (DivergenceNote(history, quantities[i]) is { } note)
                layout.Annotations.Add(new PlotAnnotation
                {
                    Text = note, XRef = "paper", YRef = "paper", ShowArrow = false, XAnchor = "center", YAnchor = "middle",
                    X = Math.Round(grid.XDomain(i).Average(), 4), Y = Math.Round(grid.YDomain(i).Average(), 4),
                    Font = new PlotFont { Size = 13, Color = "#d62728" }, BgColor = "rgba(255,255,255,0.9)", BorderColor = "#d62728",
                });

        bool trainShown = false, validationShown = false;
        for (int i = 0; i < quantities.Count; i++)
        {
            var quantity = quantities[i];
            var (xRef, yRef) = Subplots.Refs(i);
            layout.Annotations.Add(grid.Title(i, Pretty(quantity)));
            if (logs.TryGetValue(quantity, out var train) && train.Count > 0)
            {
                figure.Add(Curve(train, history, "training", quantity, TrainColor, "solid", xRef, yRef, showLegend: !trainShown));
                trainShown = true;
            }
            if (logs.TryGetValue("val_" + quantity, out var validation) && validation.Count > 0)
            {
                figure.Add(Curve(validation, history, "validation", "val_" + quantity, ValidationColor, "solid", xRef, yRef, showLegend: !validationShown));
                validationShown = true;
            }
        }
        return figure;
    }

    /// <summary>
    /// For a quantity whose training or validation values stop being numbers (NaN, ±∞), the note drawn in its chart:
    /// "The loss diverged / at epoch 4 (NaN): / lower the learning rate." (three short lines, to fit a narrow chart). Null when
    /// every value is a number.
    /// </summary>
    internal static string? DivergenceNote(TrainingHistory history, string quantity)
    {
        (int Epoch, float Value)? first = null;
        foreach (var key in new[] { quantity, "val_" + quantity })
        {
            if (!history.History.TryGetValue(key, out var values)) continue;
            int k = values.FindIndex(v => !float.IsFinite(v));
            if (k < 0) continue;
            int epoch = history.Epoch.Count == values.Count ? history.Epoch[k] + 1 : k + 1;
            if (first is null || epoch < first.Value.Epoch) first = (epoch, values[k]);
        }
        if (first is not { } f) return null;
        string value = float.IsNaN(f.Value) ? "NaN" : f.Value > 0 ? "∞" : "−∞";
        return $"The {Pretty(quantity).ToLowerInvariant()} diverged<br>at epoch {f.Epoch} ({value}):<br>lower the learning rate.";
    }

    /// <summary>The quantities to plot, loss first: each training key, and validation keys without a training twin.</summary>
    internal static List<string> QuantitiesOf(IEnumerable<string> keys)
    {
        var all = keys.ToList();
        var quantities = new List<string>();
        if (all.Contains("loss") || all.Contains("val_loss")) quantities.Add("loss");
        foreach (var key in all)
        {
            var quantity = key.StartsWith("val_", StringComparison.Ordinal) ? key[4..] : key;
            if (!quantities.Contains(quantity)) quantities.Add(quantity);
        }
        return quantities;
    }

    private static Scatter Curve(List<float> values, TrainingHistory history, string name, string key, string color, string dash,
                                 string xRef, string yRef, bool showLegend)
    {
        // Epochs as Keras counts them (from 0, or from initialEpoch), shown from 1. A list shorter than the epochs
        // (validation every few epochs) is numbered 1, 2, … in its own order.
        var epochs = history.Epoch.Count == values.Count
            ? history.Epoch.Select(e => e + 1).ToArray()
            : Enumerable.Range(1, values.Count).ToArray();
        return new Scatter
        {
            Name = name,
            LegendGroup = name,
            ShowLegend = showLegend,
            Mode = values.Count <= 30 ? "lines+markers" : "lines",
            X = epochs,
            Y = values,
            Line = new LineStyle { Color = color, Width = 2, Dash = dash },
            Marker = new Marker { Color = color, Size = 6 },
            XAxis = xRef,
            YAxis = yRef,
            HoverTemplate = $"epoch %{{x}}<br>{key} = %{{y:.4f}}<extra>{name}</extra>",
        };
    }

    /// <summary>"loss" → "Loss", "sparse_categorical_accuracy" → "Sparse categorical accuracy", "lr" → "Learning rate",
    /// "main_output_mae" → "Main output MAE" (abbreviations in capitals).</summary>
    private static string Pretty(string quantity)
    {
        if (quantity is "lr" or "learning_rate") return "Learning rate";
        var words = quantity.Split('_').Select(w => Abbreviations.Contains(w) ? w.ToUpperInvariant() : w).ToArray();
        var text = string.Join(' ', words);
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static readonly HashSet<string> Abbreviations = ["mae", "mse", "rmse", "auc", "nll"];
}
