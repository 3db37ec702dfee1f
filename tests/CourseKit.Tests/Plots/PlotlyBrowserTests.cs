using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CourseKit.Testing;

namespace CourseKit.Tests.Plots;

/// <summary>
/// plotly.js as CourseKit carries it, in headless Chromium with the network off. Two figures of one kernel session,
/// shown the way notebook front ends insert outputs: each output's HTML set as <c>innerHTML</c> of its own element
/// and its scripts re-created so that they run (what JupyterLab, Notebook 7 and VS Code do), in any order, with or
/// without an AMD loader on the page (the classic notebook has RequireJS). And every kind of chart, to show that the
/// partial bundle is enough.
/// </summary>
public class PlotlyBrowserTests
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

    /// <summary>The static pictures still showing: figures whose element holds its SVG rather than plotly's chart.</summary>
    private static List<string> Pictures(string dom) =>
        Regex.Matches(dom, "class=\"coursekit-plot[^\"]*\"[^>]*><svg\\b.*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToList();

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
        Assert.Empty(Pictures(visit.Output)); // the static pictures gave way
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
        Assert.Contains("second figure", Assert.Single(Pictures(visit.Output)));
        var shown = Regex.Replace(visit.Output, "<script.*?</script>", "", RegexOptions.Singleline);
        Assert.DoesNotContain("could not", shown); // no error box in place of the chart
        Assert.DoesNotContain("CourseKit:", visit.Log); // and nothing tried to draw
    }

    /// <summary>Every chart of <c>Plot</c>, plus what no helper uses yet: bars, animation frames with a play button
    /// and a frame slider.</summary>
    private static Figure[] EveryKindOfChart()
    {
        var history = new TrainingHistory();
        for (int e = 0; e < 3; e++)
            history.OnEpochEnd(e, new Dictionary<string, float> { ["loss"] = 1f / (e + 1), ["val_loss"] = 1.2f / (e + 1) });
        var x = Tensor.FromArray(new float[,] { { 0, 0 }, { 1, 1 }, { 0, 1 }, { 1, 0 } });
        var y = Tensor.FromArray(new float[] { 0, 1, 1, 0 });
        var model = new Sequential([new Dense(1, inputShape: [2], activation: "sigmoid")]);
        var images = Tensor.FromData(Enumerable.Range(0, 3 * 4 * 3).Select(i => i % 2 * 255f).ToArray(), [3, 4, 3]);

        var bars = new Figure(new Bar { X = new[] { "a", "b" }, Y = new[] { 3.0, 5.0 } });
        var animated = new Figure(new Scatter { X = new[] { 0.0, 1 }, Y = new[] { 0.0, 1 } })
        {
            Frames = [new FigureFrame { Name = "up", Data = [new Scatter { Y = new[] { 1.0, 2 } }] },
                      new FigureFrame { Name = "down", Data = [new Scatter { Y = new[] { 1.0, 0 } }] }],
        };
        animated.Layout.UpdateMenus = [new UpdateMenu { Type = "buttons", Buttons = [new MenuButton { Label = "play", Method = "animate", Args = [null] }] }];
        animated.Layout.Sliders = [new PlotSlider { Steps = [new SliderStep { Label = "up", Method = "animate", Args = [new[] { "up" }] },
                                                             new SliderStep { Label = "down", Method = "animate", Args = [new[] { "down" }] }] }];
        return
        [
            Plot.Line(new float[] { 1, 4, 9 }), Plot.Scatter(new float[] { 1, 2, 3 }, new float[] { 3, 1, 2 }),
            Plot.Histogram(new float[] { 1, 2, 2, 3, 3, 3 }, bins: 3), Plot.Heatmap(new float[,] { { 1, 2 }, { 3, 4 } }, annotate: true),
            Plot.Images(images), Plot.ConfusionMatrix(new float[] { 0, 1, 1 }, new float[] { 0, 1, 0 }), Plot.Activations("relu", "sigmoid"),
            Plot.LearningCurves(history), Plot.Function(t => t.Tanh(), -2, 2), Plot.DecisionBoundary(model, x, y, resolution: 20),
            Plot.DecisionBoundaryExplorer(model, x, y, resolution: 20), bars, animated,
        ];
    }

    [SkippableFact]
    public async Task Every_kind_of_chart_draws_offline_with_the_carried_bundle_and_is_valid_in_its_schema()
    {
        Skip.IfNot(HeadlessChromium.IsInstalled, "Debian's chromium is not installed (./test.sh installs it)");
        var figures = EveryKindOfChart();
        var page = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\">").Append(PlotlyJs.ScriptTag()).Append("</head><body>\n");
        foreach (var figure in figures) page.Append(figure.ToHtml(PlotlySource.AlreadyLoaded)).Append('\n');
        // validate's "unused" and "dynamic" notes are about valid attributes that a figure's other settings make moot.
        page.Append("""
            <script>
            function problems(data, layout) {
              return (Plotly.validate(data, layout) || []).filter(function (p) { return p.code !== 'unused' && p.code !== 'dynamic'; });
            }
            var found = [];

            """);
        foreach (var (figure, i) in figures.Select((f, i) => (f, i)))
            page.Append($"(function (f) {{ var p = problems(f.data, f.layout); if (p.length) found.push({i} + ': ' + JSON.stringify(p)); }})({figure.ToPlotlyJson()});\n");
        page.Append("""
            document.body.setAttribute('data-problems', found.length ? found.join(' | ') : 'none');
            // A trace type the bundle lacks is a problem validate reports: it can see what the bundle misses.
            document.body.setAttribute('data-control', problems([{ type: 'scatter3d', x: [1], y: [1], z: [1] }], {}).map(function (p) { return p.code; }).join());
            </script></body></html>
            """);
        var file = Path.Combine(Directory.CreateTempSubdirectory("coursekit-bundle-").FullName, "charts.html");
        await File.WriteAllTextAsync(file, page.ToString());

        var visit = await new HeadlessChromium().DumpDomAsync(file);

        Assert.True(visit.ExitCode == 0, visit.Log);
        Assert.DoesNotContain("Uncaught", visit.Log);
        Assert.DoesNotContain("CourseKit:", visit.Log); // no figure fell back to its picture
        Assert.Equal("none", Regex.Match(visit.Output, "data-problems=\"([^\"]*)\"").Groups[1].Value);
        Assert.NotEqual("", Regex.Match(visit.Output, "data-control=\"([^\"]*)\"").Groups[1].Value);
        Assert.Equal(figures.Length, Drawn(visit.Output));
        Assert.Equal(3, Regex.Matches(visit.Output, "class=\"slider-group\"").Count);   // the explorer's two, the frames' one …
        Assert.Contains("class=\"updatemenu-container\"", visit.Output);                  // … and the play button
        Assert.Empty(visit.RequestsOffTheMachine);
    }
}
