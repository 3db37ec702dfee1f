using System.Globalization;

namespace CourseKit;

public static partial class Plot
{
    /// <summary>The background colours of P(class 1): light blue (0) through white (0.5) to light red (1).</summary>
    internal static readonly ColorScale ProbabilityScale = ColorScale.Through("#4393c3", "#92c5de", "#f7f7f7", "#f4a582", "#d6604d");

    internal const string Class0Color = "#08306b";
    internal const string Class1Color = "#67000d";

    /// <summary>
    /// What a binary classifier with two inputs has learned: the background is the model's probability of class 1 at
    /// every position (blue = class 0, red = class 1), the thick black line is the decision boundary (p = 0.5), and
    /// the data points are drawn on top (class 0 as circles, class 1 as crosses). With <paramref name="point"/> a
    /// star marks one observation and shows its predicted probability.
    /// <code>Plot.DecisionBoundary(model, xTrain, yTrain, point: (0.5f, -1.2f))</code>
    /// </summary>
    /// <param name="model">A trained model with 2 inputs and either one sigmoid output (n, 1) or two softmax outputs (n, 2), of which column 1 is used.</param>
    /// <param name="x">The data points, shape (n, 2).</param>
    /// <param name="y">Their classes: 0/1 of shape (n,) or (n, 1), or one-hot of shape (n, 2).</param>
    /// <param name="point">An observation to mark, (x1, x2).</param>
    /// <param name="resolution">Grid positions per axis (100 means 100 × 100 predictions).</param>
    /// <param name="title">The figure's title (default "Decision boundary").</param>
    public static Figure DecisionBoundary(Model model, Tensor x, Tensor y, (float X1, float X2)? point = null, int resolution = 100, string? title = null) =>
        DecisionBoundary(ProbabilityOfClass1(model), x, y, point, resolution, title);

    /// <summary>
    /// <see cref="DecisionBoundary(Model, Tensor, Tensor, ValueTuple{float, float}?, int, string?)"/> for any function
    /// that returns P(class 1) for each row of its input: shape (n,) or (n, 1). For a softmax output with two columns,
    /// pick column 1: <c>Plot.DecisionBoundary(x => model.Predict(x)[.., 1], x, y)</c>.
    /// </summary>
    public static Figure DecisionBoundary(Func<Tensor, Tensor> predict, Tensor x, Tensor y, (float X1, float X2)? point = null, int resolution = 100, string? title = null) =>
        DecisionBoundary(predict, x, y, point, resolution, title, null);

    /// <summary>
    /// The decision boundary over a dataset with two features, its axes and classes named from the dataset
    /// (e.g. skewness and entropy, genuine and forged): <c>Plot.DecisionBoundary(model, Datasets.Banknote.Load(Datasets.Banknote.LectureFeatures))</c>.
    /// </summary>
    public static Figure DecisionBoundary(Model model, TabularDataset data, (float X1, float X2)? point = null, int resolution = 100, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return DecisionBoundary(ProbabilityOfClass1(model), data.X, data.Y, point, resolution, title, DecisionNames.Of(data));
    }

    /// <summary>The decision boundary of a function returning P(class 1), over a dataset with two features, named from it.</summary>
    public static Figure DecisionBoundary(Func<Tensor, Tensor> predict, TabularDataset data, (float X1, float X2)? point = null, int resolution = 100, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return DecisionBoundary(predict, data.X, data.Y, point, resolution, title, DecisionNames.Of(data));
    }

