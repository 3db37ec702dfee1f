using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// What one convolution or pooling layer of a model makes of one image (from <see cref="Explain.FeatureMaps(Model, Tensor, int)"/>):
/// every channel of its output drawn as a picture, next to the input. Bright pixels are where that filter responds strongly.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class FeatureMapsExplanation : Explanation
{
    /// <summary>How many maps the HTML draws; <see cref="Maps"/> always has all of them.</summary>
    public const int MaxMapsShown = 64;

    internal FeatureMapsExplanation(Model model, Layer layer, int layerIndex, Tensor input, Tensor maps)
    {
        ModelName = model.Name;
        LayerName = layer.Name;
        LayerIndex = layerIndex;
        LayerType = layer.GetType().Name;
        Input = input;
        Maps = maps;
    }

    public string ModelName { get; }

    /// <summary>The layer whose output is shown.</summary>
    public string LayerName { get; }

    /// <summary>Its position in <c>model.Layers</c>.</summary>
    public int LayerIndex { get; }

    /// <summary>Its kind, e.g. "Conv2D" or "MaxPooling2D".</summary>
    public string LayerType { get; }

    /// <summary>The image that went in, (height, width, channels).</summary>
    public Tensor Input { get; }

    /// <summary>The layer's output for that image, (height, width, channels): the same numbers as calling the model's
    /// layers up to this one on <c>image.Reshape(1, h, w, c)</c>.</summary>
    public Tensor Maps { get; }

    /// <summary>How many feature maps (channels) there are.</summary>
    public int Channels => Maps.Shape[2];

    /// <summary>One channel's feature map, (height, width).</summary>
    public Tensor Map(int channel)
    {
        var s = Maps.Shape;
        if (channel < 0 || channel >= s[2])
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"The layer has {s[2]} channels: 0 to {s[2] - 1}.");
        return Channel(Maps, channel);
    }

    public override string Title => $"Feature maps of {LayerName} ({LayerType}, layer {LayerIndex} of {ModelName})";

    private string ShapeText => $"{Channels} {(Channels == 1 ? "map" : "maps")} of {Maps.Shape[0]}×{Maps.Shape[1]}";

    public override string ToHtml()
    {
        var sb = new StringBuilder(Html.Head(Title));
        sb.Append(Html.Note($"{ShapeText}. Each map is scaled on its own: black is its smallest value, white its largest."));
        sb.Append("<div>");
        var input = Input.Shape[2] is 1 or 3 ? Input : Channel(Input, 0);
        sb.Append(Figure(input.AsImage().ToHtml(), $"input {Input.Shape[0]}×{Input.Shape[1]}×{Input.Shape[2]}"));
        sb.Append("</div><div>");
        for (int c = 0; c < Math.Min(Channels, MaxMapsShown); c++)
        {
            var map = Map(c);
            var v = map.ToArray();
            sb.Append(Figure(map.AsImage(min: v.Min(), max: v.Max()).ToHtml(),
                             $"channel {c} ({WindowGeometry.Number(v.Min())} … {WindowGeometry.Number(v.Max())})"));
        }
        sb.Append("</div>");
        if (Channels > MaxMapsShown) sb.Append(Html.Note($"… {Channels - MaxMapsShown} more maps: use Map(channel)."));
        return Html.Block("feature-maps", sb.ToString());
    }

    private static string Figure(string img, string caption) => $"<figure>{img}<figcaption>{Html.Escape(caption)}</figcaption></figure>";

    private static Tensor Channel(Tensor hwc, int channel)
    {
        var s = hwc.Shape;
        var all = hwc.ToArray();
        var one = new float[s[0] * s[1]];
        for (int i = 0; i < one.Length; i++) one[i] = all[i * s[2] + channel];
        return Tensor.FromData(one, [s[0], s[1]]);
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Title).AppendLine().AppendLine(
            $"Input {Input.Shape[0]}×{Input.Shape[1]}×{Input.Shape[2]} → {ShapeText}.");
        for (int c = 0; c < Channels; c++)
        {
            var v = Map(c).ToArray();
            sb.AppendLine($"  channel {c}: min {WindowGeometry.Number(v.Min())}, max {WindowGeometry.Number(v.Max())}, mean {WindowGeometry.Number(v.Average())}");
        }
        return sb.ToString();
    }
}
