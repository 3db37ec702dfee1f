using System.Text.Json;

namespace CourseKit.Tests.Plots;

internal static class PlotTestHelpers
{
    /// <summary>The figure's JSON, parsed (cloned so the document can be disposed).</summary>
    public static JsonElement Json(this Figure figure)
    {
        using var document = JsonDocument.Parse(figure.ToJson());
        return document.RootElement.Clone();
    }

    public static JsonElement Trace(this Figure figure, int index) => figure.Json().GetProperty("data")[index];

    public static double[] Numbers(this JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static string[] Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static string[] PropertyNames(this JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
