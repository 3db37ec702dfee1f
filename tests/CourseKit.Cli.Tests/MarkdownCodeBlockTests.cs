using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Cli.Html;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Tests;

/// <summary>A fenced code block in a markdown cell ("Spot the error" in notebook 11) looks like a code cell on the exported
/// page: the same grey box with border and padding, scrolling sideways for long lines.</summary>
public class MarkdownCodeBlockTests
{
    private static string Page(string markdown)
    {
        var cells = new JsonArray
        {
            new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = markdown },
            new JsonObject { ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["execution_count"] = 1, ["source"] = "var x = 1;", ["outputs"] = new JsonArray() },
        };
        var json = new JsonObject { ["nbformat"] = 4, ["nbformat_minor"] = 5, ["metadata"] = new JsonObject(), ["cells"] = cells };
        return HtmlExporter.Export(NotebookReader.ParseIpynb("t.ipynb", json.ToJsonString()), TestNotebooks.NewFolder());
    }

    /// <summary>The selectors of the page's CSS rule that gives code cells (<c>.source</c>) their box.</summary>
    private static string[] SelectorsOfCodeCellRule(string page)
    {
        string style = Regex.Match(page, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var rule = Regex.Matches(style, @"([^{}]+)\{([^}]*)\}").Single(m => m.Groups[1].Value.Split(',').Any(s => s.Trim() == ".source"));
        Assert.Contains("background: #f6f8fa", rule.Groups[2].Value);
        Assert.Contains("border: 1px solid #d0d7de", rule.Groups[2].Value);
        Assert.Contains("overflow-x: auto", rule.Groups[2].Value);
        return rule.Groups[1].Value.Split(',').Select(s => s.Trim()).ToArray();
    }

    [Fact]
    public void Fenced_code_in_markdown_is_styled_like_a_code_cell()
    {
        string page = Page("Spot the error:\n\n```csharp\nvar model = new Model(inputs, outputs);\n```\n");
        Assert.Contains("<div class=\"markdown\"><p>Spot the error:</p>\n<pre><code class=\"language-csharp\">var model = new Model(inputs, outputs);\n</code></pre>", page);
        Assert.Equal(new[] { ".source", ".markdown pre" }, SelectorsOfCodeCellRule(page));
        // The code cell itself keeps its look.
        Assert.Contains("<pre class=\"source\"><code class=\"language-csharp\">var x = 1;</code></pre>", page);
    }
}
