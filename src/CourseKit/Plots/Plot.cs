namespace CourseKit;

/// <summary>
/// The course's charts, each one call that returns a <see cref="Figure"/> (shown by the notebook, or saved with
/// <see cref="Figure.ToStandaloneHtml(string?)"/>): <see cref="LearningCurves"/>, <see cref="DecisionBoundary(Model, Tensor, Tensor, ValueTuple{float, float}?, int, string?)"/>,
/// <see cref="Images"/>, <see cref="ConfusionMatrix"/>, <see cref="Activations"/>, <see cref="Function"/>,
/// <see cref="Scatter"/>, <see cref="Line(Tensor, string?, string?)"/>, <see cref="Histogram"/>, <see cref="Heatmap"/>.
/// </summary>
public static partial class Plot
{
    /// <summary>The colours given to classes and series, in order (plotly's default palette).</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    internal static string ColorOf(int index) => Palette[((index % Palette.Count) + Palette.Count) % Palette.Count];

    /// <summary>The numbers of a vector: shape (n,) or (n, 1). Anything else is an error naming <paramref name="what"/>.</summary>
    internal static float[] Vector(Tensor tensor, string what, string method)
    {
        ArgumentNullException.ThrowIfNull(tensor, what);
        var shape = tensor.Shape;
        if (shape.Length == 1 || (shape.Length == 2 && shape[1] == 1)) return tensor.ToArray();
        throw new ArgumentException(
            $"Plot.{method}: {what} should be a vector of shape (n,) or (n, 1), got shape {ShapeMath.Format(shape)}. " +
            (shape.Length == 2 ? $"Pick one column, e.g. {what}[.., 0]." : "Flatten it first with .Flatten()."), what);
    }

    /// <summary>True when every value is a whole number (class labels rather than measurements).</summary>
    internal static bool AreWholeNumbers(IEnumerable<float> values) => values.All(v => float.IsFinite(v) && v == MathF.Round(v));

    internal static double[] ToDoubles(float[] values) => Array.ConvertAll(values, v => (double)v);

    /// <summary>A light grid and no zero-line clutter, the look of every axis in the course's charts.</summary>
    internal static Axis CleanAxis(string? title = null) => new()
    {
        Title = title,
        ShowGrid = true,
        GridColor = "#e5e5e5",
        ZeroLine = false,
        ShowLine = true,
        LineColor = "#888",
        Ticks = "outside",
    };
}
