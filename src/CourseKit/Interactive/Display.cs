using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// Renders CourseKit objects the way a notebook shows them, without a notebook: <c>Display.Html(model)</c> gives the
/// HTML of the summary table, <c>Display.Text(model)</c> the plain text. Used by the <c>coursekit</c> runner to write
/// outputs, and handy for saving a tensor or a figure as part of a web page.
/// </summary>
public static class Display
{
    /// <summary>The MIME type of HTML output.</summary>
    public const string HtmlMimeType = "text/html";

    /// <summary>The MIME type of plain-text output.</summary>
    public const string TextMimeType = "text/plain";

    /// <summary>
    /// The HTML fragment a notebook shows for <paramref name="value"/>. CourseKit's types (tensors, models, histories,
    /// datasets, tables, figures, …) get their own view; anything else is its <c>ToString()</c> in a <c>pre</c> block.
    /// </summary>
    public static string Html(object? value) => Render(value, HtmlMimeType) ?? Interactive.Html.Pre(value?.ToString() ?? "null");

    /// <summary>The plain text a notebook shows for <paramref name="value"/> (for most types, its <c>ToString()</c>).</summary>
    public static string Text(object? value) => Render(value, TextMimeType) ?? value?.ToString() ?? "null";

    /// <summary>Whether CourseKit has its own notebook view for objects of <paramref name="type"/>.</summary>
    public static bool HasView(Type type) => CourseKitFormatterSource.Find(type, HtmlMimeType) is not null;

    private static string? Render(object? value, string mimeType)
    {
        if (value is null || CourseKitFormatterSource.Find(value.GetType(), mimeType) is not { } formatter) return null;
        using var writer = new StringWriter();
        formatter.Format(value, writer);
        return writer.ToString();
    }
}
