using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

public class NuGetTests
{
    /// <summary>
    /// The notebook's repository has a nuget.config whose only source is a relative local feed; the package floats
    /// (no version), so NuGet must list that feed, which works only if the relative path was resolved against the
    /// config's folder. The feed gets the Newtonsoft.Json package from the machine's NuGet cache, so no network is needed.
    /// </summary>
    [Fact]
    public async Task Nuget_reference_restores_from_the_repository_feed_and_is_usable()
    {
        var cached = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages",
            "newtonsoft.json", "13.0.3", "newtonsoft.json.13.0.3.nupkg");
        var repo = NewFolder();
        var feed = Path.Combine(repo, "artifacts", "packages");
        Directory.CreateDirectory(feed);
        var notebooks = Path.Combine(repo, "notebooks");
        Directory.CreateDirectory(notebooks);
        string directive;
        if (File.Exists(cached))
        {
            File.Copy(cached, Path.Combine(feed, Path.GetFileName(cached)));
            File.WriteAllText(Path.Combine(repo, "nuget.config"), """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /><add key="local" value="artifacts/packages" /></packageSources></configuration>
                """);
            directive = "#r \"nuget: Newtonsoft.Json\"";
        }
        else
        {
            directive = "#r \"nuget: Newtonsoft.Json, 13.0.3\""; // no cached package here: restore from the default sources
        }
        WriteIpynb(notebooks, "json.ipynb",
            $"{directive}\nusing Newtonsoft.Json;",
            "JsonConvert.SerializeObject(new { answer = 42 })");

        var (exitCode, log) = await RunCliAsync("run", notebooks);

        Assert.True(exitCode == 0, log);
        var nb = ReadJson(Path.Combine(notebooks, "json.executed.ipynb"));
        Assert.Contains("Installed package Newtonsoft.Json version 13.0.3", OfType(Outputs(nb, 0), "stream").Single()["text"]!.GetValue<string>());
        Assert.Equal("{\"answer\":42}", Data(OfType(Outputs(nb, 1), "execute_result").Single(), "text/plain"));
    }

    [Fact]
    public async Task Unknown_package_fails_the_cell_with_nuget_messages()
    {
        var repo = NewFolder();
        Directory.CreateDirectory(Path.Combine(repo, "empty-feed"));
        File.WriteAllText(Path.Combine(repo, "nuget.config"),
            "<configuration><packageSources><clear /><add key=\"local\" value=\"empty-feed\" /></packageSources></configuration>");
        WriteIpynb(repo, "missing.ipynb", "#r \"nuget: CourseKit.No.Such.Package, 1.0.0\"", "1");

        var (exitCode, _) = await RunCliAsync("run", repo);

        Assert.Equal(1, exitCode);
        var nb = ReadJson(Path.Combine(repo, "missing.executed.ipynb"));
        var error = OfType(Outputs(nb, 0), "error").Single();
        Assert.Equal("NuGetRestoreException", error["ename"]!.GetValue<string>());
        Assert.Contains("CourseKit.No.Such.Package", error["evalue"]!.GetValue<string>());
    }
}
