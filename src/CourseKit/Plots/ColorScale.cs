using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseKit;

/// <summary>
/// How numbers map to colours in a heatmap, contour or coloured markers: a plotly name (<c>"Viridis"</c>,
/// <c>"Blues"</c>, <c>"Greys"</c>, <c>"RdBu"</c>) or a list of (position 0–1, colour) stops. A string converts
/// to it by itself: <c>ColorScale = "Viridis"</c>.
/// </summary>
[JsonConverter(typeof(ColorScaleConverter))]
public sealed class ColorScale
{
    /// <summary>The plotly name, or null for a scale given by stops.</summary>
    public string? Name { get; }

    /// <summary>The colour stops (position from 0 to 1, CSS colour), or null for a named scale.</summary>
    public IReadOnlyList<(double Position, string Color)>? Stops { get; }

    private ColorScale(string? name, IReadOnlyList<(double, string)>? stops)
    {
        Name = name;
        Stops = stops;
    }

    /// <summary>A scale through the given colours, evenly spaced from 0 to 1.</summary>
    public static ColorScale Through(params string[] colors)
    {
        if (colors is null || colors.Length < 2) throw new ArgumentException("ColorScale.Through needs at least two colours, e.g. Through(\"white\", \"black\").", nameof(colors));
        return new(null, colors.Select((c, i) => ((double)i / (colors.Length - 1), c)).ToArray());
    }

    /// <summary>A scale with explicit stops, e.g. <c>FromStops((0, "blue"), (0.5, "white"), (1, "red"))</c>.</summary>
    public static ColorScale FromStops(params (double Position, string Color)[] stops)
    {
        if (stops is null || stops.Length < 2 || stops[0].Position != 0 || stops[^1].Position != 1)
            throw new ArgumentException("A colour scale needs at least two stops, the first at 0 and the last at 1.", nameof(stops));
        return new(null, stops);
    }

    public static implicit operator ColorScale(string name) => new(name, null);

    /// <summary>Blue (0) through white (0.5) to red (1): probabilities of class 1, as in the lectures.</summary>
    public static ColorScale BlueRed { get; } = Through("#2166ac", "#67a9cf", "#f7f7f7", "#ef8a62", "#b2182b");

    /// <summary>White (0) to black (1): ink on paper, for digit images.</summary>
    public static ColorScale WhiteToBlack { get; } = Through("#ffffff", "#000000");

    /// <summary>Near-white at the low end to dark blue at the high end, for counts: the more, the darker. (plotly's own
    /// "Blues" runs the other way, dark at 0.)</summary>
    public static ColorScale WhiteToBlue { get; } = Through("#f7fbff", "#deebf7", "#9ecae1", "#4292c6", "#08306b");

    /// <summary>Black (0) to white (1).</summary>
    public static ColorScale BlackToWhite { get; } = Through("#000000", "#ffffff");

    public override string ToString() => Name ?? string.Join(", ", Stops!.Select(s => $"{s.Position:0.##}:{s.Color}"));

    private sealed class ColorScaleConverter : JsonConverter<ColorScale>
    {
        public override ColorScale Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Colour scales are only written, not read.");

        public override void Write(Utf8JsonWriter writer, ColorScale value, JsonSerializerOptions options)
        {
            if (value.Name is not null)
            {
                writer.WriteStringValue(value.Name);
                return;
            }
            writer.WriteStartArray();
            foreach (var (position, color) in value.Stops!)
            {
                writer.WriteStartArray();
                JsonSerializer.Serialize(writer, position, options);
                writer.WriteStringValue(color);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
    }
}