    private static Figure DecisionBoundary(Func<Tensor, Tensor> predict, Tensor x, Tensor y, (float X1, float X2)? point, int resolution, string? title, DecisionNames? names)
    {
        ArgumentNullException.ThrowIfNull(predict);
        var (x1, x2, labels) = DecisionData(x, y, "DecisionBoundary");
        var grid = DecisionGrid.Compute(predict, x1, x2, resolution, "DecisionBoundary");
        names ??= DecisionNames.Default;
        var figure = DecisionFigure(grid, x1, x2, labels, title, names);
        if (point is { } p)
        {
            double probability = Probabilities(predict(Tensor.FromData([p.X1, p.X2], [1, 2])), 1, "DecisionBoundary")[0];
            var text = names.ProbabilityText(probability);
            figure.Add(new Scatter
            {
                Name = "observation",
                Mode = "markers",
                X = new[] { (double)p.X1 },
                Y = new[] { (double)p.X2 },
                Marker = new Marker { Symbol = "star", Size = 20, Color = "#ffd700", Line = new LineStyle { Color = "black", Width = 1.5 } },
                Text = text,
                HoverTemplate = "observation (%{x:.3f}, %{y:.3f})<br>%{text}<extra></extra>",
            });
            figure.Layout.Annotations = [ObservationLabel(p.X1, p.X2, text, grid.Y)];
        }
        return figure;
    }

    /// <summary>P(class 1) from a model: its only output column, or column 1 of a two-column softmax.</summary>
    private static Func<Tensor, Tensor> ProbabilityOfClass1(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return input =>
        {
            var output = model.Predict(input, batchSize: 4096);
            var shape = output.Shape;
            if (shape.Length == 2 && shape[1] == 2) return output[.., 1];
            if (shape.Length == 2 && shape[1] > 2)
                throw new ArgumentException($"Plot.DecisionBoundary: the model has {shape[1]} outputs (classes); a decision boundary is drawn for two classes. " +
                                            "Use a model with one sigmoid output or two softmax outputs.", nameof(model));
            return output;
        };
    }

