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
        var data = ValueFormatter.Format("<tag> & more");

        Assert.Equal("<pre>&lt;tag&gt; &amp; more</pre>", data["text/html"]!.GetValue<string>());
        Assert.Equal("<tag> & more", data["text/plain"]!.GetValue<string>());
        Assert.Equal("<null>", ValueFormatter.Format(null)["text/plain"]!.GetValue<string>());
    }
}
