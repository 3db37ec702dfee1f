using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Cli.Html;
using CourseKit.Cli.Notebooks;
using CourseKit.Testing;

namespace CourseKit.Cli.Tests;

/// <summary>plotly.js in exported pages: carried by the tool, once per page, in the head, only where a figure is.</summary>
public class ExportedPlotlyTests
{
    /// <summary>A figure's output as the library writes it (the static picture stands in for a real one).</summary>
    const string Figure = "<div id=\"coursekit-plot-1\" class=\"coursekit-plot\" style=\"width:100%;\"><svg><path d=\"M0 0L1 1\"/></svg></div>\n"
                          + "<script type=\"text/javascript\">drawFigure();</script>";

    static Notebook NotebookWith(params string[] htmlOutputs)
    {
        var notebook = new Notebook { Path = "lesson.ipynb" };
        notebook.Cells.Add(new Cell { Id = "m", Kind = CellKind.Markdown, Source = "# Charts" });
        foreach (var (html, i) in htmlOutputs.Select((h, i) => (h, i)))
        {
            var cell = new Cell { Id = $"c{i}", Kind = CellKind.Code, Language = "csharp", Source = $"figure{i}", ExecutionCount = i + 1 };
            cell.Outputs.Add(new JsonObject
            {
                ["output_type"] = "display_data", ["metadata"] = new JsonObject(),
                ["data"] = new JsonObject { ["text/html"] = html, ["text/plain"] = "Figure" },
            });
            notebook.Cells.Add(cell);
        }
        return notebook;
    }

    static int Copies(string page) => Regex.Matches(page, "<script data-coursekit=\"plotly\\.js").Count;

    [Fact]
    public void Copies_that_outputs_carried_leave_the_body_and_one_goes_in_the_head()
    {
        // Two kernel sessions wrote this notebook (a cell re-run after a restart): two outputs carry plotly.js.
        var page = HtmlExporter.Export(NotebookWith(PlotlyBundle.DeliveryScript + "\n" + Figure, Figure, PlotlyBundle.DeliveryScript + "\n" + Figure), TestNotebooks.NewFolder());

        Assert.Equal(1, Copies(page));
        Assert.Single(Regex.Matches(page, Regex.Escape("plotly.js (cartesian - minified) v2.35.2")));
        int head = page.IndexOf("</head>", StringComparison.Ordinal);
        Assert.True(page.IndexOf("data-coursekit", StringComparison.Ordinal) < head, "plotly.js is in the head");
        Assert.Equal(3, Regex.Matches(page[head..], Regex.Escape(Figure)).Count); // every figure kept, with its picture
        Assert.Empty(WebReferences.In(page));
    }

    [Fact]
    public void A_figure_whose_carrying_output_was_cleared_still_gets_plotly()
    {
        var page = HtmlExporter.Export(NotebookWith(Figure), TestNotebooks.NewFolder());
        Assert.Equal(1, Copies(page));
        Assert.Contains(PlotlyBundle.DeliveryScript, page);
    }

    [Fact]
    public void A_page_without_figures_carries_no_plotly()
    {
        var page = HtmlExporter.Export(NotebookWith("<p>plotly is a chart library</p>", "<table><tr><td>1</td></tr></table>"), TestNotebooks.NewFolder());
        Assert.Equal(0, Copies(page));
        Assert.DoesNotContain("Plotly", page);
    }
}
