using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>
/// Reads a saved Keras config (a layer's, an initializer's, a loss's, an optimizer's, …) key by key, with the defaults
/// Keras uses for missing keys, and at the end (<see cref="CheckAllRead"/>) rejects the keys it did not read, so that a
/// setting CourseKit does not have is an error rather than silently lost. Each family chooses its exception with
/// <c>error</c>: layers fail with <see cref="FormatException"/> (a problem of the file), losses and optimizers with
/// <see cref="ArgumentException"/> (a bad argument to their FromConfig).
/// </summary>
internal sealed class ConfigReader(JsonObject config, string what, Func<string, Exception> error)
{
    /// <summary>Keys Keras writes that change nothing here: the object's name (a layer reads its own), the number type,
    /// where the class lives, saved build and compile settings.</summary>
    private static readonly HashSet<string> Bookkeeping = ["name", "dtype", "module", "registered_name", "build_config", "compile_config"];

    /// <summary>Settings Keras saves that CourseKit has only one way of doing, with the values (compact JSON) that mean
    /// that way: channels-last images, no dilation, one group, no synchronisation across devices, dense tensors.</summary>
    private static readonly Dictionary<string, string[]> KerasDefaults = new()
    {
        ["data_format"] = ["\"channels_last\""],
        ["dilation_rate"] = ["1", "[1,1]"],
        ["groups"] = ["1"],
        ["synchronized"] = ["false"],
        ["sparse"] = ["false"],
        ["ragged"] = ["false"],
    };

    private readonly HashSet<string> _read = [];
    private readonly HashSet<string> _ignored = [];

    /// <summary>What is being read, for messages: "Dense config", "The config of optimizer \"adam\"".</summary>
    public string What { get; } = what;

    public bool Has(string key) => config[key] is not null;

    /// <summary>The raw value (null when absent or null), marking it read.</summary>
    public JsonNode? Node(string key)
    {
        _read.Add(key);
        return config[key];
    }

    /// <summary>Accepts <paramref name="keys"/> without reading them (settings that mean nothing here), without
    /// listing them among the settings CourseKit knows.</summary>
    public void Ignore(params string[] keys) => _ignored.UnionWith(keys);

    public double Number(string key) => OptionalNumber(key) ?? throw Missing(key, "a number");

    public double Number(string key, double fallback) => OptionalNumber(key) ?? fallback;

    public double? OptionalNumber(string key) => Node(key) switch
    {
        null => null,
        var n => AsNumber(n) ?? throw Bad(key, n, "a number"),
    };

    public float Float(string key) => (float)Number(key);

    public float Float(string key, float fallback) => (float)Number(key, fallback);

    /// <summary>A whole number (Keras may write steps as 1000 or 1000.0).</summary>
    public int Int(string key) => OptionalInt(key) ?? throw Missing(key, "an integer");

    public int Int(string key, int fallback) => OptionalInt(key) ?? fallback;

    public int? OptionalInt(string key) => Node(key) switch
    {
        null => null,
        var n => AsInt(n) ?? throw Bad(key, n, "an integer"),
    };

    public bool Bool(string key, bool fallback) => Node(key) switch
    {
        null => fallback,
        var n when n.GetValueKind() is JsonValueKind.True or JsonValueKind.False => n.GetValueKind() == JsonValueKind.True,
        var n => throw Bad(key, n, "true or false"),
    };

    public string String(string key, string fallback) => OptionalString(key) ?? fallback;

    public string? OptionalString(string key) => Node(key) switch
    {
        null => null,
        var n => Text(n) ?? throw Bad(key, n, "a string"),
    };

    /// <summary>A list of integers; <c>null</c> entries (Keras's batch axis) are kept as −1 so the caller can drop them.</summary>
    public int[]? Ints(string key) => Node(key) switch
    {
        null => null,
        JsonArray a => a.Select(e => e is null ? -1 : AsInt(e) ?? throw Bad(key, a, "a list of integers")).ToArray(),
        var n => throw Bad(key, n, "a list of integers"),
    };

    /// <summary>A list of numbers; fails when it is absent.</summary>
    public double[] Numbers(string key) => Node(key) switch
    {
        null => throw Missing(key, "a list of numbers"),
        JsonArray a => a.Select(e => AsNumber(e) ?? throw Bad(key, a, "a list of numbers")).ToArray(),
        var n => throw Bad(key, n, "a list of numbers"),
    };

    /// <summary>
    /// Fails on the keys not read: first on Keras settings CourseKit has only one way of doing, when they say another
    /// (dilation_rate = [2,2]), then on keys it does not know, listing the ones it does. Bookkeeping keys and keys
    /// holding null (Keras's "not set") are accepted.
    /// </summary>
    public void CheckAllRead()
    {
        var left = config.Where(p => p.Value is not null && !_read.Contains(p.Key) && !_ignored.Contains(p.Key) && !Bookkeeping.Contains(p.Key)).ToList();
        var unsupported = left
            .Where(p => KerasDefaults.TryGetValue(p.Key, out var defaults) && !defaults.Contains(p.Value!.ToJsonString().Replace(" ", "")))
            .Select(p => $"{p.Key} = {p.Value!.ToJsonString()}")
            .ToList();
        if (unsupported.Count > 0)
            throw Fail($"{What}: CourseKit does not support {string.Join(", ", unsupported)}. " +
                       "Remove the setting (or set it to Keras's default) to load this config.");
        var unknown = left.Select(p => p.Key).Where(k => !KerasDefaults.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
            throw Fail($"{What} has setting(s) CourseKit does not know: {string.Join(", ", unknown)}; " +
                       $"the settings it knows here: {string.Join(", ", _read.Order())}.");
    }

    /// <summary>The family's exception with <paramref name="message"/>, for checks of its own.</summary>
    public Exception Fail(string message) => error(message);

    /// <summary>"key" holds a value of the wrong kind.</summary>
    public Exception Bad(string key, JsonNode node, string kind) => Fail($"{What}: \"{key}\" should be {kind}, got {node.ToJsonString()}.");

    private Exception Missing(string key, string kind) => Fail($"{What} needs \"{key}\" ({kind}).");

    /// <summary>
    /// What a FromConfig takes: the object's own config (<c>{"name": "adam", …}</c>), or Keras's serialized form
    /// (<c>{"class_name": "Adam", "config": {…}}</c>), unwrapped here. Returns the name ("class_name", else "name") and the
    /// settings; <paramref name="kind"/> ("Loss", "Optimizer") is for the message when "config" is not an object.
    /// </summary>
    public static (string? Name, JsonObject Settings) Unwrap(JsonObject config, string kind)
    {
        if (config["class_name"] is null) return (Text(config["name"]), config);
        string? name = Text(config["class_name"]);
        return (name, config["config"] as JsonObject ?? throw new ArgumentException(
            $"{kind} config for \"{name}\": \"config\" should be an object with the {kind.ToLowerInvariant()}'s settings, " +
            $"got {config["config"]?.ToJsonString() ?? "nothing"}.", nameof(config)));
    }

    /// <summary>The string in <paramref name="node"/>, or null when it is not a string.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>The number in <paramref name="node"/>, or null when it is not a number.</summary>
    // A node may hold a parsed JSON number or a boxed float/double/int; its JSON text reads back the same in every case.
    public static double? AsNumber(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    private static int? AsInt(JsonNode node) =>
        AsNumber(node) is double d && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;
}
