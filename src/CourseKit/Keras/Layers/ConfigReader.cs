using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>
/// Reads a saved Keras config (a layer's, an initializer's, …) key by key with the defaults Keras uses, and at the end
/// rejects keys it did not read, so that a setting CourseKit does not support is an error rather than silently lost.
/// </summary>
internal sealed class ConfigReader(JsonObject config, string what)
{
    /// <summary>Keys Keras writes that change nothing here (the number type, where the class lives, saved build shapes).</summary>
    private static readonly HashSet<string> Bookkeeping = ["dtype", "module", "registered_name", "build_config", "compile_config"];

    private readonly HashSet<string> _read = [];

    /// <summary>What is being read, for messages: "Dense config".</summary>
    public string What { get; } = what;

    public bool Has(string key) => config[key] is not null;

    /// <summary>The raw value (null when absent), marking it read.</summary>
    public JsonNode? Node(string key)
    {
        _read.Add(key);
        return config[key];
    }

    public int Int(string key) => OptionalInt(key) ?? throw Missing(key, "an integer");

    public int Int(string key, int fallback) => OptionalInt(key) ?? fallback;

    public int? OptionalInt(string key) => Node(key) switch
    {
        null => null,
        var n when Number(n) is double d && d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue => (int)d,
        var n => throw Bad(key, n, "an integer"),
    };

    public float Float(string key) => Has(key) ? Float(key, 0f) : throw Missing(key, "a number");

    public float Float(string key, float fallback) => Node(key) switch
    {
        null => fallback,
        var n => Number(n) is double d ? (float)d : throw Bad(key, n, "a number"),
    };

    public bool Bool(string key, bool fallback) => Node(key) switch
    {
        null => fallback,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True,
        var n => throw Bad(key, n, "true or false"),
    };

    public string String(string key, string fallback) => OptionalString(key) ?? fallback;

    public string? OptionalString(string key) => Node(key) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var n => throw Bad(key, n, "a string"),
    };

    /// <summary>A list of integers; <c>null</c> entries (Keras's batch axis) are kept as −1 so the caller can drop them.</summary>
    public int[]? Ints(string key) => Node(key) switch
    {
        null => null,
        JsonArray a => a.Select(e => e is null ? -1 : Number(e) is double d && d == Math.Floor(d) ? (int)d : throw Bad(key, a, "a list of integers")).ToArray(),
        var n => throw Bad(key, n, "a list of integers"),
    };

    /// <summary>An integer n (meaning (n, n)) or a pair [h, w], as Keras stores kernel_size, strides and pool_size.</summary>
    public Size2D? Pair(string key) => Node(key) switch
    {
        null => null,
        JsonArray { Count: 2 } a when Number(a[0]) is double h && Number(a[1]) is double w => new Size2D((int)h, (int)w),
        var n when Number(n) is double d => (int)d,
        var n => throw Bad(key, n, "an integer or a pair of integers"),
    };

    /// <summary>Fails on keys not read, unless Keras writes them with a value that means "as CourseKit does anyway".</summary>
    public void Finish()
    {
        var unsupported = config
            .Where(p => !_read.Contains(p.Key) && !Bookkeeping.Contains(p.Key) && !IsKerasDefault(p.Key, p.Value))
            .Select(p => $"{p.Key} = {p.Value?.ToJsonString()}")
            .ToList();
        if (unsupported.Count > 0)
            throw new FormatException($"{What}: CourseKit does not support {string.Join(", ", unsupported)}. " +
                                      "Remove the setting (or set it to Keras's default) to load this config.");
    }

    /// <summary>Settings Keras saves that CourseKit has only one way of doing: absent (null) constraints and
    /// regularizers, channels-last images, no dilation, one group, no synchronisation across devices.</summary>
    private static bool IsKerasDefault(string key, JsonNode? value) => value is null || (key, value.ToJsonString().Replace(" ", "")) switch
    {
        ("data_format", "\"channels_last\"") => true,
        ("dilation_rate", "1" or "[1,1]") => true,
        ("groups", "1") => true,
        ("synchronized" or "sparse" or "ragged", "false") => true,
        _ => false,
    };

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? node.Deserialize<double>() : null;

    private FormatException Missing(string key, string kind) => new($"{What} needs \"{key}\" ({kind}).");

    private FormatException Bad(string key, JsonNode node, string kind) =>
        new($"{What}: \"{key}\" should be {kind}, got {node.ToJsonString()}.");
}
