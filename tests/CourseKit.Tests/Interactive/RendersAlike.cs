using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;

namespace CourseKit.Tests.Interactive;

/// <summary>Checks that .NET Interactive's own formatter finds CourseKit's formatters by convention and writes exactly
/// what <see cref="Display"/> writes.</summary>
internal static partial class RendersAlike
{
    /// <summary>Renders <paramref name="value"/> both ways in HTML and plain text, asserts they agree, and returns them.</summary>
    public static (string Html, string Text) Check(object value)
    {
        string html = Display.Html(value), text = Display.Text(value);
        Assert.Equal(WithoutPlotIds(html), WithoutPlotIds(Formatter.ToDisplayString(value, "text/html")));
        Assert.Equal(text, Formatter.ToDisplayString(value, "text/plain"));
        Assert.True(Display.HasView(value.GetType()), $"CourseKit has no view for {value.GetType().Name}");
        Assert.StartsWith("<", html.TrimStart());
        Assert.DoesNotContain("<style>", text);
        return (html, text);
    }

    /// <summary>Figures get a new element id each time they are rendered, and only the first of a session carries
    /// plotly.js; compare them without either.</summary>
    public static string WithoutPlotIds(string html) => PlotId().Replace(PlotlyBundle.WithoutDeliveryScripts(html, out _), "coursekit-plot-ID");

    [GeneratedRegex("coursekit-plot-[0-9a-f]{32}")]
    private static partial Regex PlotId();
}
