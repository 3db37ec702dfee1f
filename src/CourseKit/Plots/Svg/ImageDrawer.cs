using System.Buffers.Binary;

namespace CourseKit.Plots.Svg;

/// <summary>
/// Draws an <see cref="ImageTrace"/> as an embedded picture with sharp pixels: its <c>z</c> pixels encoded as a PNG,
/// or its <c>source</c> when that is a <c>data:</c> URI (a web address would be a download, so it is not drawn).
/// Pixel (row, column) is centred at (x0 + column·dx, y0 + row·dy); the y axis runs downwards unless the figure
/// sets its range, and pixels are kept square, as plotly does for images.
/// </summary>
internal sealed class ImageDrawer : TraceDrawer
{
    private readonly ImageTrace _image;
    private readonly int _rows, _columns;

    public ImageDrawer(ImageTrace image, int index, SvgAxis x, SvgAxis y) : base(image, index, x, y)
    {
        _image = image;
        if (image.Z is { Length: > 0 } z) (_rows, _columns) = (z.Length, z.Max(r => r?.Length ?? 0));
        else if (PngSize(image.Source) is { } size) (_columns, _rows) = size;
    }

    public override bool InLegendByDefault => false;

    private double X0 => _image.X0 ?? 0;
    private double Y0 => _image.Y0 ?? 0;
    private double Dx => _image.Dx ?? 1;
    private double Dy => _image.Dy ?? 1;

    public override void Measure()
    {
        if (_rows == 0) return;
        X.AutoRange.Include(X0 - Dx / 2, X0 + (_columns - 0.5) * Dx);
        Y.AutoRange.Include(Y0 - Dy / 2, Y0 + (_rows - 0.5) * Dy);
    }

    public override void Draw(SvgWriter w)
    {
        if (_rows == 0) return;
        double left = X.Pixel(X0 - Dx / 2), right = X.Pixel(X0 + (_columns - 0.5) * Dx);
        double first = Y.Pixel(Y0 - Dy / 2), last = Y.Pixel(Y0 + (_rows - 0.5) * Dy);
        w.Element("g").Attr("class", "trace image").Attr("opacity", TraceOpacity).Open();
        if (_image.Z is { Length: > 0 })
        {
            var columnEdges = Enumerable.Range(0, _columns + 1).Select(i => X.Pixel(X0 + (i - 0.5) * Dx)).ToArray();
            var rowEdges = Enumerable.Range(0, _rows + 1).Select(i => Y.Pixel(Y0 + (i - 0.5) * Dy)).ToArray();
            GridRaster.Draw(w, columnEdges, rowEdges, PixelColor);
        }
        else if (_image.Source is { } source && source.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase))
        {
            // The picture is stored top row first; flip it when the axes run the other way.
            var transform = (right < left, last < first) switch
            {
                (false, false) => null,
                (true, false) => $"translate({SvgWriter.Number(left + right)} 0) scale(-1 1)",
                (false, true) => $"translate(0 {SvgWriter.Number(first + last)}) scale(1 -1)",
                _ => $"translate({SvgWriter.Number(left + right)} {SvgWriter.Number(first + last)}) scale(-1 -1)",
            };
            if (transform is not null) w.Element("g").Attr("transform", transform).Open();
            GridRaster.ImageElement(w, source, Math.Min(left, right), Math.Min(first, last), Math.Abs(right - left), Math.Abs(last - first), smooth: false);
            if (transform is not null) w.Close("g");
        }
        w.Close("g");
    }

    /// <summary>A pixel's colour from its channels (0–255; alpha 0–1 with the "rgba" colour model, blended on white).</summary>
    private Rgba? PixelColor(int row, int column)
    {
        var z = _image.Z!;
        if (row >= z.Length || z[row] is not { } r || column >= r.Length || r[column] is not { Length: >= 3 } p) return null;
        var color = new Rgba(p[0], p[1], p[2]);
        if (p.Length >= 4 && _image.ColorModel is "rgba") color = color with { A = Math.Clamp(p[3], 0, 1) };
        return color;
    }

    public override void DrawLegendSymbol(SvgWriter w, double x, double y) =>
        w.Element("rect").Attr("x", x + 14).Attr("y", y - 6).Attr("width", 12).Attr("height", 12).Attr("fill", "#888").End();

    /// <summary>The width and height of a PNG given as a data URI (from its IHDR chunk), or null.</summary>
    internal static (int Width, int Height)? PngSize(string? source)
    {
        const string prefix = "data:image/png;base64,";
        if (source is null || !source.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var head = Convert.FromBase64String(source.Substring(prefix.Length, Math.Min(32, source.Length - prefix.Length) / 4 * 4));
            if (head.Length < 24) return null;
            return (BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(20)));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
