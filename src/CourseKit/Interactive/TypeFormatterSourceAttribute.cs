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

    /// <summary>
    /// The formats a notebook writes for these types: HTML, which JupyterLab, Notebook and VS Code show, and plain text,
    /// which text-only front ends, <c>nbconvert --to markdown</c>, diffs and graders read (with HTML alone the kernel
    /// writes no text). The <c>coursekit</c> runner writes the same two.
    /// </summary>
    public string[]? PreferredMimeTypes { get; set; } = [Display.HtmlMimeType, Display.TextMimeType];
}
