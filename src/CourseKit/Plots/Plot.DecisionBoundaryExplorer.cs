using System.Globalization;

namespace CourseKit;

public static partial class Plot
{
    /// <summary>The most positions per slider in <see cref="DecisionBoundaryExplorer(Model, Tensor, Tensor, ValueTuple{float, float}?, int, string?)"/>
    /// (one more where the observation starts between them).</summary>
    internal const int ExplorerSliderSteps = 41;

    /// <summary>
    /// The decision boundary with an observation you can move: drag the x1 and x2 sliders under the plot, or click
    /// anywhere on it, and the star moves there and shows the model's P(class 1) at that position. Everything runs in
    /// the browser (the probabilities are computed once, on a grid, and interpolated), so it also works in exported
    /// HTML without a running kernel.
    /// <code>Plot.DecisionBoundaryExplorer(model, xTrain, yTrain)</code>
    /// </summary>
    /// <param name="model">A trained model with 2 inputs and one sigmoid output (n, 1) or two softmax outputs (n, 2).</param>
    /// <param name="x">The data points, shape (n, 2).</param>
    /// <param name="y">Their classes: 0/1 of shape (n,) or (n, 1), or one-hot of shape (n, 2).</param>
    /// <param name="point">Where the observation starts (default: the middle of the plot).</param>
    /// <param name="resolution">Grid positions per axis.</param>
    /// <param name="title">The figure's title.</param>
    public static Figure DecisionBoundaryExplorer(Model model, Tensor x, Tensor y, (float X1, float X2)? point = null, int resolution = 100, string? title = null) =>
        DecisionBoundaryExplorer(ProbabilityOfClass1(model), x, y, point, resolution, title);

    /// <summary>
    /// <see cref="DecisionBoundaryExplorer(Model, Tensor, Tensor, ValueTuple{float, float}?, int, string?)"/> for any
    /// function returning P(class 1) per row, shape (n,) or (n, 1).
    /// </summary>
    public static Figure DecisionBoundaryExplorer(Func<Tensor, Tensor> predict, Tensor x, Tensor y, (float X1, float X2)? point = null, int resolution = 100, string? title = null) =>
        DecisionBoundaryExplorer(predict, x, y, point, resolution, title, null);

    /// <summary>The explorer over a dataset with two features, its axes, sliders and classes named from the dataset.</summary>
    public static Figure DecisionBoundaryExplorer(Model model, TabularDataset data, (float X1, float X2)? point = null, int resolution = 100, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return DecisionBoundaryExplorer(ProbabilityOfClass1(model), data.X, data.Y, point, resolution, title, DecisionNames.Of(data));
    }

    /// <summary>
    /// The explorer for any function returning P(class 1) per row — a neuron or network written by hand — over a
    /// dataset with two features, its axes, sliders and classes named from the dataset.
    /// </summary>
    public static Figure DecisionBoundaryExplorer(Func<Tensor, Tensor> predict, TabularDataset data, (float X1, float X2)? point = null, int resolution = 100, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return DecisionBoundaryExplorer(predict, data.X, data.Y, point, resolution, title, DecisionNames.Of(data));
    }

    private static Figure DecisionBoundaryExplorer(Func<Tensor, Tensor> predict, Tensor x, Tensor y, (float X1, float X2)? point, int resolution, string? title, DecisionNames? names)
    {
        ArgumentNullException.ThrowIfNull(predict);
        names ??= DecisionNames.Default;
        var (x1, x2, labels) = DecisionData(x, y, "DecisionBoundaryExplorer");
        var grid = DecisionGrid.Compute(predict, x1, x2, resolution, "DecisionBoundaryExplorer");
        var figure = DecisionFigure(grid, x1, x2, labels, title ?? "Move the observation: sliders or click", names);

        var xSlider = SliderPositions.Over(grid.X, point?.X1);
        var ySlider = SliderPositions.Over(grid.Y, point?.X2);
        double startX = xSlider.Start, startY = ySlider.Start;
        var text = names.ProbabilityText(grid.At(startX, startY));

        int markerTrace = figure.Traces.Count;
        figure.Add(new Scatter
        {
            Name = "observation",
            Mode = "markers",
            X = new[] { startX },
            Y = new[] { startY },
            Text = new[] { text },
            Marker = new Marker { Symbol = "star", Size = 20, Color = "#ffd700", Line = new LineStyle { Color = "black", Width = 1.5 } },
            HoverTemplate = "observation (%{x:.3f}, %{y:.3f})<br>%{text}<extra></extra>",
        });
        var layout = figure.Layout;
        layout.Annotations = [ObservationLabel(startX, startY, text, grid.Y)];
        // The legend hangs under the sliders: above the plot it would sit where the star and its label go near the top.
        layout.Height = 680;
        layout.Margin!.B = 200;
        layout.Legend = new PlotLegend { Orientation = "h", X = 0, Y = -0.42, YAnchor = "top" };
        layout.Margin.T = FigureLayout.TopMargin(title: true);
        layout.Sliders =
        [
            Slider("x1", names.X1, xSlider, x: 0),
            Slider("x2", names.X2, ySlider, x: 0.55),
        ];
        figure.Script = ExplorerScript(markerTrace, annotation: 0, names);
        return figure;
    }