    /// <summary>The two input columns and the 0/1 class of every point, with clear errors for other shapes.</summary>
    internal static (float[] X1, float[] X2, int[] Labels) DecisionData(Tensor x, Tensor y, string method)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var shape = x.Shape;
        if (shape.Length != 2 || shape[1] != 2)
            throw new ArgumentException($"Plot.{method}: x should have shape (n, 2), two input features per example, got {ShapeMath.Format(shape)}. " +
                                        "A decision boundary can be drawn only for models with exactly two inputs; pick two columns (x[.., 0..2]) and train on them.", nameof(x));
        int n = shape[0];
        var values = x.ToArray();
        var x1 = new float[n];
        var x2 = new float[n];
        for (int i = 0; i < n; i++)
        {
            x1[i] = values[2 * i];
            x2[i] = values[2 * i + 1];
        }
        if (values.Any(v => !float.IsFinite(v)))
            throw new ArgumentException($"Plot.{method}: x contains NaN or infinite values; clean or scale the data first.", nameof(x));
        return (x1, x2, BinaryLabels(y, n, method));
    }

    private static int[] BinaryLabels(Tensor y, int n, string method)
    {
        var shape = y.Shape;
        float[] classes;
        if (shape.Length == 2 && shape[1] == 2) classes = y.ArgMax(-1).ToArray();
        else if (shape.Length == 1 || (shape.Length == 2 && shape[1] == 1)) classes = y.ToArray();
        else throw new ArgumentException($"Plot.{method}: y should hold the class (0 or 1) of each point, shape (n,) or (n, 1), or one-hot (n, 2); got {ShapeMath.Format(shape)}.", nameof(y));
        if (classes.Length != n)
            throw new ArgumentException($"Plot.{method}: x has {n} points but y has {classes.Length} labels; they must match.", nameof(y));
        var bad = classes.FirstOrDefault(c => c != 0 && c != 1, -1);
        if (classes.Any(c => c != 0 && c != 1))
            throw new ArgumentException($"Plot.{method}: y should contain only the classes 0 and 1, found {bad.ToString(CultureInfo.InvariantCulture)}. " +
                                        "For probabilities, threshold them first: (p > 0.5).", nameof(y));
        return Array.ConvertAll(classes, c => (int)c);
    }

    /// <summary>One probability per row from a prediction of shape (n,) or (n, 1), checked to lie in 0..1.</summary>
    internal static float[] Probabilities(Tensor output, int n, string method)
    {
        ArgumentNullException.ThrowIfNull(output, "prediction");
        var shape = output.Shape;
        if (!(shape.Length == 1 || (shape.Length == 2 && shape[1] == 1)) || shape[0] != n)
            throw new ArgumentException($"Plot.{method}: the prediction for {n} rows should have shape ({n},) or ({n}, 1), one P(class 1) per row; got {ShapeMath.Format(shape)}. " +
                                        (shape.Length == 2 && shape[1] == 2 ? "For a softmax with two columns, pick column 1: x => model.Predict(x)[.., 1]." : ""));
        var p = output.ToArray();
        const float tolerance = 1e-4f;
        if (p.Any(v => float.IsNaN(v) || v < -tolerance || v > 1 + tolerance))
            throw new ArgumentException($"Plot.{method}: predictions should be probabilities between 0 and 1, got values from {p.Min()} to {p.Max()}. " +
                                        "If the model outputs logits, apply a sigmoid: x => model.Predict(x).Sigmoid().");
        return Array.ConvertAll(p, v => Math.Clamp(v, 0f, 1f));
    }

    /// <summary>The figure without an observation: probability background, boundary line and the data.</summary>
    private static Figure DecisionFigure(DecisionGrid grid, float[] x1, float[] x2, int[] labels, string? title, DecisionNames names)
    {
        var figure = new Figure
        {
            Layout = FigureLayout.Clean(title ?? "Decision boundary"),
        };
        var layout = figure.Layout;
        layout.XAxis = CleanAxis(names.X1) with { Range = [grid.X[0], grid.X[^1]], ShowGrid = false };
        layout.YAxis = CleanAxis(names.X2) with { Range = [grid.Y[0], grid.Y[^1]], ShowGrid = false };
        layout.Height = 550;
        layout.Legend = new PlotLegend { Orientation = "h", X = 0, Y = -0.18, YAnchor = "top" }; // below the x-axis title
        foreach (var trace in DecisionTraces(grid, x1, x2, labels, names, panel: null)) figure.Add(trace);
        return figure;
    }

    /// <summary>
    /// The traces of one decision-boundary picture: P(class 1) as the background, the boundary p = 0.5 as a thick line
    /// and the points of both classes. <paramref name="panel"/> is null for a figure with one picture, else the subplot
    /// it is drawn in: only the first panel has the colour bar and legend entries, the others join its legend groups
    /// (so a click on a legend entry hides that part in every panel).
    /// </summary>
    private static IEnumerable<Trace> DecisionTraces(DecisionGrid grid, float[] x1, float[] x2, int[] labels, DecisionNames names, int? panel)
    {
        var (x1Name, x2Name, class0, class1) = names;
        var (xRef, yRef) = panel is null or 0 ? ((string?)null, (string?)null) : Subplots.Refs(panel.Value);
        bool first = panel is null or 0;
        string? Group(string name) => panel is null ? null : name;
        yield return new Contour
        {
            Name = names.Probability,
            X = grid.X,
            Y = grid.Y,
            Z = grid.Z,
            ColorScale = ProbabilityScale,
            ZMin = 0,
            ZMax = 1,
            Contours = new ContourLevels { Start = 0, End = 1, Size = 0.1, Coloring = "heatmap", ShowLines = true },
            Line = new LineStyle { Width = 0.5, Color = "rgba(0,0,0,0.25)" },
            ColorBar = first ? new ColorBar { Title = names.Probability, Thickness = 15 } : null,
            ShowScale = first ? null : false,
            ShowLegend = false,
            XAxis = xRef,
            YAxis = yRef,
            HoverTemplate = $"{x1Name} = %{{x:.3f}}<br>{x2Name} = %{{y:.3f}}<br>{names.Probability} = %{{z:.3f}}<extra></extra>",
        };
        yield return new Contour
        {
            Name = "decision boundary (p = 0.5)",
            X = grid.X,
            Y = grid.Y,
            Z = grid.Z,
            Contours = new ContourLevels { Start = 0.5, End = 0.5, Size = 1, Coloring = "none", ShowLines = true },
            Line = new LineStyle { Width = 3, Color = "black" },
            ShowScale = false,
            ShowLegend = first,
            LegendGroup = Group("boundary"),
            XAxis = xRef,
            YAxis = yRef,
            HoverInfo = "skip",
        };
        for (int c = 0; c <= 1; c++)
        {
            var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
            if (rows.Length == 0) continue;
            yield return new Scatter
            {
                Name = c == 0 ? class0 : class1,
                Mode = "markers",
                X = rows.Select(i => (double)x1[i]).ToArray(),
                Y = rows.Select(i => (double)x2[i]).ToArray(),
                Marker = new Marker
                {
                    Symbol = c == 0 ? "circle" : "x",
                    Color = c == 0 ? Class0Color : Class1Color,
                    Size = labels.Length > 2000 ? 4 : 7,
                    Opacity = labels.Length > 2000 ? 0.6 : 0.9,
                    Line = new LineStyle { Color = "white", Width = 0.5 },
                },
                ShowLegend = first ? null : false,
                LegendGroup = Group(c == 0 ? "class 0" : "class 1"),
                XAxis = xRef,
                YAxis = yRef,
                HoverTemplate = $"{(c == 0 ? class0 : class1)}<br>{x1Name} = %{{x:.3f}}<br>{x2Name} = %{{y:.3f}}<extra></extra>",
            };
        }
    }

    /// <summary>Above this fraction of the plot's height the observation's label hangs below the star, so that it
    /// stays inside the plot instead of covering what is above it.</summary>
    internal const double LabelBelowFrom = 0.75;

    /// <summary>How far (in pixels) the label stands from the star, up or down.</summary>
    private const int LabelOffset = 40;

    /// <summary>The label of the observation at (x, y), with an arrow to the star: above it, or below it in the top quarter
    /// of the grid's range <paramref name="gridY"/>.</summary>
    private static PlotAnnotation ObservationLabel(double x, double y, string text, double[] gridY) => new()
    {
        Name = "observation",
        Text = text,
        X = x,
        Y = y,
        XRef = "x",
        YRef = "y",
        ShowArrow = true,
        ArrowHead = 2,
        Ax = LabelOffset,
        Ay = y > gridY[0] + LabelBelowFrom * (gridY[^1] - gridY[0]) ? LabelOffset : -LabelOffset,
        BgColor = "rgba(255,255,255,0.9)",
        BorderColor = "#444",
        Font = new PlotFont { Size = 13 },
    };
}

