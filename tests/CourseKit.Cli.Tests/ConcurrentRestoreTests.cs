using System.Diagnostics;
using CourseKit.Cli.Running;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

/// <summary>
/// Graders run many submissions at once: restores of the same packages, started together in one repository, must all
/// succeed, whether they run in one process or in several. These restores load the machine, so they run alone, not
/// beside tests with short time limits.
/// </summary>
[Collection(nameof(ConcurrentRestoreTests))]
public class ConcurrentRestoreTests
{
    const int Parallel = 8;

    /// <summary>Several rounds, each in a new repository (a package set not restored before), where restores race most.</summary>
    [SkippableFact]
    public async Task Restores_of_the_same_packages_in_parallel_tasks_all_succeed()
    {
        for (int round = 0; round < 3; round++)
        {
            var notebooks = RepositoryWithLocalFeed();
            var restores = Enumerable.Range(0, Parallel).Select(_ => Task.Run(() =>
                new PackageRestorer().RestoreAsync([new PackageRequest("Newtonsoft.Json", null)], [], notebooks)));

            var results = await Task.WhenAll(restores);

            Assert.All(results, r => Assert.Equal("13.0.3", r.Resolved["Newtonsoft.Json"]));
            Assert.All(results, r => Assert.Contains(r.Assemblies, a => a.EndsWith("Newtonsoft.Json.dll") && File.Exists(a)));
        }
    }

    [SkippableFact]
    public async Task Runners_started_together_in_one_repository_all_succeed()
    {
        var notebooks = RepositoryWithLocalFeed();
        var path = WriteIpynb(notebooks, "json.ipynb", "#r \"nuget: Newtonsoft.Json\"\nNewtonsoft.Json.JsonConvert.SerializeObject(42)");
        var runs = Enumerable.Range(0, Parallel / 2).Select(i => RunProcessAsync(path, Path.Combine(notebooks, $"out{i}"))).ToList();

        var results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output));
    }

    /// <summary>A repository whose nuget.config's only feed is a local folder holding Newtonsoft.Json from the machine's NuGet cache.</summary>
    internal static string RepositoryWithLocalFeed()
    {
        var cached = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages",
            "newtonsoft.json", "13.0.3", "newtonsoft.json.13.0.3.nupkg");
        Skip.IfNot(File.Exists(cached), "Newtonsoft.Json 13.0.3 is not in the NuGet cache");
        var repo = NewFolder();
        var feed = Path.Combine(repo, "artifacts", "packages");
        Directory.CreateDirectory(feed);
        File.Copy(cached, Path.Combine(feed, Path.GetFileName(cached)));
        File.WriteAllText(Path.Combine(repo, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="artifacts/packages" /></packageSources></configuration>
            """);
        var notebooks = Path.Combine(repo, "notebooks");
        Directory.CreateDirectory(notebooks);
        return notebooks;
    }

    static async Task<(int ExitCode, string Output)> RunProcessAsync(string notebook, string output)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "run", notebook, "--out", output])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>Tests that load the machine and so run alone, after the others.</summary>
[CollectionDefinition(nameof(ConcurrentRestoreTests), DisableParallelization = true)]
public sealed class RunsAlone;
