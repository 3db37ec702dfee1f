namespace CourseKit.Cli.Tests;

// A library's formatters, declared by .NET Interactive's convention and nothing else: an attribute named
// TypeFormatterSourceAttribute (in the library's own namespace) on an interface the displayed type implements.

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;
}

[TypeFormatterSource(typeof(GreetingFormatterSource))]
public interface IGreeting { string Name { get; } }

public sealed class Greeting(string name) : IGreeting
{
    public string Name { get; } = name;
    public override string ToString() => $"Greeting({Name})";
}

public sealed class GreetingFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new GreetingHtmlFormatter()];
}

public sealed class GreetingHtmlFormatter
{
    public string MimeType => "text/html";
    public Type Type => typeof(IGreeting);

    public bool Format(object value, TextWriter writer)
    {
        writer.Write($"<b class=\"greeting\">Hello, {((IGreeting)value).Name}!</b>");
        return true;
    }
}
