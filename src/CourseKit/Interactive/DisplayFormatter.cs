namespace CourseKit;

/// <summary>
/// One way to show one type in one format (a MIME type such as <c>text/html</c>). It has the shape .NET Interactive
/// expects of a convention-based formatter: <see cref="MimeType"/>, <see cref="Type"/> and <see cref="Format"/>.
/// </summary>
internal sealed class DisplayFormatter(Type type, string mimeType, Func<object, string> render)
{
    /// <summary>The format written, e.g. <c>text/html</c> or <c>text/plain</c>.</summary>
    public string MimeType { get; } = mimeType;

    /// <summary>The type (or base type) of the objects this formatter shows.</summary>
    public Type Type { get; } = type;

    /// <summary>Writes <paramref name="instance"/> in <see cref="MimeType"/>; false if it is not a <see cref="Type"/>.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        if (instance is null || !Type.IsInstanceOfType(instance)) return false;
        writer.Write(render(instance));
        return true;
    }

    /// <summary>The HTML and the plain-text formatter of <typeparamref name="T"/>.</summary>
    public static IEnumerable<DisplayFormatter> For<T>(Func<T, string> html, Func<T, string> text) =>
    [
        new(typeof(T), Display.HtmlMimeType, o => html((T)o)),
        new(typeof(T), Display.TextMimeType, o => text((T)o)),
    ];
}
