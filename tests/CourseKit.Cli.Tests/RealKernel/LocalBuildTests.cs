using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using CourseKit.Cli.Running;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

/// <summary>
/// The README's student setup, from an empty folder outside the checkout (no nuget.config applies): CourseKit packed
/// twice into a folder of local builds, and a notebook whose first cell is <c>#i "nuget: &lt;folder&gt;"</c> then
/// <c>#r "nuget: CourseKit"</c>. Each pack is a new, higher, stable version (CourseKit.csproj, "Versions"), so the
/// floating #r takes the second build — in the real kernel and in coursekit.
/// </summary>
public sealed class TwoLocalBuilds : IAsyncLifetime
{
    public string Feed { get; } = NewFolder();
    public string First { get; private set; } = "";
    public string Second { get; private set; } = "";

    /// <summary>The module id of the CourseKit.dll in the second build's package: tells that very file from any other.</summary>
    public Guid SecondModuleId { get; private set; }

    /// <summary>A new empty folder with the student's notebook: the source line, the package, and the loaded version.</summary>
    public string WriteStudentNotebook()
    {
        var folder = NewFolder();
        Assert.True(PackageRestorer.FindNuGetConfig(folder) is null && !folder.StartsWith(LocalBuilds.Root, StringComparison.Ordinal),
            $"{folder} is not outside the checkout: a nuget.config applies there (set TMPDIR to a folder outside it)");
        return WriteIpynb(folder, "student.ipynb",
            $"#i \"nuget: {Feed}\"\n#r \"nuget: CourseKit\"\nusing CourseKit;",
            "$\"{Notebook.Banner().Version} {typeof(Tensor).Assembly.ManifestModule.ModuleVersionId}\"");
    }

    public async Task InitializeAsync()
    {
        First = await LocalBuilds.PackAsync(Feed);
        Second = await LocalBuilds.PackAsync(Feed);
        SecondModuleId = ModuleId(Path.Combine(Feed, $"CourseKit.{Second}.nupkg"), "lib/net8.0/CourseKit.dll");
    }

    static Guid ModuleId(string package, string entry)
    {
        using var zip = ZipFile.OpenRead(package);
        var dll = new MemoryStream();
        using (var stream = zip.GetEntry(entry)!.Open()) stream.CopyTo(dll);
        dll.Position = 0;
        using var pe = new PEReader(dll);
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }

    /// <summary>Removes the kernel's copies of these two builds from the NuGet cache (no notebook will ask for them again).</summary>
    public Task DisposeAsync()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var version in new[] { First, Second }.Where(v => v.Length > 0))
        {
            var copy = Path.Combine(cache, "coursekit", version);
            if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
        }
        return Task.CompletedTask;
    }
}

public class LocalBuildTests(TwoLocalBuilds builds) : IClassFixture<TwoLocalBuilds>
{
    [Fact]
    public void EveryPackIsANewerStableVersion()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", builds.First);   // stable: #r "nuget: CourseKit" skips prereleases
        Assert.True(Version.Parse(builds.Second) > Version.Parse(builds.First), $"{builds.Second} is not above {builds.First}");
    }

    [Fact]
    public async Task TheRunnerLoadsTheNewestBuildFromAnEmptyFolder()
    {
        var notebook = builds.WriteStudentNotebook();

        var (exitCode, log) = await RunCliAsync("run", notebook);

        Assert.True(exitCode == 0, log);
        var executed = ReadJson(Path.ChangeExtension(notebook, ".executed.ipynb"));
        AssertLoadedTheSecondBuild(executed);
    }

    [SkippableFact]
    public async Task TheKernelLoadsTheNewestBuildFromAnEmptyFolder()
    {
        RealKernel.SkipIfOptedOut();
        var notebook = builds.WriteStudentNotebook();
        var outDir = NewFolder();

        var summary = await RealKernel.RunAsync(outDir, notebook);

        Assert.Empty(summary.Single()!["failed"]!.AsArray());
        AssertLoadedTheSecondBuild(ReadJson(Path.Combine(outDir, "student.ipynb")));
    }

    /// <summary>The banner (extension.dib ran) in the first cell; the second build's version and its very DLL from the second.</summary>
    void AssertLoadedTheSecondBuild(JsonObject executed)
    {
        Assert.Contains(Outputs(executed, 0).OfType<JsonObject>(),
            o => LectureNotebooksInTheKernel.Text(o["data"]?["text/html"]).Contains($"CourseKit {builds.Second} "));
        var loaded = LectureNotebooksInTheKernel.Text(OfType(Outputs(executed, 1), "execute_result").Single()["data"]!["text/plain"]).Split(' ');
        Assert.StartsWith(builds.Second + "+", loaded[0]);   // the informational version: the build's number and its commit
        Assert.Equal(builds.SecondModuleId.ToString(), loaded[1]);
    }
}