/// <summary>
/// P(class 1) on a regular grid over the data: <c>Z[row][column]</c> is the probability at (<c>X[column]</c>, <c>Y[row]</c>).
/// The grid spans the data's range plus a margin of 10 % on each side.
/// </summary>
internal sealed record DecisionGrid(double[] X, double[] Y, double[][] Z)
{
    public const double MarginFraction = 0.1;

    public static DecisionGrid Compute(Func<Tensor, Tensor> predict, float[] x1, float[] x2, int resolution, string method)
    {
        if (resolution < 2 || resolution > 1000)
            throw new ArgumentOutOfRangeException(nameof(resolution), $"Plot.{method}: resolution should be between 2 and 1000 grid positions per axis, got {resolution}.");
        var xs = Span(x1, resolution);
        var ys = Span(x2, resolution);
        var inputs = new float[resolution * resolution * 2];
        for (int row = 0, k = 0; row < resolution; row++)
            for (int column = 0; column < resolution; column++, k += 2)
            {
                inputs[k] = (float)xs[column];
                inputs[k + 1] = (float)ys[row];
            }
        var p = Plot.Probabilities(predict(Tensor.FromData(inputs, [resolution * resolution, 2])), resolution * resolution, method);
        var z = new double[resolution][];
        for (int row = 0; row < resolution; row++)
        {
            z[row] = new double[resolution];
            // 4 decimals are plenty for colours and hover, and keep a 100 × 100 grid's JSON small.
            for (int column = 0; column < resolution; column++) z[row][column] = Math.Round(p[row * resolution + column], 4);
        }
        return new DecisionGrid(xs, ys, z);
    }

