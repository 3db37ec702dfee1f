namespace CourseKit;

/// <summary>
/// A picture: plotly's <c>image</c> trace. <see cref="Z"/> holds the pixels as rows of [r, g, b] (0–255); row 0 is at
/// the top and pixels are square. (<see cref="Plot.Images"/> draws grey digits as heatmaps instead, which keeps the
/// JSON three times smaller and shows the pixel value on hover.)
/// </summary>
public sealed record ImageTrace : Trace
{
    public override string Type => "image";

    /// <summary>The pixels: <c>Z[row][column] = [r, g, b]</c> (or [r, g, b, a] with colour model "rgba").</summary>
    public double[][][]? Z { get; set; }

    /// <summary>Instead of <see cref="Z"/>: an image URL or <c>data:image/png;base64,…</c> URI.</summary>
    public string? Source { get; set; }

    /// <summary><c>"rgb"</c> (default), <c>"rgba"</c>, <c>"hsl"</c>, <c>"hsla"</c>.</summary>
    public string? ColorModel { get; set; }

    /// <summary>The x position of the first column's centre.</summary>
    public double? X0 { get; set; }

    /// <summary>The y position of the first row's centre.</summary>
    public double? Y0 { get; set; }

    /// <summary>The width of a pixel in x units.</summary>
    public double? Dx { get; set; }

    /// <summary>The height of a pixel in y units.</summary>
    public double? Dy { get; set; }

    /// <summary>Builds an image trace from grey values (rows of numbers, 0–255): each pixel becomes [v, v, v].</summary>
    public static ImageTrace FromGrey(double[][] pixels) =>
        new() { Z = pixels.Select(row => row.Select(v => new[] { v, v, v }).ToArray()).ToArray() };

    internal override string Describe() => $"image ({Z?.Length ?? 0}×{(Z is { Length: > 0 } ? Z[0].Length : 0)} pixels)";
}
