using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>
/// Reads the settings of a saved optimizer or schedule config (Keras's keys), with Keras's defaults for missing ones,
/// and remembers which keys were read so that <see cref="CheckAllRead"/> can reject settings CourseKit does not know.
/// </summary>
internal sealed class OptimizerConfigReader(JsonObject config, string what)
{
    /// <summary>Keras's base optimizer settings that CourseKit does not implement, with the value meaning "off".</summary>
    private static readonly string[] OffWhenNull =
        ["weight_decay", "global_clipnorm", "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps"];

    private readonly HashSet<string> _read = [];
    private readonly HashSet<string> _ignored = ["name", "module", "registered_name"];

    /// <summary>The number at <paramref name="key"/>, or <paramref name="fallback"/> when it is absent.</summary>
    public double Number(string key, double fallback) => OptionalNumber(key) ?? fallback;

    /// <summary>The number at <paramref name="key"/>; fails when it is absent.</summary>
    public double Number(string key) => OptionalNumber(key) ?? throw Fail($"lacks the setting \"{key}\"");

    /// <summary>The number at <paramref name="key"/>, or null when it is absent or null.</summary>
    public double? OptionalNumber(string key)
    {
        _read.Add(key);
        return config[key] switch
        {
            null => null,
            var node when node.GetValueKind() == JsonValueKind.Number => AsDouble(node),
            var node => throw Fail($"\"{key}\" should be a number, got {node.ToJsonString()}"),
        };
    }

    /// <summary>A whole number at <paramref name="key"/> (Keras writes steps as 1000 or 1000.0).</summary>
    public int WholeNumber(string key)
    {
        double value = Number(key);
        return value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue ? (int)value
            : throw Fail($"\"{key}\" should be a whole number, got {value}");
    }

    /// <summary>The numbers of the array at <paramref name="key"/>.</summary>
    public double[] Numbers(string key)
    {
        _read.Add(key);
        return config[key] is JsonArray array && array.All(n => n?.GetValueKind() == JsonValueKind.Number)
            ? array.Select(n => AsDouble(n!)).ToArray()
            : throw Fail($"\"{key}\" should be an array of numbers, got {config[key]?.ToJsonString() ?? "nothing"}");
    }

    /// <summary>The true/false at <paramref name="key"/>, or <paramref name="fallback"/> when it is absent.</summary>
    public bool Bool(string key, bool fallback)
    {
        _read.Add(key);
        return config[key] switch
        {
            null => fallback,
            var node when node.GetValueKind() is JsonValueKind.True or JsonValueKind.False => node.GetValueKind() == JsonValueKind.True,
            var node => throw Fail($"\"{key}\" should be true or false, got {node.ToJsonString()}"),
        };
    }

    /// <summary>"learning_rate": a number, or a schedule's config (<c>{"class_name": "ExponentialDecay", "config": {…}}</c>).</summary>
    public (double Rate, LearningRateSchedule? Schedule) LearningRate(double fallback)
    {
        _read.Add("learning_rate");
        return config["learning_rate"] switch
        {
            null => (fallback, null),
            JsonObject schedule => (0, LearningRateSchedule.FromConfig(schedule)),
            var node when node.GetValueKind() == JsonValueKind.Number => (AsDouble(node), null),
            var node => throw Fail($"\"learning_rate\" should be a number or a schedule, got {node.ToJsonString()}"),
        };
    }

    /// <summary>"clipnorm" and "clipvalue" (null when absent).</summary>
    public (double? ClipNorm, double? ClipValue) Clipping() => (OptionalNumber("clipnorm"), OptionalNumber("clipvalue"));

    /// <summary>
    /// Accepts Keras's base optimizer settings that CourseKit does not implement (weight decay, EMA, …) while they are off
    /// (null, or use_ema false), and fails naming the setting when one is on.
    /// </summary>
    public void AcceptUnimplementedSettingsWhenOff()
    {
        foreach (var key in OffWhenNull)
        {
            if (config[key] is not null)
                throw Fail($"sets \"{key}\" = {config[key]!.ToJsonString()}, which CourseKit's optimizers do not implement; remove it or set it to null");
            _ignored.Add(key);
        }
        if (config["use_ema"] is { } useEma && useEma.GetValueKind() != JsonValueKind.False)
            throw Fail($"sets \"use_ema\" = {useEma.ToJsonString()}, which CourseKit's optimizers do not implement; remove it or set it to false");
        _ignored.UnionWith(["use_ema", "ema_momentum"]); // ema_momentum only matters with use_ema
    }

    /// <summary>Fails on any key not read, naming it, so that a setting CourseKit does not know cannot silently change training.</summary>
    public void CheckAllRead()
    {
        var unknown = config.Select(p => p.Key).Where(k => !_read.Contains(k) && !_ignored.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw Fail($"has setting(s) CourseKit does not know: {string.Join(", ", unknown)}; the settings it knows here: {string.Join(", ", _read.Order())}");
    }

    /// <summary>The string in <paramref name="node"/>, or null when it is not a string.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    // A node may hold a parsed JSON number or a boxed float/double/int; its JSON text reads back the same in every case.
    private static double AsDouble(JsonNode node) => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private ArgumentException Fail(string message) => new($"{what} {message}.");
}
