using System.Text;

namespace CourseKit;

/// <summary>One position of the pooling window: the output cell it fills, where it sits, what it covers and what it keeps.</summary>
/// <param name="Row">The output row this step fills.</param>
/// <param name="Column">The output column this step fills.</param>
/// <param name="Top">The window's top row in the input.</param>
/// <param name="Left">The window's left column in the input.</param>
/// <param name="Values">The numbers under the window, row by row.</param>
/// <param name="Value">What the window keeps: their largest value (max pooling) or their mean (average pooling).</param>
/// <param name="Picked">Max pooling: the input cell (row, column) whose value was kept (the first one on a tie); null for average pooling.</param>
public sealed record PoolingStep(int Row, int Column, int Top, int Left, IReadOnlyList<float> Values, float Value,
                                 (int Row, int Column)? Picked)
{
    /// <summary>The step written out: <c>max(1, 1, 3, 2) = 3</c> or <c>(1 + 1 + 3 + 2) / 4 = 1.75</c>.</summary>
    public string Sum => Picked is not null
        ? $"max({string.Join(", ", Values.Select(v => WindowGeometry.Number(v)))}) = {WindowGeometry.Number(Value)}"
        : $"({string.Join(" + ", Values.Select(v => WindowGeometry.Factor(v)))}) / {Values.Count} = {WindowGeometry.Number(Value)}";

    public override string ToString() => $"y[{Row},{Column}] (window at row {Top}, column {Left}): {Sum}";
}

/// <summary>
/// Max or average pooling worked out step by step (from <see cref="Explain.MaxPool"/> / <see cref="Explain.AveragePool"/>):
/// a window slides over the input without padding and keeps one number of what it covers.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class PoolingExplanation : Explanation
{
    private readonly WindowGeometry _g;
    private readonly float[,] _input, _output;

    internal PoolingExplanation(float[,] input, Tensor output, WindowGeometry g, bool max)
    {
        _g = g;
        _input = input;
        _output = WindowGeometry.ToGrid(output);
        IsMax = max;
        Input = Tensor.FromArray(input);
        Output = output;
        var steps = new List<PoolingStep>(g.OutHeight * g.OutWidth);
        for (int i = 0; i < g.OutHeight; i++)
            for (int j = 0; j < g.OutWidth; j++)
            {
                int top = i * g.Stride, left = j * g.Stride;
                var values = new float[g.KernelHeight * g.KernelWidth];
                (int, int) picked = (top, left);
                double sum = 0;
                float best = float.NegativeInfinity;
                for (int m = 0; m < g.KernelHeight; m++)
                    for (int n = 0; n < g.KernelWidth; n++)
                    {
                        float v = input[top + m, left + n];
                        values[m * g.KernelWidth + n] = v;
                        sum += v;
                        if (v > best) (best, picked) = (v, (top + m, left + n));
                    }
                steps.Add(max
                    ? new PoolingStep(i, j, top, left, values, best, picked)
                    : new PoolingStep(i, j, top, left, values, (float)(sum / values.Length), null));
            }
        Steps = steps;
    }

    /// <summary>True for max pooling, false for average pooling.</summary>
    public bool IsMax { get; }

    /// <summary>The input, (height, width).</summary>
    public Tensor Input { get; }

    /// <summary>The window's size (square).</summary>
    public int PoolSize => _g.KernelHeight;

    /// <summary>How far the window moves each step.</summary>
    public int Stride => _g.Stride;

    /// <summary>Every window position, row by row of the output.</summary>
    public IReadOnlyList<PoolingStep> Steps { get; }

    /// <summary>The result, (outHeight, outWidth), as <see cref="Tensor.MaxPool2D"/> / <see cref="Tensor.AvgPool2D"/> compute it.</summary>
    public Tensor Output { get; }

    public override string Title =>
        $"{(IsMax ? "Max" : "Average")} pooling of a {_g.Height}×{_g.Width} input with a {PoolSize}×{PoolSize} window, stride {Stride}";

    public override string ToHtml()
    {
        var steps = Steps
            .Select(s => new SlidingWindowHtml.Step(s.Top, s.Left, PoolSize, PoolSize, s.Row, s.Column, $"y[{s.Row},{s.Column}] = {s.Sum}", s.Picked))
            .ToList();
        string formula = IsMax
            ? "$$y_{i,j} = \\max_{m,n} \\; x_{" + (Stride == 1 ? "" : Stride + "") + "i+m,\\;" + (Stride == 1 ? "" : Stride + "") + "j+n}$$"
            : "$$y_{i,j} = \\frac{1}{" + PoolSize * PoolSize + "} \\sum_{m,n} x_{" + (Stride == 1 ? "" : Stride + "") + "i+m,\\;" + (Stride == 1 ? "" : Stride + "") + "j+n}$$";
        return SlidingWindowHtml.Build("pool", Title, formula, "input x" + (IsMax ? " (the kept value underlined)" : ""), _input,
            (_, _) => false, null, $"output y ({_g.OutHeight}×{_g.OutWidth})", _output, steps,
            $"{Steps.Count} windows; no padding, so a window that would not fit is left out. No weights: pooling has nothing to learn.");
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Title).AppendLine();
        sb.AppendLine("Input:").Append(ConvolutionExplanation.Grid(_input));
        foreach (var s in Steps) sb.AppendLine(s.ToString());
        sb.AppendLine("Output:").Append(ConvolutionExplanation.Grid(_output));
        return sb.ToString();
    }
}
