using System.Text;

namespace CourseKit;

/// <summary>
/// One position of the kernel: which output cell it fills, where the window sits in the padded image, the numbers under
/// it, and their products summed up.
/// </summary>
/// <param name="Row">The output row this step fills.</param>
/// <param name="Column">The output column this step fills.</param>
/// <param name="Top">The window's top row in the <em>padded</em> image (row 0 is the first row of zeros, if any).</param>
/// <param name="Left">The window's left column in the padded image.</param>
/// <param name="Pixels">The numbers under the window, row by row (zeros where it covers the padding).</param>
/// <param name="Weights">The kernel's numbers, row by row, in the same order.</param>
/// <param name="Value">The sum of <c>Pixels[i]·Weights[i]</c>: the output value.</param>
public sealed record ConvolutionStep(int Row, int Column, int Top, int Left, IReadOnlyList<float> Pixels,
                                     IReadOnlyList<float> Weights, float Value)
{
    /// <summary>The sum written out, e.g. <c>0·0 + 0·(−1) + 0·0 + 0·(−1) + 105·5 + 102·(−1) + 0·0 + 103·(−1) + 99·0 = 320</c>.</summary>
    public string Sum => string.Join(" + ", Pixels.Select((p, i) => $"{WindowGeometry.Factor(p)}·{WindowGeometry.Factor(Weights[i])}"))
                         + " = " + WindowGeometry.Number(Value);

    /// <summary>The step as one line: <c>y[0,0]: 0·0 + … = 320</c>.</summary>
    public override string ToString() => $"y[{Row},{Column}] (window at row {Top}, column {Left} of the padded image): {Sum}";
}

/// <summary>
/// A 2-D convolution worked out step by step (from <see cref="Explain.Conv2D"/>): the kernel slides over the (zero-padded)
/// image, and at each position the numbers under it are multiplied by the kernel's and summed. Like Keras's
/// <c>Conv2D</c>, this is cross-correlation: the kernel is not flipped.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class ConvolutionExplanation : Explanation
{
    private readonly WindowGeometry _g;
    private readonly float[,] _padded, _kernel, _output;

    internal ConvolutionExplanation(float[,] image, float[,] kernel, Tensor output, WindowGeometry g, string padding)
    {
        _g = g;
        _kernel = kernel;
        _output = WindowGeometry.ToGrid(output);
        Padding = padding.ToLowerInvariant();
        Image = Tensor.FromArray(image);
        Kernel = Tensor.FromArray(kernel);
        Output = output;
        _padded = new float[g.PaddedHeight, g.PaddedWidth];
        for (int r = 0; r < g.Height; r++)
            for (int c = 0; c < g.Width; c++) _padded[r + g.PadTop, c + g.PadLeft] = image[r, c];
        PaddedImage = Tensor.FromArray(_padded);

        var steps = new List<ConvolutionStep>(g.OutHeight * g.OutWidth);
        var weights = kernel.Cast<float>().ToArray();
        for (int i = 0; i < g.OutHeight; i++)
            for (int j = 0; j < g.OutWidth; j++)
            {
                int top = i * g.Stride, left = j * g.Stride;
                var pixels = new float[g.KernelHeight * g.KernelWidth];
                double sum = 0;
                for (int m = 0; m < g.KernelHeight; m++)
                    for (int n = 0; n < g.KernelWidth; n++)
                    {
                        float p = _padded[top + m, left + n];
                        pixels[m * g.KernelWidth + n] = p;
                        sum += (double)p * kernel[m, n];
                    }
                steps.Add(new ConvolutionStep(i, j, top, left, pixels, weights, (float)sum));
            }
        Steps = steps;
    }

    /// <summary>The image, (height, width).</summary>
    public Tensor Image { get; }

    /// <summary>The kernel, (kernelHeight, kernelWidth).</summary>
    public Tensor Kernel { get; }

    /// <summary>"valid" (no padding) or "same" (zeros around the border).</summary>
    public string Padding { get; }

    /// <summary>How many pixels the window moves each step.</summary>
    public int Stride => _g.Stride;

    /// <summary>Rows of zeros added on top (bottom may get one more, as in Keras).</summary>
    public int PadTop => _g.PadTop;

    /// <summary>Columns of zeros added on the left.</summary>
    public int PadLeft => _g.PadLeft;

    /// <summary>The image with its zero border, as the kernel sees it.</summary>
    public Tensor PaddedImage { get; }

    /// <summary>Every position of the kernel, row by row of the output.</summary>
    public IReadOnlyList<ConvolutionStep> Steps { get; }

    /// <summary>The result, (outHeight, outWidth), as <see cref="Tensor.Conv2D"/> computes it.</summary>
    public Tensor Output { get; }

    public override string Title =>
        $"Convolution of a {_g.Height}×{_g.Width} image with a {_g.KernelHeight}×{_g.KernelWidth} kernel (padding \"{Padding}\", stride {Stride})";

    private string PaddingNote => _g.PadTop + _g.PadBottom + _g.PadLeft + _g.PadRight == 0
        ? "No padding: the window only goes where it fits inside the image."
        : $"Zero padding: {_g.PadTop} row(s) on top, {_g.PadBottom} below, {_g.PadLeft} column(s) left, {_g.PadRight} right.";

    public override string ToHtml()
    {
        var steps = Steps
            .Select(s => new SlidingWindowHtml.Step(s.Top, s.Left, _g.KernelHeight, _g.KernelWidth, s.Row, s.Column, $"y[{s.Row},{s.Column}] = {s.Sum}"))
            .ToList();
        bool IsPad(int r, int c) => r < _g.PadTop || r >= _g.PadTop + _g.Height || c < _g.PadLeft || c >= _g.PadLeft + _g.Width;
        string st = Stride == 1 ? "" : Stride + "";
        string formula = $"$$y_{{i,j}} = \\sum_{{m=0}}^{{{_g.KernelHeight - 1}}} \\sum_{{n=0}}^{{{_g.KernelWidth - 1}}} x_{{{st}i+m,\\;{st}j+n}} \\, k_{{m,n}}$$";
        return SlidingWindowHtml.Build("conv", Title, formula,
            _g.PadTop + _g.PadLeft + _g.PadBottom + _g.PadRight > 0 ? "padded image x (zeros dimmed)" : "image x",
            _padded, IsPad, _kernel, $"output y ({_g.OutHeight}×{_g.OutWidth})", _output, steps,
            PaddingNote + $" {Steps.Count} positions, stride {Stride}.");
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Title).AppendLine().AppendLine(PaddingNote);
        sb.AppendLine("Padded image:").Append(Grid(_padded));
        sb.AppendLine("Kernel:").Append(Grid(_kernel));
        foreach (var s in Steps) sb.AppendLine(s.ToString());
        sb.AppendLine("Output:").Append(Grid(_output));
        return sb.ToString();
    }

    internal static string Grid(float[,] values)
    {
        var cells = new string[values.GetLength(0), values.GetLength(1)];
        int width = 1;
        for (int r = 0; r < values.GetLength(0); r++)
            for (int c = 0; c < values.GetLength(1); c++)
                width = Math.Max(width, (cells[r, c] = WindowGeometry.Number(values[r, c])).Length);
        var sb = new StringBuilder();
        for (int r = 0; r < values.GetLength(0); r++)
        {
            sb.Append("  ");
            for (int c = 0; c < values.GetLength(1); c++) sb.Append(cells[r, c].PadLeft(width + 1));
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
