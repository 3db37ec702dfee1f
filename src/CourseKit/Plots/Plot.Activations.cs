namespace CourseKit;

public static partial class Plot
{
    /// <summary>The activations <see cref="Activations"/> draws when no names are given.</summary>
    public static IReadOnlyList<string> DefaultActivations { get; } = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "swish", "gelu"];

    /// <summary>
    /// Activation functions and their derivatives, one subplot each: the curve f(x) and, dashed, f′(x) as autograd
    /// computes it (the same derivative backpropagation uses). Where f′ is close to 0 the gradient vanishes; ReLU's
    /// derivative is a step.
    /// <code>Plot.Activations()                  // the usual eight
    /// Plot.Activations("sigmoid", "relu")</code>
    /// </summary>
    /// <param name="names">Activation names as in Keras (see <see cref="Tensor.ActivationNames"/>); none: <see cref="DefaultActivations"/>.</param>
    public static Figure Activations(params string[] names)
    {
        if (names is null || names.Length == 0) names = [.. DefaultActivations];
        const float from = -5, to = 5;
        const int points = 201;
        var grid = new Subplots(names.Length, columns: Math.Min(4, names.Length), horizontalGap: 0.06, verticalGap: 0.16);
        var figure = new Figure { Layout = FigureLayout.Clean("Activation functions f(x) and their derivatives f′(x)") };
        var layout = figure.Layout;
        grid.Apply(layout,
                   _ => CleanAxis() with { ZeroLine = true, ZeroLineColor = "#bbb", Range = [from, to] },
                   _ => CleanAxis() with { ZeroLine = true, ZeroLineColor = "#bbb" });
        layout.Annotations = [];
        layout.Height = 120 + 280 * grid.Rows;
        // The title on top, the legend in a row of its own below the plots: they never meet, however narrow the cell.
        layout.Margin!.T = FigureLayout.TopMargin(title: true, below: 20);   // the subplot titles
        layout.Margin.B = 90;
        double plotHeight = layout.Height.Value - layout.Margin.T.Value - layout.Margin.B.Value;
        layout.Legend = new PlotLegend { Orientation = "h", X = 0.5, XAnchor = "center", Y = -Math.Round(45 / plotHeight, 4), YAnchor = "top" };

        for (int i = 0; i < names.Length; i++)
        {
            var (x, y, derivative) = ActivationCurve(names[i], from, to, points);
            var (xRef, yRef) = Subplots.Refs(i);
            layout.Annotations.Add(grid.Title(i, names[i]));
            figure.Add(new Scatter
            {
                Name = "f(x)", LegendGroup = "f", ShowLegend = i == 0, Mode = "lines", X = x, Y = y, XAxis = xRef, YAxis = yRef,
                Line = new LineStyle { Color = TrainColor, Width = 2.5 },
                HoverTemplate = $"{names[i]}(%{{x:.2f}}) = %{{y:.4f}}<extra></extra>",
            });
            figure.Add(new Scatter
            {
                Name = "f′(x)", LegendGroup = "df", ShowLegend = i == 0, Mode = "lines", X = x, Y = derivative, XAxis = xRef, YAxis = yRef,
                Line = new LineStyle { Color = ValidationColor, Width = 2, Dash = "dash" },
                HoverTemplate = $"{names[i]}′(%{{x:.2f}}) = %{{y:.4f}}<extra></extra>",
            });
        }
        return figure;
    }

    /// <summary>
    /// An activation and its derivative at evenly spaced x: y = f(x) forward, then <c>y.Backward(ones)</c> puts
    /// ∂(Σ y)/∂x = f′(x) (elementwise) into <c>x.Grad</c>.
    /// </summary>
    internal static (float[] X, float[] Y, float[] Derivative) ActivationCurve(string name, float from, float to, int points)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"Plot.Activations: an activation name is empty; valid names: {string.Join(", ", Tensor.ActivationNames)}.", nameof(name));
        ActivationFunction activation;
        try { activation = ActivationFunction.Get(name); }
        catch (ArgumentException e) { throw new ArgumentException("Plot.Activations: " + e.Message, e); }
        if (activation.Name is "softmax" or "log_softmax")
            throw new ArgumentException($"Plot.Activations: {name} is not applied number by number (each output depends on all inputs of a row), so it has no curve to draw. " +
                                        "Draw it for two classes instead: softmax([x, 0])₀ = sigmoid(x).", nameof(name));
        var xs = Samples(from, to, points, "Activations");
        var x = Tensor.FromData(xs, [points], requiresGrad: true);
        var y = activation.Apply(x);
        var values = y.ToArray();
        if (ReferenceEquals(y, x)) return (xs, values, Enumerable.Repeat(1f, points).ToArray()); // linear: f(x) = x, f′ = 1
        Backpropagation.Run(y, Tensor.OnesLike(y), warnAboutSteps: false); // drawing a step's derivative is not training through it
        var derivative = x.Grad?.ToArray() ?? new float[points];
        return (xs, values, derivative);
    }
}
