using System.Globalization;

namespace CourseKit;

/// <summary>
/// Where a sliding window goes, with Keras's padding rules (the same as <see cref="Tensor.Conv2D"/>): "valid" adds no
/// zeros, so out = ⌊(in − k) / s⌋ + 1; "same" gives out = ⌈in / s⌉ and adds max((out − 1)·s + k − in, 0) zeros, the
/// smaller half on top/left.
/// </summary>
internal readonly record struct WindowGeometry(int Height, int Width, int KernelHeight, int KernelWidth, int Stride,
                                               int PadTop, int PadBottom, int PadLeft, int PadRight, int OutHeight, int OutWidth)
{
    public int PaddedHeight => Height + PadTop + PadBottom;
    public int PaddedWidth => Width + PadLeft + PadRight;

    public static WindowGeometry Of(string op, int h, int w, int kh, int kw, int stride, string padding)
    {
        if (kh < 1 || kw < 1) throw new ArgumentException($"{op}: the window ({kh}×{kw}) must be at least 1×1.");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, $"{op}: the stride must be 1 or more.");
        switch (padding?.ToLowerInvariant())
        {
            case "valid":
                if (kh > h || kw > w)
                    throw new ShapeException($"{op}: the {kh}×{kw} window does not fit in the {h}×{w} image with padding \"valid\"; " +
                                             "use padding: \"same\" or a smaller window.");
                return new(h, w, kh, kw, stride, 0, 0, 0, 0, (h - kh) / stride + 1, (w - kw) / stride + 1);
            case "same":
                int oh = (h + stride - 1) / stride, ow = (w + stride - 1) / stride;
                int padH = Math.Max((oh - 1) * stride + kh - h, 0), padW = Math.Max((ow - 1) * stride + kw - w, 0);
                return new(h, w, kh, kw, stride, padH / 2, padH - padH / 2, padW / 2, padW - padW / 2, oh, ow);
            default:
                throw new ArgumentException($"{op}: padding must be \"valid\" or \"same\", got \"{padding}\"." +
                                            NameLookup.DidYouMean(padding, ["valid", "same"]), nameof(padding));
        }
    }

    /// <summary>A 2-D image from (h, w) or (1, h, w, 1) (or (h, w, 1)); anything else is an error that says what to do.</summary>
    public static (float[,] Values, Tensor Image) Grey(string op, string what, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor, what);
        var s = tensor.Shape;
        int h, w;
        if (s.Length == 2) (h, w) = (s[0], s[1]);
        else if (s.Length == 3 && s[2] == 1) (h, w) = (s[0], s[1]);
        else if (s.Length == 4 && s[0] == 1 && s[3] == 1) (h, w) = (s[1], s[2]);
        else if (s.Length == 4 && s[2] == 1 && s[3] == 1) (h, w) = (s[0], s[1]);   // a (kh, kw, 1, 1) kernel
        else
            throw new ShapeException($"{op}: the {what} has shape {ShapeMath.Format(s)}; it needs one grey 2-D grid: (height, width) " +
                                     "or (1, height, width, 1)" + (what == "kernel" ? " or (kh, kw, 1, 1)." : ". For a batch pick one image first: images[0]."));
        if (h < 1 || w < 1) throw new ShapeException($"{op}: the {what} is empty ({ShapeMath.Format(s)}).");
        var data = tensor.ToArray();
        var values = new float[h, w];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++) values[r, c] = data[r * w + c];
        return (values, tensor.Detach().Reshape(h, w));
    }

    /// <summary>A number as the course writes it: whole numbers without decimals, at most 4 decimals otherwise, and a real minus sign.</summary>
    public static string Number(double v)
    {
        if (v == 0) return "0";
        string text = Math.Abs(v) >= 1e6 || Math.Abs(v) < 1e-4
            ? v.ToString("G4", CultureInfo.InvariantCulture)
            : v.ToString("0.####", CultureInfo.InvariantCulture);
        return Numbers.WithMinus(text);
    }

    /// <summary>A factor in a written-out product: negative numbers in parentheses, "(−1)".</summary>
    public static string Factor(double v) => Numbers.Factor(Number(v));

    public static float[,] ToGrid(Tensor t2d)
    {
        var s = t2d.Shape;
        var data = t2d.ToArray();
        var g = new float[s[0], s[1]];
        for (int r = 0; r < s[0]; r++)
            for (int c = 0; c < s[1]; c++) g[r, c] = data[r * s[1] + c];
        return g;
    }
}
