using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Tests;

public class FormatterTests
{
    [Fact]
    public void Convention_formatter_on_an_interface_gives_the_html()
    {
        var data = ValueFormatter.Format(new Greeting("Ada"));

        Assert.Equal("<b class=\"greeting\">Hello, Ada!</b>", data["text/html"]!.GetValue<string>());
        Assert.Equal("Greeting(Ada)", data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Without_a_formatter_the_value_is_escaped_text_in_a_pre()
    {
        var data = ValueFormatter.Format(new Uri("https://example.org/?a=<b>&c"));

        Assert.Equal("<pre>https://example.org/?a=&lt;b&gt;&amp;c</pre>", data["text/html"]!.GetValue<string>());
        Assert.Equal("https://example.org/?a=<b>&c", data["text/plain"]!.GetValue<string>());
        Assert.Equal("<null>", ValueFormatter.Format(null)["text/plain"]!.GetValue<string>());
    }

    /// <summary>The kernel shows a string as text/plain alone (no HTML), displayed or returned; so does coursekit.</summary>
    [Fact]
    public void A_string_is_plain_text_only_as_in_the_kernel()
    {
        var data = ValueFormatter.Format("<tag> & more");

        Assert.Equal(["text/plain"], data.Select(kv => kv.Key));
        Assert.Equal("<tag> & more", data["text/plain"]!.GetValue<string>());
    }
}
