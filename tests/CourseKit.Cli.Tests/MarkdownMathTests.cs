using System.Text.Json.Nodes;
using CourseKit.Cli.Html;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Tests;

/// <summary>Exported pages typeset markdown math as MathML: no KaTeX, no script, no CDN.</summary>
public class MarkdownMathTests
{
    // A page of one markdown cell (and, when given, one text/markdown output).
    private static string Page(string markdown, string? markdownOutput = null)
    {
        var cells = new JsonArray { new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = markdown } };
        if (markdownOutput is not null)
            cells.Add(new JsonObject
            {
                ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["execution_count"] = 1, ["source"] = "Show()",
                ["outputs"] = new JsonArray { new JsonObject
                {
                    ["output_type"] = "display_data", ["metadata"] = new JsonObject(),
                    ["data"] = new JsonObject { ["text/markdown"] = markdownOutput },
                } },
            });
        var json = new JsonObject { ["nbformat"] = 4, ["nbformat_minor"] = 5, ["metadata"] = new JsonObject(), ["cells"] = cells };
        return HtmlExporter.Export(NotebookReader.ParseIpynb("t.ipynb", json.ToJsonString()), TestNotebooks.NewFolder());
    }

    [Fact]
    public void Dollar_math_becomes_MathML_inline_and_display()
    {
        string page = Page("The loss $L = (y - \\hat y)^2$ and\n\n$$\n\\sum_{i=1}^{n} x_i\n$$\n");
        Assert.Contains("<p>The loss " + TexToMathMl.Convert("L = (y - \\hat y)^2", display: false) + " and</p>", page);
        Assert.Contains(TexToMathMl.Convert("\\sum_{i=1}^{n} x_i", display: true), page);
        Assert.Contains("<munderover><mo>∑</mo><mrow><mi>i</mi><mo lspace=\"0\" rspace=\"0\">=</mo><mn>1</mn></mrow><mi>n</mi></munderover>", page);
        Assert.DoesNotContain("class=\"math\"", page);
    }

    [Fact]
    public void Bracket_delimiters_are_math_too_and_dollars_in_code_or_prices_stay_text()
    {
        string page = Page("inline \\(a+b\\), display \\[c^2\\], `$x$` in code, costs $5 and $6, and \\(unclosed");
        Assert.Contains("inline " + TexToMathMl.Convert("a+b", display: false) + ", display " + TexToMathMl.Convert("c^2", display: true), page);
        Assert.Contains("<code>$x$</code>", page);
        Assert.Contains("costs $5 and $6, and (unclosed", page);
    }

    [Fact]
    public void Math_in_a_markdown_output_is_typeset_and_the_page_loads_nothing()
    {
        string page = Page("# Title", markdownOutput: "$$\\frac{1}{1+e^{-z}}$$");
        Assert.Contains("<math display=\"block\"><semantics><mrow><mfrac><mn>1</mn>", page);
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("<link", page);
        Assert.DoesNotContain("katex", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", page);
    }
}
