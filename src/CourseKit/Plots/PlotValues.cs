using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseKit;

/// <summary>
/// What plotly accepts for data properties such as <c>x</c>, <c>y</c>, <c>text</c> or a marker's <c>color</c>:
/// a list of numbers, a list of strings, or one single value for every point. You rarely write the type: arrays,
/// lists, a string or a number convert to it by themselves (<c>X = new[] { 1.0, 2.0 }</c>, <c>Color = "red"</c>).
/// </summary>
[JsonConverter(typeof(PlotValuesConverter))]
public sealed class PlotValues
{
    private readonly double[]? _numbers;
    private readonly string?[]? _strings;
    private readonly double? _number;
    private readonly string? _string;

    private PlotValues(double[]? numbers = null, string?[]? strings = null, double? number = null, string? text = null)
    {
        _numbers = numbers;
        _strings = strings;
        _number = number;
        _string = text;
    }

    /// <summary>How many values the list holds (1 for a single value).</summary>
    public int Count => _numbers?.Length ?? _strings?.Length ?? 1;

    /// <summary>True for a single value meant for every point (<c>"red"</c>, <c>8</c>).</summary>
    public bool IsSingle => _numbers is null && _strings is null;

    /// <summary>The numbers, or null if these values are strings.</summary>
    public IReadOnlyList<double>? Numbers => _numbers ?? (_number is { } n ? [n] : null);

    /// <summary>The strings, or null if these values are numbers.</summary>
    public IReadOnlyList<string?>? Strings => _strings ?? (_string is not null ? [_string] : null);

    public static implicit operator PlotValues(double[] values) => new(numbers: (double[])values.Clone());
    public static implicit operator PlotValues(float[] values) => new(numbers: values.Select(v => (double)v).ToArray());
    public static implicit operator PlotValues(int[] values) => new(numbers: values.Select(v => (double)v).ToArray());
    public static implicit operator PlotValues(string?[] values) => new(strings: (string?[])values.Clone());
    public static implicit operator PlotValues(List<double> values) => new(numbers: [.. values]);
    public static implicit operator PlotValues(List<float> values) => new(numbers: values.Select(v => (double)v).ToArray());
    public static implicit operator PlotValues(List<int> values) => new(numbers: values.Select(v => (double)v).ToArray());
    public static implicit operator PlotValues(List<string> values) => new(strings: [.. values]);
    public static implicit operator PlotValues(string value) => new(text: value);
    public static implicit operator PlotValues(double value) => new(number: value);

    /// <summary>The numbers of a tensor, flattened row-major.</summary>
    public static PlotValues From(Tensor tensor) => tensor.ToArray();

    /// <summary>Any sequence of numbers.</summary>
    public static PlotValues From(IEnumerable<double> values) => new(numbers: values.ToArray());

    /// <summary>Any sequence of strings (category names, hover texts).</summary>
    public static PlotValues From(IEnumerable<string> values) => new(strings: values.ToArray());

    public override string ToString() => IsSingle ? (_string ?? _number?.ToString()) ?? "" : $"{Count} values";

    private sealed class PlotValuesConverter : JsonConverter<PlotValues>
    {
        public override PlotValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("PlotValues are only written, not read.");

        public override void Write(Utf8JsonWriter writer, PlotValues value, JsonSerializerOptions options)
        {
            if (value._numbers is not null) JsonSerializer.Serialize(writer, value._numbers, options);
            else if (value._strings is not null) JsonSerializer.Serialize(writer, value._strings, options);
            else if (value._number is { } number) JsonSerializer.Serialize(writer, number, options);
            else writer.WriteStringValue(value._string);
        }
    }
}
