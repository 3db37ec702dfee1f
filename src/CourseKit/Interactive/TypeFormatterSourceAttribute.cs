namespace CourseKit;

/// <summary>
/// Tells .NET Interactive (Polyglot notebooks) where to find the formatters of the type it is put on. The kernel looks
/// for an attribute with exactly this name, by convention, so CourseKit needs no reference to any notebook package: on a
/// plain console the attribute is simply never read.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>The class whose <c>CreateTypeFormatters()</c> returns the formatters.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The formats a notebook should ask for first (HTML for everything CourseKit draws).</summary>
    public string[]? PreferredMimeTypes { get; set; } = [Display.HtmlMimeType];
}
