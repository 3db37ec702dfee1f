using CourseKit.Testing;

namespace CourseKit.Cli.Tests;

/// <summary>The browser helper's two promises, each shown able to fail: scripts really are off, and a request for
/// the web really is seen.</summary>
public class HeadlessChromiumTests
{
    static string Page(string html)
    {
        var page = Path.Combine(TestNotebooks.NewFolder(), "page.html");
        File.WriteAllText(page, html);
        return page;
    }

    [SkippableFact]
    public async Task With_JavaScript_off_the_page_keeps_what_its_html_says()
    {
        Skip.IfNot(HeadlessChromium.IsInstalled, "Debian's chromium is not installed (./test.sh installs it)");
        var page = Page("<p id=\"p\">as written</p><script>document.getElementById('p').textContent = 'changed by a script';</script>");

        var on = await new HeadlessChromium().DumpDomAsync(page);
        var off = await new HeadlessChromium { JavaScript = false }.DumpDomAsync(page);

        Assert.Contains("<p id=\"p\">changed by a script</p>", on.Output);
        Assert.Contains("<p id=\"p\">as written</p>", off.Output);
    }

    [SkippableFact]
    public async Task A_request_for_the_web_is_seen_even_though_the_network_is_off()
    {
        Skip.IfNot(HeadlessChromium.IsInstalled, "Debian's chromium is not installed (./test.sh installs it)");
        var page = Page("<script src=\"https://cdn.example.org/lib.js\"></script><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"><p>hi</p>");

        var visit = await new HeadlessChromium().DumpDomAsync(page);

        Assert.Equal(["https://cdn.example.org/lib.js"], visit.RequestsOffTheMachine);
    }
}
