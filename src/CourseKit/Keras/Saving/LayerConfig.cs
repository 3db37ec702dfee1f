using System.Text.Json.Nodes;

namespace CourseKit;

/// <summary>A layer as saved in a model file: <c>{"class_name": "Dense", "config": {…Keras's settings…}}</c>.</summary>
internal static class LayerConfig
{
    public static Dictionary<string, object?> Of(Layer layer) =>
        new() { ["class_name"] = LayerRegistry.ClassName(layer), ["config"] = layer.GetConfig() };

    /// <summary>Recreates a layer from its saved form; anything it cannot use is reported against the file.</summary>
    public static Layer Create(JsonObject saved, string source)
    {
        string className = saved["class_name"]?.GetValue<string>() ?? throw new DataFormatException(source, "a layer entry has no class_name.");
        var config = saved["config"] as JsonObject ?? throw new DataFormatException(source, $"layer entry of class {className} has no config.");
        try { return LayerRegistry.FromConfig(className, config); }
        catch (Exception e) when (e is FormatException or ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            throw new DataFormatException(source, $"cannot recreate a {className} layer from its config: {e.Message}", e);
        }
    }
}
