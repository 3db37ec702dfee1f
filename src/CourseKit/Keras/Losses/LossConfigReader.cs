using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>
/// Reads a saved loss config (Keras's keys, with Keras's defaults for missing ones) and rejects settings CourseKit does
/// not implement, so that a loaded model cannot silently train with a different loss.
/// </summary>
internal sealed class LossConfigReader(JsonObject config, string what)
{
    private readonly HashSet<string> _read = ["name", "dtype"]; // Keras 3 may store a dtype policy; losses compute in float32

    /// <summary>The number at <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
    public double Number(string key, double fallback)
    {
        _read.Add(key);
        return config[key] switch
        {
            null => fallback,
            var node when node.GetValueKind() == JsonValueKind.Number =>
                double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            var node => throw Fail($"\"{key}\" should be a number, got {node.ToJsonString()}"),
        };
    }

    /// <summary>The true/false at <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
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

    /// <summary>Keras's "axis" of the cross-entropies: only the last axis (−1) is supported.</summary>
    public void LastAxisOnly()
    {
        if (Number("axis", -1) != -1)
            throw Fail($"sets \"axis\" = {config["axis"]!.ToJsonString()}; CourseKit's cross-entropies work over the last axis (-1) only");
    }

    /// <summary>Keras's "ignore_class" of sparse categorical cross-entropy: only null (no class ignored) is supported.</summary>
    public void NoIgnoredClass()
    {
        _read.Add("ignore_class");
        if (config["ignore_class"] is { } node)
            throw Fail($"sets \"ignore_class\" = {node.ToJsonString()}, which CourseKit does not implement; remove it or set it to null");
    }

    /// <summary>Fails on a reduction other than Keras's default, and on any key not read.</summary>
    public void CheckAllRead()
    {
        _read.Add("reduction");
        if (config["reduction"] is { } reduction &&
            !(reduction is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "sum_over_batch_size"))
            throw Fail($"sets \"reduction\" = {reduction.ToJsonString()}; CourseKit's losses reduce as Keras's default \"sum_over_batch_size\" " +
                       "(the mean over the batch) only");
        var unknown = config.Select(p => p.Key).Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw Fail($"has setting(s) CourseKit does not know: {string.Join(", ", unknown)}; known here: {string.Join(", ", _read.Order())}");
    }

    private ArgumentException Fail(string message) => new($"{what} {message}.", "config");
}
