namespace CourseKit;

/// <summary>What Conv2D and the pooling layers share: images as (height, width, channels) per example, Keras's padding
/// names, and the output size of a sliding window.</summary>
internal static class ImageWindows
{
    /// <summary>"valid" or "same" (any case), or an error listing them and naming the closest.</summary>
    public static string Padding(string padding, string layer)
    {
        var p = padding?.Trim().ToLowerInvariant();
        return p is "valid" or "same" ? p
            : throw new ArgumentException($"{layer}: padding must be \"valid\" (no padding: the output shrinks) or \"same\" " +
                                          $"(zeros around the border: with stride 1 the output keeps the input's size), got \"{padding}\"." +
                                          NameLookup.DidYouMean(padding, ["valid", "same"]), nameof(padding));
    }

    /// <summary>
    /// Output positions along one axis. "valid": ⌊(in − window) / stride⌋ + 1 (the window must fit). "same": ⌈in / stride⌉.
    /// </summary>
    public static int OutputSize(int input, int window, int stride, string padding) =>
        padding == "same" ? (input + stride - 1) / stride : (input - window) / stride + 1;

    /// <summary>Why a per-example shape is not an image the layer can slide over, or null if it is.</summary>
    public static string? NotAnImage(int[] shape, Size2D window, string padding, string windowName)
    {
        if (shape.Length != 3)
        {
            string hint = shape.Length switch
            {
                2 => $" Each example should be (height, width, channels); for grey images add a channel axis of size 1: " +
                     $"x.Reshape(-1, {shape[0]}, {shape[1]}, 1), or a Reshape([{shape[0]}, {shape[1]}, 1]) layer first.",
                1 => " Each example should be an image (height, width, channels), not a vector; use a Reshape layer to make it one.",
                _ => " Each example should be an image (height, width, channels).",
            };
            return $"expected ndim=4, found ndim={shape.Length + 1}. Full shape received: {KerasTensor.Format(shape)}.{hint}";
        }
        if (padding == "valid" && (window.Height > shape[0] || window.Width > shape[1]))
            return $"the {windowName} {window} is larger than the {shape[0]}×{shape[1]} images, which padding \"valid\" does not allow. " +
                   "Use padding: \"same\", a smaller window, or larger images.";
        return null;
    }

    /// <summary>(out height, out width) for an image of per-example <paramref name="shape"/>.</summary>
    public static (int Height, int Width) Output(int[] shape, Size2D window, Size2D strides, string padding) =>
        (OutputSize(shape[0], window.Height, strides.Height, padding), OutputSize(shape[1], window.Width, strides.Width, padding));
}