    /// <summary>A slider for one input; <paramref name="name"/> ("x1" or "x2") is how the script tells them apart,
    /// <paramref name="label"/> what the student reads.</summary>
    private static PlotSlider Slider(string name, string label, SliderPositions positions, double x)
    {
        return new PlotSlider
        {
            Name = name,
            Active = positions.Active,
            X = x,
            Len = 0.45,
            Y = -0.12,
            YAnchor = "top",
            Pad = new PlotMargin { T = 30 },
            CurrentValue = new SliderCurrentValue { Prefix = label + " = ", Visible = true, XAnchor = "left" },
            // "skip": plotly itself does nothing; the figure's script reads the value and moves the observation.
            Steps = positions.Values.Select((p, i) => new SliderStep
            {
                Method = "skip",
                Label = positions.Labels[i],
                Value = PlotJson.CompactNumber(p),
                Args = [],
            }).ToList(),
        };
    }

    /// <summary>
    /// The browser side of the explorer: the sliders and clicks set the observation's position; P(class 1) there is
    /// interpolated from the grid of the first trace (the same bilinear rule as <c>DecisionGrid.At</c>) and shown on the star.
    /// </summary>
    private static string ExplorerScript(int markerTrace, int annotation, DecisionNames names) => $$"""
        var grid = figure.data[0];
        var position = [figure.data[{{markerTrace}}].x[0], figure.data[{{markerTrace}}].y[0]];
        function locate(axis, value) {
          var n = axis.length, step = (axis[n - 1] - axis[0]) / (n - 1);
          var p = Math.min(Math.max((value - axis[0]) / step, 0), n - 1);
          var i = Math.min(Math.floor(p), n - 2);
          return [i, p - i];
        }
        function probability(x, y) {
          var a = locate(grid.x, x), b = locate(grid.y, y), i = a[0], tx = a[1], j = b[0], ty = b[1], z = grid.z;
          var bottom = z[j][i] * (1 - tx) + z[j][i + 1] * tx;
          var top = z[j + 1][i] * (1 - tx) + z[j + 1][i + 1] * tx;
          return bottom * (1 - ty) + top * ty;
        }
        var label = figure.layout.annotations[{{annotation}}], offset = Math.abs(label.ay);
        function show() {
          var p = probability(position[0], position[1]);
          var text = {{names.ProbabilityTextScript()}};
          var y = grid.y, below = position[1] > y[0] + {{LabelBelowFrom.ToString(CultureInfo.InvariantCulture)}} * (y[y.length - 1] - y[0]);
          Plotly.update(gd,
            { x: [[position[0]]], y: [[position[1]]], text: [[text]] },
            { 'annotations[{{annotation}}].x': position[0], 'annotations[{{annotation}}].y': position[1], 'annotations[{{annotation}}].text': text,
              'annotations[{{annotation}}].ay': below ? offset : -offset },
            [{{markerTrace}}]);
        }
        gd.on('plotly_sliderchange', function (event) {
          var value = parseFloat(event.step.value);
          if (isNaN(value)) return;
          if (event.slider.name === 'x1') position[0] = value; else position[1] = value;
          show();
        });
        gd.on('plotly_click', function (event) {
          if (!event.points || !event.points.length) return;
          var point = event.points[0];
          if (typeof point.x !== 'number' || typeof point.y !== 'number') return;
          position = [point.x, point.y];
          show();
        });
        show();
        """;
}
