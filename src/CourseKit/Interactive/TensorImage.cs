using System.Globalization;
using CourseKit.Interactive;

namespace CourseKit;

public sealed partial class Tensor
{
    /// <summary>
    /// Shows this tensor as a picture in a notebook: a (height, width) tensor as grey pixels, a (height, width, 1) or
    /// (height, width, 3) tensor as grey or RGB. E.g. <c>xTrain[0].AsImage()</c> draws the first MNIST digit.
    /// </summary>
    /// <param name="scale">How many screen pixels each value becomes, across and down; 0 picks the smallest whole number
    /// that makes the short side at least <see cref="TensorImage.ReadableSide"/> pixels (a 5×5 feature map becomes
    /// 130×130, a 28×28 digit 140×140), unless that would make the long side wider than
    /// <see cref="TensorImage.WidestAutomatic"/>.</param>
    /// <param name="min">The value drawn black. Left out, it is 0 for values in 0–1 or 0–255, else the smallest value.</param>
    /// <param name="max">The value drawn white (or full colour). Left out, it is 1 for values in 0–1, 255 for values
    /// in 0–255, else the largest value.</param>
    /// <exception cref="ShapeException">The tensor is not (height, width) or (height, width, 1|3).</exception>
    public TensorImage AsImage(int scale = 0, float? min = null, float? max = null) => new(this, scale, min, max);
}

/// <summary>
/// A tensor drawn as a picture (from <see cref="Tensor.AsImage"/>). Notebooks show it as an image; <see cref="ToPng"/>
/// gives the PNG file's bytes, e.g. to save it with <c>File.WriteAllBytes("digit.png", image.ToPng())</c>.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]
public sealed class TensorImage
{
    private readonly byte[] _pixels;

    internal TensorImage(Tensor tensor, int scale, float? min, float? max)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = tensor.ShapeView;
        bool ok = shape.Length == 2 || shape.Length == 3 && shape[2] is 1 or 3;
        if (!ok || tensor.Size == 0)
            throw new ShapeException(
                $"AsImage needs a (height, width) or (height, width, 1 or 3) tensor, got {ShapeMath.Format(shape)}." +
                (shape.Length >= 3 ? " For a batch of images pick one first: images[0].AsImage()." : ""));
        if (scale < 0) throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be 0 (automatic) or more.");
        Height = shape[0];
        Width = shape[1];
        Channels = shape.Length == 3 ? shape[2] : 1;
        Scale = scale > 0 ? scale : ReadableScale(Height, Width);

        var values = tensor.ToArray();
        (Min, Max) = Range(values, min, max);
        float span = Max - Min;
        _pixels = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = float.IsNaN(values[i]) ? Min : values[i];
            _pixels[i] = span > 0 ? (byte)Math.Clamp(MathF.Round((v - Min) / span * 255), 0, 255) : (byte)(v > Max ? 255 : 0);
        }
        Source = ShapeMath.Format(shape);
    }

    /// <summary>The automatic scale makes the picture's short side at least this many pixels.</summary>
    public const int ReadableSide = 128;

    /// <summary>The automatic scale keeps the picture's long side at most this many pixels (or 1×).</summary>
    public const int WidestAutomatic = 512;

    /// <summary>The whole-number scale (each value a square of this many pixels, drawn nearest-neighbour) that makes a
    /// height × width picture readable: short side at least <see cref="ReadableSide"/>, long side within
    /// <see cref="WidestAutomatic"/>, at least 1.</summary>
    public static int ReadableScale(int height, int width)
    {
        int shortSide = Math.Max(1, Math.Min(height, width)), longSide = Math.Max(1, Math.Max(height, width));
        int wanted = (ReadableSide + shortSide - 1) / shortSide;
        return Math.Max(1, Math.Min(wanted, WidestAutomatic / longSide));
    }

    /// <summary>Height of the picture in values (before scaling).</summary>
    public int Height { get; }

    /// <summary>Width of the picture in values (before scaling).</summary>
    public int Width { get; }

    /// <summary>1 for grey, 3 for RGB.</summary>
    public int Channels { get; }

    /// <summary>Screen pixels per value, across and down.</summary>
    public int Scale { get; }

    /// <summary>The value drawn black.</summary>
    public float Min { get; }

    /// <summary>The value drawn white (or full colour).</summary>
    public float Max { get; }

    /// <summary>The shape of the tensor it was drawn from, e.g. "(28, 28)".</summary>
    public string Source { get; }

    /// <summary>The picture as a PNG file (scaled up by <see cref="Scale"/>).</summary>
    public byte[] ToPng() => Png.Encode(_pixels, Width, Height, Channels, Scale);

    /// <summary>An HTML <c>img</c> element showing the picture inline.</summary>
    public string ToHtml() => Html.Image(ToPng(), Width * Scale, Height * Scale, ToString());

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Image {Width}×{Height} {(Channels == 1 ? "grey" : "RGB")} from tensor {Source}, values {Min:0.####} (black) to {Max:0.####} (white), drawn {Scale}× larger");

    private static (float Min, float Max) Range(float[] values, float? min, float? max)
    {
        var finite = values.Where(float.IsFinite).DefaultIfEmpty(0f).ToArray();
        float low = finite.Min(), high = finite.Max();
        var (autoMin, autoMax) = low >= 0 && high <= 1 ? (0f, 1f) : low >= 0 && high <= 255 ? (0f, 255f) : (low, high);
        return (min ?? autoMin, max ?? autoMax);
    }
}
