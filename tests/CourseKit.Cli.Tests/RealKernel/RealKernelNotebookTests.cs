using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Testing;

namespace CourseKit.Cli.Tests;

/// <summary>
/// Every notebook in notebooks/ run in the real .NET Interactive kernel, once for all the tests of this class (a fresh
/// kernel per notebook, as a student opening it), with CourseKit packed into artifacts/packages first. The executed
/// notebooks (kernel bootstrap removed) are kept in artifacts/kernel-notebooks for a look after a failure.
/// Which notebooks: all of them today (seven: about 110 s of kernel time here, 11–24 s each). The rule as the series grows:
/// while running every notebook both in coursekit (LectureNotebookTests) and here fits ./test.sh's 45 minutes, all of
/// them; after that, a fixed set that still covers every display type (tensors, models, histories, datasets, figures,
/// images), Fit's live progress and every explainer — <see cref="Notebooks"/> is the one place to change.
/// </summary>
public sealed partial class LectureNotebooksInTheKernel : IAsyncLifetime
{
    public string Out { get; } = Path.Combine(LocalBuilds.Root, "artifacts", "kernel-notebooks");
    public JsonArray Summary { get; private set; } = [];

    /// <summary>The notebooks run in the kernel: every lecture notebook (see the class's notes for when that changes).</summary>
    public static IReadOnlyList<string> Notebooks { get; } = Directory.GetFiles(Path.Combine(LocalBuilds.Root, "notebooks"), "*.ipynb")
        .Where(p => !p.EndsWith(".executed.ipynb", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    public async Task InitializeAsync()
    {
        if (RealKernel.OptedOut) return;
        RealKernel.AssertInstalled();
        await LocalBuilds.PackIntoRepositoryFeedAsync();
        if (Directory.Exists(Out)) Directory.Delete(Out, recursive: true);
        Summary = await RealKernel.RunAsync(Out, [.. Notebooks]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The executed notebook <paramref name="name"/> (file name without .ipynb).</summary>
    public JsonObject Notebook(string name) => TestNotebooks.ReadJson(Path.Combine(Out, name + ".ipynb"));

    /// <summary>Every display_data and execute_result of every executed notebook, with the notebook's name.</summary>
    public IEnumerable<(string Notebook, int Cell, JsonObject Output)> RichOutputs() =>
        from path in Notebooks
        let name = Path.GetFileNameWithoutExtension(path)
        let cells = Notebook(name)["cells"]!.AsArray()
        from index in Enumerable.Range(0, cells.Count)
        from output in cells[index]!["outputs"]?.AsArray().OfType<JsonObject>() ?? []
        where output["output_type"]!.GetValue<string>() is "display_data" or "execute_result"
        select (name, index, output);

    public static string Text(JsonNode? value) => value switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        null => "",
        _ => value.GetValue<string>(),
    };
}

public partial class RealKernelNotebookTests(LectureNotebooksInTheKernel run) : IClassFixture<LectureNotebooksInTheKernel>
{
    const string Training = "02_fcnn_with_banknote";

    [SkippableFact]
    public void EveryNotebookRunsInTheKernelWithoutAFailedCell()
    {
        RealKernel.SkipIfOptedOut();
        Assert.Equal(LectureNotebooksInTheKernel.Notebooks.Count, run.Summary.Count);
        Assert.True(LectureNotebooksInTheKernel.Notebooks.Count >= 4, "the four lecture notebooks ran");
        var failures = run.Summary.SelectMany(n => n!["failed"]!.AsArray().Select(f =>
            $"{n["notebook"]} cell {f!["cell"]}: {f["ename"]}: {f["evalue"]}")).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [SkippableFact]
    public void EveryNotebookShowsTheBannerFromExtensionDib()
    {
        RealKernel.SkipIfOptedOut();
        foreach (var path in LectureNotebooksInTheKernel.Notebooks)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            Assert.Contains(run.RichOutputs(), o => o.Notebook == name && LectureNotebooksInTheKernel.Text(o.Output["data"]?["text/html"]).Contains("ck-banner"));
        }
    }

    /// <summary>
    /// Fit shows its progress and updates it in place; Jupyter applies an update only to an output it was shown under
    /// the same display id. The stored training cell must end on the finished table (every epoch, no live bar), and
    /// no update may have gone to an id never shown (the kernel 1.0.0-beta.26120.1's display() returned another id).
    /// </summary>
    [SkippableFact]
    public void FitsProgressEndsOnTheFinalTable()
    {
        RealKernel.SkipIfOptedOut();
        var lost = run.Summary.SelectMany(n => n!["lost_updates"]!.AsArray().Select(u => $"{n["notebook"]} cell {u!["cell"]}"))
            .CountBy(where => where).Select(c => $"{c.Value} in {c.Key}").ToList();
        Assert.True(lost.Count == 0, "display updates Jupyter dropped (their display id was never shown): " + string.Join(", ", lost));

        var progress = run.RichOutputs().Where(o => LectureNotebooksInTheKernel.Text(o.Output["data"]?["text/html"]).Contains("ck-progress")).ToList();
        Assert.Contains(progress, o => o.Notebook == Training);
        foreach (var (notebook, cell, output) in progress)
        {
            string html = LectureNotebooksInTheKernel.Text(output["data"]!["text/html"]);
            Assert.False(html.Contains("Training for"), $"{notebook} cell {cell} still shows the progress before the first epoch");
            Assert.False(html.Contains("class=\"ck-bar\""), $"{notebook} cell {cell} still shows an epoch under way");
            Assert.True(LastEpochRow().IsMatch(html), $"{notebook} cell {cell} does not end on its last epoch: {html[..Math.Min(300, html.Length)]}");
        }
    }

    [SkippableFact]
    public void PlainTextAccompaniesEveryHtmlOutput()
    {
        RealKernel.SkipIfOptedOut();
        var htmlOnly = run.RichOutputs()
            .Where(o => o.Output["data"]?["text/html"] is not null && o.Output["data"]?["text/plain"] is null)
            .Where(o => !LectureNotebooksInTheKernel.Text(o.Output["data"]!["text/html"]).Contains(KernelsPackageReport))
            .Select(o => $"{o.Notebook} cell {o.Cell}: {LectureNotebooksInTheKernel.Text(o.Output["data"]!["text/html"])[..60]}").ToList();
        Assert.True(htmlOnly.Count == 0, "text/html without text/plain:\n" + string.Join("\n", htmlOnly));
    }

    /// <summary>Nothing a notebook shows loads a script or a style sheet from the internet, and the kernel's bootstrap
    /// (which does, and names the machine's addresses) is not stored.</summary>
    [SkippableFact]
    public void NoStoredOutputLoadsFromTheInternetOrNamesTheMachine()
    {
        RealKernel.SkipIfOptedOut();
        Assert.All(run.Summary, n => Assert.True(n!["bootstrap_outputs_removed"]!.GetValue<int>() >= 1, $"{n["notebook"]}: the kernel's bootstrap was not found"));
        foreach (var path in LectureNotebooksInTheKernel.Notebooks)
        {
            string stored = File.ReadAllText(Path.Combine(run.Out, Path.GetFileName(path)));
            Assert.DoesNotContain("probeAddresses", stored);
            Assert.DoesNotContain(":2048", stored);
            var remote = Strings(JsonNode.Parse(stored)).SelectMany(WebReferences.In).Distinct().ToList();
            Assert.True(remote.Count == 0, $"{Path.GetFileName(path)} loads from the internet: {string.Join(", ", remote)}");
        }
    }

    /// <summary>The kernel's own "Installed Packages" list after #r "nuget: …" (HTML only; the kernel's, not CourseKit's).</summary>
    const string KernelsPackageReport = "<strong>Installed Packages</strong>";

    /// <summary>A table row that starts with "N/N": the last epoch's row in Fit's progress table.</summary>
    [GeneratedRegex(@"<tr><td[^>]*>(\d+)/\1</td>")]
    private static partial Regex LastEpochRow();

    /// <summary>Every string in a JSON document (the notebook's sources and outputs, unescaped).</summary>
    static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue(out string? s) => [s],
        _ => [],
    };
}
