using System.Text;
using System.Text.RegularExpressions;
using CourseKit.Testing;

namespace CourseKit.Tests.Plots;

/// <summary>
/// The partial plotly.js bundle CourseKit carries is enough: every chart of <c>Plot</c>, plus the trace types and
/// layout parts no helper uses yet (bars, animation frames with a play button and a frame slider), drawn offline in
/// headless Chromium, each one also checked by <c>Plotly.validate</c> against the bundle's own schema.
/// </summary>
public class CarriedBundleBrowserTests
{
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
        Assert.Equal(figures.Length, Regex.Matches(visit.Output, "class=\"[^\"]*js-plotly-plot").Count);
        Assert.Equal(3, Regex.Matches(visit.Output, "class=\"slider-group\"").Count);   // the explorer's two, the frames' one …
        Assert.Contains("class=\"updatemenu-container\"", visit.Output);                  // … and the play button
        Assert.Empty(visit.RequestsOffTheMachine);
    }
}
