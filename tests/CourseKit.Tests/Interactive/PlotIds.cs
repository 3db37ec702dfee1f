using System.Text.RegularExpressions;

namespace CourseKit.Tests.Interactive;

/// <summary>Figures get a new element id each time they are rendered, and only the first figure of a session carries
/// plotly.js; two renderings are compared without either. (Also compiled into CourseKit.Kernel.Tests.)</summary>
internal static partial class PlotIds
{
    public static string Removed(string html) => PlotId().Replace(PlotlyBundle.WithoutDeliveryScripts(html, out _), "coursekit-plot-ID");

    [GeneratedRegex("coursekit-plot-[0-9a-f]{32}")]
    private static partial Regex PlotId();
}
