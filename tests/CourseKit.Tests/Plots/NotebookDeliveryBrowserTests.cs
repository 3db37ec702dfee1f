using System.Text.Json;
using System.Text.RegularExpressions;
using CourseKit.Testing;

namespace CourseKit.Tests.Plots;

/// <summary>
/// Two figures of one kernel session shown in headless Chromium the way notebook front ends insert outputs: each
/// output's HTML set as <c>innerHTML</c> of its own element and its scripts re-created so that they run (what
/// JupyterLab, Notebook 7 and VS Code do), in any order, with or without an AMD loader on the page (the classic
/// notebook has RequireJS). The network is off throughout.
/// </summary>
public class NotebookDeliveryBrowserTests
{
    /// <summary>Outputs in the session's order: the first carries plotly.js, the second does not.</summary>
    private static string[] SessionOutputs()
    {
        var session = new PlotlyDelivery();
        var line = new Figure(new Scatter { X = new[] { 1.0, 2, 3 }, Y = new[] { 2.0, 4, 8 }, Mode = "lines+markers" });
        line.Layout.Title = "first figure";
        var heat = new Figure(new Heatmap { Z = new[] { new[] { 1.0, 2 }, new[] { 3.0, 4 } } });
        heat.Layout.Title = "second figure";
        return [line.ToHtml(PlotlySource.Notebook, null, session), heat.ToHtml(PlotlySource.Notebook, null, session)];
    }

    /// <summary>A page that renders <paramref name="outputs"/> in the order <paramref name="order"/>, with a stand-in
    /// for RequireJS's <c>define</c> that records every call when <paramref name="amdLoader"/>.</summary>
    private static string NotebookPage(string[] outputs, int[] order, bool amdLoader)
    {
        var folder = Directory.CreateTempSubdirectory("coursekit-delivery-").FullName;
        var page = Path.Combine(folder, "notebook.html");
        var amd = amdLoader
            ? "<script>window.amdCalls = 0; window.define = function () { window.amdCalls++; }; window.define.amd = {};</script>"
            : "";
        File.WriteAllText(page, $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8">{{amd}}</head><body><main id="notebook"></main>
            <script>
            var outputs = {{JsonSerializer.Serialize(outputs)}};
            {{JsonSerializer.Serialize(order)}}.forEach(function (i) {
              var area = document.createElement('div');
              area.className = 'output-area';
              document.getElementById('notebook').appendChild(area);
              area.innerHTML = outputs[i];
              Array.from(area.getElementsByTagName('script')).forEach(function (old) {
                var script = document.createElement('script');
                Array.from(old.attributes).forEach(function (a) { script.setAttribute(a.name, a.value); });
                script.textContent = old.textContent;
                old.parentNode.replaceChild(script, old);
              });
            });
            document.body.setAttribute('data-amd-calls', String(window.amdCalls));
            document.body.setAttribute('data-plotly', window.Plotly ? window.Plotly.version : 'none');
            </script></body></html>
            """);
        return page;
    }

    private static int Drawn(string dom) => Regex.Matches(dom, "class=\"[^\"]*js-plotly-plot").Count;

    [SkippableTheory]
    [InlineData(false, new[] { 0, 1 })] // JupyterLab, Notebook 7, VS Code: in order
    [InlineData(false, new[] { 1, 0 })] // … or the later figure first (outputs come in as they please)
    [InlineData(true, new[] { 0, 1 })]  // the classic notebook, with RequireJS on the page
    [InlineData(true, new[] { 1, 0 })]
    public async Task Both_figures_draw_offline_whatever_the_order_and_the_loader(bool amdLoader, int[] order)
    {
        Skip.IfNot(HeadlessChromium.IsInstalled, "Debian's chromium is not installed (./test.sh installs it)");
        var visit = await new HeadlessChromium().DumpDomAsync(NotebookPage(SessionOutputs(), order, amdLoader));

        Assert.True(visit.ExitCode == 0, visit.Log);
        Assert.DoesNotContain("Uncaught", visit.Log);
        Assert.Equal(2, Drawn(visit.Output));
        Assert.Contains("data-plotly=\"2.35.2\"", visit.Output);
        Assert.Contains(amdLoader ? "data-amd-calls=\"0\"" : "data-amd-calls=\"undefined\"", visit.Output); // plotly never went to the loader
        Assert.DoesNotContain("<text", Regex.Replace(visit.Output, "<svg class=\"main-svg\".*?</svg>", "", RegexOptions.Singleline)); // the static pictures gave way
        Assert.Empty(visit.RequestsOffTheMachine);
    }

    [SkippableFact]
    public async Task Without_the_output_that_carried_plotly_the_figure_keeps_its_static_picture_quietly()
    {
        Skip.IfNot(HeadlessChromium.IsInstalled, "Debian's chromium is not installed (./test.sh installs it)");
        var outputs = SessionOutputs();
        var visit = await new HeadlessChromium().DumpDomAsync(NotebookPage(outputs, [1], amdLoader: false)); // the first output was cleared

        Assert.True(visit.ExitCode == 0, visit.Log);
        Assert.DoesNotContain("Uncaught", visit.Log);
        Assert.Equal(0, Drawn(visit.Output));
        Assert.Contains("data-plotly=\"none\"", visit.Output);
        Assert.Contains(">second figure</text>", visit.Output);
        var shown = Regex.Replace(visit.Output, "<script.*?</script>", "", RegexOptions.Singleline);
        Assert.DoesNotContain("could not", shown); // no error box in place of the chart
        Assert.DoesNotContain("CourseKit:", visit.Log); // and nothing tried to draw
    }
}
