using System.Text;
using System.Text.RegularExpressions;

namespace CourseKit;

/// <summary>
/// The plotly.js that draws CourseKit's figures and the one <c>&lt;script&gt;</c> element that brings it to a page.
/// The library is plotly.js's partial "cartesian" bundle, kept in <c>Plots/plotly.js/</c> and compiled in as an
/// embedded resource, so no chart waits for the internet. This file is part of the library and is linked into the
/// <c>coursekit</c> tool, which puts the same element in the head of the pages it exports.
/// </summary>
/// <remarks>
/// The element defines <c>window.Plotly</c> (unless the page has one already) and then fires <see cref="ReadyEvent"/>
/// on <c>window</c>; a figure's script draws at once when <c>window.Plotly</c> exists and otherwise waits for the
/// event, so notebook outputs may run in any order. plotly.js registers itself with an AMD loader instead of setting
/// <c>window.Plotly</c> when it sees one (the classic notebook has RequireJS), so the bundle runs with
/// <c>define</c>, <c>module</c> and <c>exports</c> hidden.
/// </remarks>
internal static partial class PlotlyBundle
{
    /// <summary>The plotly.js version carried (the header of the vendored file says the same; a test checks).</summary>
    public const string Version = "2.35.2";

    /// <summary>The name of the embedded resource holding <c>plotly-cartesian.min.js</c>.</summary>
    public const string ResourceName = "CourseKit.Plots.plotly-cartesian.min.js";

    /// <summary>The environment variable that may name another plotly.js file to use instead of the carried one.</summary>
    public const string EnvironmentVariable = "COURSEKIT_PLOTLY_JS";

    /// <summary>The event fired on <c>window</c> once <c>window.Plotly</c> is there.</summary>
    public const string ReadyEvent = "coursekit-plotly-ready";

    /// <summary>The class of the element every figure is drawn in (it holds the static picture until plotly.js runs).</summary>
    public const string FigureClass = "coursekit-plot";

    private static readonly Lazy<string> deliveryScript =
        new(() => Deliver(Library(Environment.GetEnvironmentVariable(EnvironmentVariable), out var origin), origin));

    /// <summary>
    /// The <c>&lt;script data-coursekit="plotly.js …"&gt;</c> element with the whole library inline (about 1.4 MB):
    /// the carried bundle, or the file named by <c>COURSEKIT_PLOTLY_JS</c> when that is set.
    /// </summary>
    public static string DeliveryScript => deliveryScript.Value;

    /// <summary>The carried bundle's JavaScript, exactly as published.</summary>
    public static string CarriedLibrary()
    {
        using var stream = typeof(PlotlyBundle).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The plotly.js resource '{ResourceName}' is missing from {typeof(PlotlyBundle).Assembly.GetName().Name}: rebuild it from a complete checkout.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary><paramref name="html"/> without the delivery elements in it (a page that puts one in its head calls this
    /// on its body); <paramref name="removed"/> tells whether there were any.</summary>
    public static string WithoutDeliveryScripts(string html, out bool removed)
    {
        var stripped = DeliveryElement().Replace(html, "");
        removed = stripped.Length != html.Length;
        return stripped;
    }

    /// <summary>Whether <paramref name="html"/> holds a CourseKit figure.</summary>
    public static bool HasFigure(string html) => html.Contains($"class=\"{FigureClass}\"", StringComparison.Ordinal);

    /// <summary>The library to deliver: the file at <paramref name="configuredPath"/> (what <c>COURSEKIT_PLOTLY_JS</c>
    /// says) when given, else the carried bundle; <paramref name="origin"/> names it for the element's marker.</summary>
    internal static string Library(string? configuredPath, out string origin)
    {
        if (!string.IsNullOrEmpty(configuredPath))
        {
            if (!File.Exists(configuredPath))
                throw new FileNotFoundException($"{EnvironmentVariable} names '{configuredPath}', which does not exist. Point it at a plotly.js file " +
                    $"(such as the full plotly.min.js), or unset it to use the plotly.js {Version} CourseKit carries.", configuredPath);
            origin = $"plotly.js from {System.Net.WebUtility.HtmlEncode(Path.GetFileName(configuredPath))}";
            return File.ReadAllText(configuredPath);
        }
        origin = $"plotly.js {Version}";
        return CarriedLibrary();
    }

    /// <summary>The delivery element for <paramref name="library"/>, marked <c>data-coursekit="<paramref name="origin"/>"</c>.</summary>
    internal static string Deliver(string library, string origin) => new StringBuilder(library.Length + 600)
        .Append("<script data-coursekit=\"").Append(origin).Append("\">\n")
        .Append("/* plotly.js (MIT licence, (c) Plotly, Inc.), brought by CourseKit: defines window.Plotly unless the page has it,\n")
        .Append("   then tells the figures waiting for it. define/module/exports are hidden so that plotly.js sets window.Plotly. */\n")
        .Append("(function (define, module, exports) {\nif (window.Plotly) return;\n")
        // "</script" inside the library would end the element early; "<\/script" means the same to JavaScript.
        .Append(library.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase))
        .Append("\n})();\nwindow.dispatchEvent(new Event('").Append(ReadyEvent).Append("'));\n</script>")
        .ToString();

    [GeneratedRegex("<script data-coursekit=\"plotly\\.js[^\"]*\">.*?</script>\\n?", RegexOptions.Singleline)]
    private static partial Regex DeliveryElement();
}
