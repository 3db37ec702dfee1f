namespace CourseKit;

public static partial class Plot
{
    /// <summary>The most pictures <see cref="DecisionBoundaries(Tensor, Tensor, IReadOnlyList{ValueTuple{string, Func{Tensor, Tensor}}}, int, int, string?)"/> puts in one figure.</summary>
    internal const int MaxDecisionPanels = 16;

    /// <summary>The widest <see cref="DecisionBoundaries(Tensor, Tensor, IReadOnlyList{ValueTuple{string, Func{Tensor, Tensor}}}, int, int, string?)"/>
    /// figure, in pixels: about the width of a notebook's output area.</summary>
    internal const int MaxFigureWidth = 940;

    /// <summary>
    /// Several models' decision boundaries side by side, over the same data and the same axes, each with its title —
    /// the TensorFlow Playground's comparison of a network without and with hidden layers, or a gallery of settings:
    /// <code>Plot.DecisionBoundaries(test, ("no hidden layer", linear), ("32-32 relu", deep))</code>
    /// Every picture is drawn like <see cref="DecisionBoundary(Model, TabularDataset, ValueTuple{float, float}?, int, string?)"/>:
    /// the background is P(class 1), the black line is p = 0.5, and the points are the data. Nothing needs a script,
    /// so exported pages show every panel.
    /// </summary>
    /// <param name="data">The points drawn in every panel (two features, classes 0 and 1), e.g. the test set.</param>
    /// <param name="models">A title and a trained model (one sigmoid output or two softmax outputs) per panel, in reading order.</param>
    public static Figure DecisionBoundaries(TabularDataset data, params (string Title, Model Model)[] models)
    {
        return DecisionBoundaries(data, Predictions(models));
    }

    /// <summary>Trained models' decision boundaries side by side over points <paramref name="x"/> (n, 2) with classes
    /// <paramref name="y"/> (0/1, or one-hot), axes named x1 and x2:
    /// <c>Plot.DecisionBoundaries(xTest, yTest, ("no hidden layer", linear), ("32-32 relu", deep))</c>.</summary>
    public static Figure DecisionBoundaries(Tensor x, Tensor y, params (string Title, Model Model)[] models)
    {
        return DecisionBoundaries(x, y, Predictions(models));
    }

    /// <summary>
    /// Decision boundaries side by side for functions returning P(class 1) per row, shape (n,) or (n, 1) — for models
    /// that see more than the two plotted inputs, e.g. x₁ and x₂ with their squares:
    /// <code>Plot.DecisionBoundaries(test, [("x1, x2", x => linear.Predict(x)), ("x1², x2²", x => squares.Predict(Squares(x)))])</code>
    /// </summary>
    /// <param name="data">The points drawn in every panel (two features, classes 0 and 1).</param>
    /// <param name="panels">A title and a prediction function per panel, in reading order (at most 16).</param>
    /// <param name="columns">Panels per row.</param>
    /// <param name="resolution">Grid positions per axis in each panel.</param>
    /// <param name="title">The figure's title (default: none above the panels' own titles).</param>
    public static Figure DecisionBoundaries(TabularDataset data, IReadOnlyList<(string Title, Func<Tensor, Tensor> Predict)> panels,
                                            int columns = 2, int resolution = 60, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return DecisionBoundaries(data.X, data.Y, panels, columns, resolution, title, DecisionNames.Of(data));
    }

    /// <summary>Decision boundaries side by side over points <paramref name="x"/> (n, 2) with classes <paramref name="y"/>, axes named x1 and x2.</summary>
    public static Figure DecisionBoundaries(Tensor x, Tensor y, IReadOnlyList<(string Title, Func<Tensor, Tensor> Predict)> panels,
                                            int columns = 2, int resolution = 60, string? title = null) =>
        DecisionBoundaries(x, y, panels, columns, resolution, title, null);

    /// <summary>Each model's P(class 1); a missing model stays null, for the panel check to name.</summary>
    private static List<(string Title, Func<Tensor, Tensor> Predict)> Predictions((string Title, Model Model)[] models)
    {
        ArgumentNullException.ThrowIfNull(models);
        return models.Select(m => (m.Title, m.Model is null ? null! : ProbabilityOfClass1(m.Model))).ToList();
    }

    private static Figure DecisionBoundaries(Tensor x, Tensor y, IReadOnlyList<(string Title, Func<Tensor, Tensor> Predict)> panels,
                                             int columns, int resolution, string? title, DecisionNames? names)
    {
        const string method = "DecisionBoundaries";
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0)
            throw new ArgumentException($"Plot.{method}: give at least one (title, model) pair to draw.", nameof(panels));
        if (panels.Count > MaxDecisionPanels)
            throw new ArgumentException($"Plot.{method}: {panels.Count} panels are too many for one figure (at most {MaxDecisionPanels}); " +
                                        "split them over several figures.", nameof(panels));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), $"Plot.{method}: columns should be at least 1, got {columns}.");
        for (int i = 0; i < panels.Count; i++)
            if (panels[i].Predict is null)
                throw new ArgumentException($"Plot.{method}: panel {i} (\"{panels[i].Title}\") has no model or prediction function.", nameof(panels));
        names ??= DecisionNames.Default;
        var (x1, x2, labels) = DecisionData(x, y, method);

        // Sizes in pixels: each panel's plot area, the gap between rows (tick labels, the x-axis title and the next
        // row's panel titles), and the margins (plotly's toolbar and the titles above, the legend below, the colour bar).
        // Panels narrow down so that a row fits a notebook's output (MaxFigureWidth) without scrolling sideways.
        const int margins = 60 + 110, rowGap = 90;
        int shown = Math.Min(columns, panels.Count);
        int cellWidth = Math.Min(300, (MaxFigureWidth - margins) / shown), cellHeight = Math.Max(200, cellWidth - 20);
        int rows = (panels.Count + columns - 1) / columns;
        int plotHeight = rows * cellHeight + (rows - 1) * rowGap;
        var cells = new Subplots(panels.Count, columns, horizontalGap: 0.08, verticalGap: (double)rowGap / plotHeight);
        var figure = new Figure { Layout = FigureLayout.Clean(title) };
        var layout = figure.Layout;
        int top = FigureLayout.TopMargin(title is not null, below: 20);   // the panel titles, below the toolbar (and title)
        layout.Width = margins + cells.Columns * cellWidth;
        layout.Height = top + 110 + plotHeight;
        layout.Margin = new PlotMargin { L = 60, R = 110, T = top, B = 110 };
        layout.Legend = new PlotLegend { Orientation = "h", X = 0, Y = -70.0 / plotHeight, YAnchor = "top" };
        layout.Annotations = [];

        DecisionGrid? first = null;
        for (int i = 0; i < panels.Count; i++)
        {
            var grid = DecisionGrid.Compute(panels[i].Predict, x1, x2, resolution, method);
            first ??= grid;
            foreach (var trace in DecisionTraces(grid, x1, x2, labels, names, panel: i)) figure.Add(trace);
            layout.Annotations.Add(cells.Title(i, panels[i].Title, size: 13));
        }
        cells.Apply(layout,
                    _ => CleanAxis(names.X1) with { Range = [first!.X[0], first.X[^1]], ShowGrid = false },
                    i => CleanAxis(i % cells.Columns == 0 ? names.X2 : null) with { Range = [first!.Y[0], first.Y[^1]], ShowGrid = false });
        return figure;
    }
}
