using System.Globalization;
using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>
/// A value a test sends out of the student's session: plain data only — a number, a truth value, a string, or an
/// array of numbers with its shape. Live objects never leave the session, so an object that pretends to equal
/// everything (an overridden <c>Equals</c>) cannot pass a test: what is compared is the numbers it turned into.
/// The grader reads the same JSON (this file is shared with the <c>coursekit</c> command).
/// </summary>
public sealed record ReportedValue
{
    /// <summary>"number", "bool", "string", "array", "none" (null) or "unsupported" (a type that cannot be reported).</summary>
    public required string Kind { get; init; }

    /// <summary>The shape of an array (empty for a single number).</summary>
    public int[] Shape { get; init; } = [];

    /// <summary>The numbers, in row-major order (one for a single number; 1/0 for a truth value).</summary>
    public double[] Numbers { get; init; } = [];

    /// <summary>The text of a string, or the type's name for an unsupported value.</summary>
    public string? Text { get; init; }

    /// <summary>A short description for messages: "a number", "an array of shape (3, 2)", "a string".</summary>
    public string Describe() => Kind switch
    {
        "number" => "a number",
        "bool" => "a truth value (bool)",
        "string" => "a string",
        "array" => $"an array of shape {FormatShape(Shape)}",
        "none" => "null",
        _ => $"a {Text} (only numbers, bools, strings, arrays and tensors can be checked)",
    };

    /// <summary>The shape as Keras prints it: (3,), (2, 3), ().</summary>
    public static string FormatShape(int[] shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";

    /// <summary>The value as JSON; NaN and infinities as the strings "NaN", "Infinity", "-Infinity".</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["kind"] = Kind };
        if (Kind == "array") json["shape"] = new JsonArray(Shape.Select(d => (JsonNode)d).ToArray());
        if (Kind is "number" or "bool" or "array") json["numbers"] = new JsonArray(Numbers.Select(NumberNode).ToArray());
        if (Text is not null) json["text"] = Text;
        return json;
    }

    /// <summary>Reads a value written by <see cref="ToJson"/>; throws <see cref="FormatException"/> on anything else.</summary>
    public static ReportedValue FromJson(JsonNode? node)
    {
        if (node is not JsonObject json || json["kind"]?.GetValue<string>() is not { } kind)
            throw new FormatException("a reported value must be an object with a \"kind\"");
        var shape = json["shape"] is JsonArray s ? s.Select(d => d!.GetValue<int>()).ToArray() : [];
        var numbers = json["numbers"] is JsonArray n ? n.Select(ReadNumber).ToArray() : [];
        if (kind == "array" && shape.Aggregate(1L, (a, d) => a * d) != numbers.Length)
            throw new FormatException($"an array of shape {FormatShape(shape)} needs {shape.Aggregate(1L, (a, d) => a * d)} numbers, not {numbers.Length}");
        if (kind is "number" or "bool" && numbers.Length != 1) throw new FormatException($"a {kind} holds exactly one number");
        return new ReportedValue { Kind = kind, Shape = shape, Numbers = numbers, Text = json["text"]?.GetValue<string>() };
    }

    /// <summary>A single number.</summary>
    public static ReportedValue Number(double x) => new() { Kind = "number", Numbers = [x] };

    /// <summary>An array of numbers with its shape.</summary>
    public static ReportedValue Array(int[] shape, double[] numbers) => new() { Kind = "array", Shape = shape, Numbers = numbers };

    static JsonNode NumberNode(double x) =>
        double.IsNaN(x) ? "NaN" : double.IsPositiveInfinity(x) ? "Infinity" : double.IsNegativeInfinity(x) ? "-Infinity" : JsonValue.Create(x);

    static double ReadNumber(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out double d) => d,
        JsonValue v when v.TryGetValue(out string? s) => double.Parse(s, CultureInfo.InvariantCulture),
        _ => throw new FormatException($"not a number: {node?.ToJsonString()}"),
    };

    public bool Equals(ReportedValue? other) =>
        other is not null && Kind == other.Kind && Text == other.Text && Shape.SequenceEqual(other.Shape) &&
        Numbers.Length == other.Numbers.Length && Numbers.Zip(other.Numbers).All(p => p.First.Equals(p.Second));

    public override int GetHashCode() => HashCode.Combine(Kind, Text, Shape.Length, Numbers.Length);
}