    /// <summary>The grid positions along one axis: from min − margin to max + margin.</summary>
    internal static double[] Span(float[] values, int count)
    {
        double min = values.Min(), max = values.Max();
        double margin = max > min ? (max - min) * MarginFraction : 1;
        double from = min - margin, to = max + margin;
        return Enumerable.Range(0, count).Select(i => from + (to - from) * i / (count - 1)).ToArray();
    }

    /// <summary>P(class 1) at any position, interpolated bilinearly between the four nearest grid values (as the explorer's script does).</summary>
    public double At(double x, double y)
    {
        var (i, tx) = Locate(X, x);
        var (j, ty) = Locate(Y, y);
        double bottom = Z[j][i] * (1 - tx) + Z[j][i + 1] * tx;
        double top = Z[j + 1][i] * (1 - tx) + Z[j + 1][i + 1] * tx;
        return bottom * (1 - ty) + top * ty;
    }

    private static (int Index, double Fraction) Locate(double[] axis, double value)
    {
        double step = (axis[^1] - axis[0]) / (axis.Length - 1);
        double position = Math.Clamp((value - axis[0]) / step, 0, axis.Length - 1);
        int index = Math.Min((int)Math.Floor(position), axis.Length - 2);
        return (index, position - index);
    }
}

/// <summary>How a decision-boundary figure names its two axes and two classes.</summary>
internal sealed record DecisionNames(string X1, string X2, string Class0, string Class1)
{
    public static DecisionNames Default { get; } = new("x1", "x2", "class 0", "class 1");

    /// <summary>The dataset's feature names and, when it has two, its class names.</summary>
    public static DecisionNames Of(TabularDataset data)
    {
        if (data.FeatureNames.Count != 2)
            throw new ShapeException($"A decision boundary needs two features; {data.Name} has {data.FeatureNames.Count} " +
                                     $"({string.Join(", ", data.FeatureNames)}). Choose two, e.g. Datasets.Banknote.Load(Datasets.Banknote.LectureFeatures).");
        var (class0, class1) = data.ClassNames is { Count: 2 } c ? (c[0], c[1]) : (Default.Class0, Default.Class1);
        return new(data.FeatureNames[0], data.FeatureNames[1], class0, class1);
    }

    /// <summary>What the background shows, named after the positive class: "P(forged)", or "P(class 1)" unnamed.</summary>
    public string Probability => $"P({Class1})";

    /// <summary>The observation's label: its probability and the class it is given, e.g. "P(forged) = 0.873 → forged".</summary>
    public string ProbabilityText(double probability) =>
        $"{Probability} = {probability.ToString("0.000", CultureInfo.InvariantCulture)} → {(probability >= 0.5 ? Class1 : Class0)}";

    /// <summary><see cref="ProbabilityText"/> as a JavaScript expression of the variable <c>p</c>, for the explorer's script.</summary>
    public string ProbabilityTextScript() =>
        $"{Js(Probability + " = ")} + p.toFixed(3) + {Js(" → ")} + (p >= 0.5 ? {Js(Class1)} : {Js(Class0)})";

    /// <summary>A JavaScript string literal (JSON's rules, which escape quotes and characters outside ASCII).</summary>
    private static string Js(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
