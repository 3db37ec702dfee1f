using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace CourseKit;

/// <summary>
/// How a <see cref="Figure"/> becomes plotly.js JSON: property names are the C# names in lower case
/// (<c>HoverTemplate</c> → <c>"hovertemplate"</c>, as plotly spells them), unset (null) properties are left out, and
/// numbers are written compactly (see <see cref="CompactNumber"/>).
/// </summary>
internal static class PlotJson
{
    /// <summary>The serializer settings shared by every figure.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = new LowerCaseNamingPolicy(),
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Keeps "<", ">" and "&" escaped so the JSON can sit inside a <script> element, but lets σ, →, ŷ through.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        options.Converters.Add(new CompactDoubleConverter());
        options.Converters.Add(new CompactFloatConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// A number as short as it can be without losing what a chart can show: whole numbers exactly
    /// (<c>60000</c>), others to 6 significant digits (<c>0.333333</c>), and NaN or ±∞ as <c>null</c>
    /// (plotly leaves a gap there).
    /// </summary>
    public static string? CompactNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return null;
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15) return ((long)value).ToString(CultureInfo.InvariantCulture);
        return value.ToString("G6", CultureInfo.InvariantCulture);
    }

    private static void Write(Utf8JsonWriter writer, double value)
    {
        var text = CompactNumber(value);
        if (text is null) writer.WriteNullValue();
        else writer.WriteRawValue(text, skipInputValidation: true);
    }

    private sealed class LowerCaseNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToLowerInvariant();
    }

    private sealed class CompactDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();
        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => PlotJson.Write(writer, value);
    }

    private sealed class CompactFloatConverter : JsonConverter<float>
    {
        public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetSingle();
        // Through decimal text first, so 0.1f is written 0.1 and not 0.100000001490116.
        public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options) =>
            PlotJson.Write(writer, float.IsFinite(value) ? double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value);
    }
}
