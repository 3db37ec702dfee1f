using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Testing;

namespace CourseKit.Cli.Tests;

/// <summary>
/// The README's main job: CourseKit is packed into artifacts/packages and the repository's lecture notebooks run with
/// the runner (as <c>coursekit run notebooks --html</c>), once for all the tests of this class.
/// </summary>
public sealed class LectureNotebooks : IAsyncLifetime
{
    public string Root { get; } = LocalBuilds.Root;
    public string Out { get; } = Path.Combine(TestNotebooks.NewFolder(), "notebooks");
    public int ExitCode { get; private set; }
    public string Log { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await LocalBuilds.PackIntoRepositoryFeedAsync();
        string data = Environment.GetEnvironmentVariable("COURSEKIT_DATA") is { Length: > 0 } d ? d : Path.Combine(Root, "..", "shared", "datasets");
        (ExitCode, Log) = await TestNotebooks.RunCliAsync("run", Path.Combine(Root, "notebooks"), "--html", "--out", Out, "--data", data);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public JsonObject Notebook(string name) => TestNotebooks.ReadJson(Path.Combine(Out, name + ".ipynb"));

    /// <summary>Every text/html output of a notebook, in order ("" for outputs without one).</summary>
    public IEnumerable<string> Html(string name) =>
        Notebook(name)["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Select(o => o!["data"]?["text/html"]?.GetValue<string>() ?? "");

    /// <summary>Every text/plain output of a notebook, in order.</summary>
    public IEnumerable<string> Texts(string name) =>
        Notebook(name)["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Select(o => o!["data"]?["text/plain"]?.GetValue<string>() ?? o!["text"]?.ToString() ?? "");

    internal static async Task<(int ExitCode, string Output)> Run(string file, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}

public class LectureNotebookTests(LectureNotebooks run) : IClassFixture<LectureNotebooks>
{
    private const string Forward = "01_simple_forward_pass", Training = "02_fcnn_with_banknote", Graphs = "03_computational_graph_and_chain_rule";
    private const string Descent = "04_gradient_descent_and_learning_rates", Convolution = "12_convolutional_networks";

    [Fact]
    public void BothLectureNotebooksRunGreen()
    {
        Assert.True(run.ExitCode == 0, run.Log);
        foreach (var name in new[] { Forward, Training, Graphs })
        {
            Assert.True(File.Exists(Path.Combine(run.Out, name + ".ipynb")), name);
            Assert.True(File.Exists(Path.Combine(run.Out, name + ".html")), name);
            var errors = run.Notebook(name)["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? [])
                .Where(o => o!["output_type"]!.GetValue<string>() == "error").ToList();
            Assert.Empty(errors);
        }
    }

    /// <summary>As in the kernel, loading CourseKit runs its extension.dib, which shows the banner in the first cell.</summary>
    [Fact]
    public void EveryNotebookShowsTheBannerAsInTheKernel()
    {
        Assert.True(run.ExitCode == 0, run.Log);
        foreach (var name in new[] { Forward, Training, Graphs })
        {
            var first = run.Notebook(name)["cells"]!.AsArray().First(c => c!["cell_type"]!.GetValue<string>() == "code")!;
            Assert.Contains(first["outputs"]!.AsArray(), o => o!["data"]?["text/html"]?.GetValue<string>().Contains("ck-banner") == true);
        }
    }

    [Fact]
    public void TheLecturesNumbersComeOut()
    {
        Assert.Contains(run.Texts(Forward), t => t.Contains("p(forged) = 0.8205"));
        Assert.Contains(run.Html(Forward), h => h.Contains("plotly", StringComparison.OrdinalIgnoreCase)); // the decision boundaries
        var training = run.Texts(Training).ToList();
        Assert.Contains(training, t => Regex.IsMatch(t, @"accuracy: 0\.[89]\d"));   // the hidden layer's test accuracy
        Assert.Contains(training, t => t.Contains("Total params: 42"));              // its summary
    }

    [Fact]
    public void SummaryShowsTheModelsTableNotPrintedText()
    {
        // Through the runner's display hook (AppContext "CourseKit.Display"), as in the kernel.
        var cell = run.Notebook(Training)["cells"]!.AsArray().Single(c => c!["source"]!.ToString().Contains("hiddenModel.Summary();"));
        var outputs = cell!["outputs"]!.AsArray();
        var summary = TestNotebooks.OfType(outputs, "display_data").First();
        Assert.Contains("Total params: 42 (168.00 B)", TestNotebooks.Data(summary, "text/plain"));
        Assert.Contains("<td>(None, 8)</td>", TestNotebooks.Data(summary, "text/html"));   // 2·8 + 8 and 8·2 + 2 parameters
        Assert.Contains("<td class=\"n\">18</td>", TestNotebooks.Data(summary, "text/html"));
        Assert.DoesNotContain(TestNotebooks.OfType(outputs, "stream"), o => o["text"]!.ToString().Contains("Total params"));
    }

    [Fact]
    public void TheExecutedNotebooksOpenInPolyglotNotebooks()
    {
        var metadata = run.Notebook(Training)["metadata"]!;
        Assert.Equal(".net-csharp", metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task TheExportedPageDrawsItsChartsInChromiumOffline()
    {
        Skip.IfNot(HeadlessChromium.IsInstalled, "Debian's chromium is not installed (./test.sh installs it)");
        string page = Path.Combine(run.Out, Training + ".html");
        Assert.True(File.Exists(page), run.Log);
        var browser = new HeadlessChromium();

        var visit = await browser.DumpDomAsync(page);
        Assert.True(visit.ExitCode == 0, visit.Log[..Math.Min(2000, visit.Log.Length)]);
        Assert.DoesNotContain("Uncaught", visit.Log);
        Assert.Empty(visit.RequestsOffTheMachine);                                    // with the network off, nothing was even tried
        int charts = Regex.Matches(visit.Output, "class=\"main-svg\"").Count;
        int drawnPaths = Regex.Matches(visit.Output, "<path[^>]*class=\"(js-line|point|contourlevel|js-fill)[^\"]*\"[^>]*d=\"M").Count;
        Assert.True(charts >= 4, $"{charts} plotly charts drew (learning curves, two decision boundaries, explorer, your turn)");
        Assert.True(drawnPaths >= 50, $"only {drawnPaths} trace paths were drawn");

        await Screenshot(browser, page, Training);
    }

    [SkippableFact]
    public async Task WithoutJavaScriptEveryChartShowsItsStaticPicture()
    {
        Skip.IfNot(HeadlessChromium.IsInstalled, "Debian's chromium is not installed (./test.sh installs it)");
        var browser = new HeadlessChromium { JavaScript = false };
        foreach (var name in new[] { Forward, Training, Descent })
        {
            string page = Path.Combine(run.Out, name + ".html");
            int figures = Regex.Matches(File.ReadAllText(page), "class=\"coursekit-plot\"").Count;
            Assert.True(figures > 0, $"{name} shows no figure");

            var visit = await browser.DumpDomAsync(page);
            Assert.True(visit.ExitCode == 0, visit.Log[..Math.Min(2000, visit.Log.Length)]);
            Assert.DoesNotContain("class=\"main-svg\"", visit.Output);                // plotly.js did not run …
            var pictures = Regex.Matches(visit.Output, "class=\"coursekit-plot\"[^>]*><svg\\b.*?</svg>", RegexOptions.Singleline);
            Assert.Equal(figures, pictures.Count);                                      // … and every figure shows its picture
            Assert.All(pictures, p => Assert.Contains("<path", p.Value));
            Assert.Empty(visit.RequestsOffTheMachine);

            await Screenshot(browser, page, name + ".no-script");
        }
    }

    [Fact]
    public void NoStoredOutputOrPageFetchesAScriptOrStylesheetFromTheWeb()
    {
        foreach (var name in Directory.GetFiles(run.Out, "*.ipynb").Select(Path.GetFileNameWithoutExtension))
        {
            Assert.All(run.Html(name!), h => Assert.Empty(WebReferences.In(h)));
            Assert.Empty(WebReferences.In(File.ReadAllText(Path.Combine(run.Out, name + ".html"))));
        }
    }

    [Fact]
    public void TheFirstFigureOfANotebookCarriesPlotlyAndEachPageHasItOnce()
    {
        foreach (var name in Directory.GetFiles(run.Out, "*.ipynb").Select(Path.GetFileNameWithoutExtension))
        {
            var html = run.Html(name!).ToList();
            int figures = html.Count(h => h.Contains("class=\"coursekit-plot\"", StringComparison.Ordinal));
            // One kernel session ran the notebook: its first figure carried plotly.js, no other output did.
            var carriers = html.Select((h, i) => (Copies: Regex.Matches(h, "<script data-coursekit=\"plotly\\.js").Count, Index: i)).Where(c => c.Copies > 0).ToList();
            Assert.Equal(figures > 0 ? 1 : 0, carriers.Sum(c => c.Copies));
            if (figures > 0) Assert.Equal(html.FindIndex(h => h.Contains("class=\"coursekit-plot\"", StringComparison.Ordinal)), carriers[0].Index);

            var page = File.ReadAllText(Path.Combine(run.Out, name + ".html"));
            Assert.Equal(figures > 0 ? 1 : 0, Regex.Matches(page, "<script data-coursekit=\"plotly\\.js").Count);
            Assert.Equal(figures > 0 ? 1 : 0, Regex.Matches(page, Regex.Escape("plotly.js (cartesian - minified)")).Count);
        }
        Assert.True(run.Html(Training).Count(h => h.Contains("class=\"coursekit-plot\"", StringComparison.Ordinal)) >= 4, "the training notebook shows its charts");
    }

    /// <summary>A screenshot of the page's top to look at, in artifacts/notebooks/screenshots.</summary>
    private async Task Screenshot(HeadlessChromium browser, string page, string name)
    {
        string png = Path.Combine(run.Root, "artifacts", "notebooks", "screenshots", name + ".png");
        var shot = await browser.ScreenshotAsync(page, png, 1200, 6000);
        Assert.True(shot.ExitCode == 0 && File.Exists(png), shot.Log);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.True(bytes.Length > 50_000, $"the screenshot is only {bytes.Length} bytes");
        Assert.Empty(shot.RequestsOffTheMachine);
    }

    [SkippableFact]
    public async Task TheExplainersRenderWithoutScriptErrors()
    {
        Skip.IfNot(HeadlessChromium.IsInstalled, "Debian's chromium is not installed (./test.sh installs it)");
        async Task<string> Visit(string name)
        {
            string page = Path.Combine(run.Out, name + ".html");
            Assert.True(File.Exists(page), run.Log);
            var visit = await new HeadlessChromium().DumpDomAsync(page);
            Assert.True(visit.ExitCode == 0, visit.Log[..Math.Min(2000, visit.Log.Length)]);
            Assert.DoesNotContain("Uncaught", visit.Log);                            // no script error in any explainer
            Assert.DoesNotContain("<merror", visit.Output);                           // no command the converter does not know
            return visit.Output;
        }
        string graphs = await Visit(Graphs);
        Assert.True(Regex.Matches(graphs, "<math[ >]").Count > 50, "the formulas are MathML");
        Assert.Contains("<svg", graphs);                                             // graph and network drawings
        Assert.Contains("class=\"main-svg\"", await Visit(Descent));                 // the learning-rate figure drew
        Assert.Contains("320", await Visit(Convolution));                            // the convolution's first value
    }
}
