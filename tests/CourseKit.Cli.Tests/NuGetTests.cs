using System.IO.Compression;
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
        var repo = FolderWithOneFeed("empty-feed");
        WriteIpynb(repo, "missing.ipynb", "#r \"nuget: CourseKit.No.Such.Package, 1.0.0\"", "1");

        var (exitCode, _) = await RunCliAsync("run", repo);

        Assert.Equal(1, exitCode);
        var nb = ReadJson(Path.Combine(repo, "missing.executed.ipynb"));
        var error = OfType(Outputs(nb, 0), "error").Single();
        Assert.Equal("NuGetRestoreException", error["ename"]!.GetValue<string>());
        Assert.Contains("CourseKit.No.Such.Package", error["evalue"]!.GetValue<string>());
    }

    /// <summary>
    /// Outside the CourseKit checkout no package source has CourseKit (NU1101): the error says which source is missing
    /// and how to make it — the pack command and the #i line. The folder's only source is an empty feed (no network).
    /// </summary>
    [Fact]
    public async Task CourseKit_missing_from_every_source_explains_the_pack_command_and_the_source_line()
    {
        var folder = FolderWithOneFeed("empty-feed");
        WriteIpynb(folder, "student.ipynb", "#r \"nuget: CourseKit\"\nusing CourseKit;");

        var (exitCode, _) = await RunCliAsync("run", folder);

        Assert.Equal(1, exitCode);
        var lines = OfType(Outputs(ReadJson(Path.Combine(folder, "student.executed.ipynb")), 0), "error").Single()["traceback"]!
            .AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.Contains(lines, l => l.Contains("NU1101") && l.Contains("CourseKit"));
        Assert.Contains("CourseKit is in none of the package sources here: the folder that holds your build of it must be one.", lines);
        Assert.Contains("Pack it, in the CourseKit checkout: dotnet pack src/CourseKit -o <folder>", lines);
        Assert.Contains("and name that folder (an absolute path) in the notebook, above the #r line: #i \"nuget: <folder>\"", lines);
    }

    /// <summary>
    /// As in the kernel, a package's interactive-extensions/dotnet/extension.dib runs when a notebook first loads the
    /// package, in that cell and before the cell's own code: its C# sections only, once per notebook.
    /// </summary>
    [Fact]
    public async Task A_packages_extension_script_runs_when_the_notebook_first_loads_it()
    {
        var repo = FolderWithOneFeed("feed");
        WritePackage(Path.Combine(repo, "feed", "Greeter.Extension.1.0.0.nupkg"), "Greeter.Extension", "1.0.0", """
            #!meta
            {"kernelInfo":{"defaultKernelName":"csharp"}}

            #!markdown
            Shows a greeting when a notebook loads the package.

            #!csharp
            display("extension ran");
            var greetedAt = 1;

            #!fsharp
            printfn "not run by coursekit"
            """);
        WriteIpynb(repo, "ext.ipynb", "#r \"nuget: Greeter.Extension\"\n\"cell ran\"", "#r \"nuget: Greeter.Extension\"\ngreetedAt + 1");

        var (exitCode, log) = await RunCliAsync("run", repo);

        Assert.True(exitCode == 0, log);
        var nb = ReadJson(Path.Combine(repo, "ext.executed.ipynb"));
        var first = Outputs(nb, 0).OfType<System.Text.Json.Nodes.JsonObject>().Where(o => o["data"] is not null)
            .Select(o => (o["output_type"]!.GetValue<string>(), Data(o, "text/plain"))).ToList();
        Assert.Equal([("display_data", "extension ran"), ("execute_result", "cell ran")], first);
        Assert.Equal("2", Data(OfType(Outputs(nb, 1), "execute_result").Single(), "text/plain"));
        Assert.Empty(OfType(Outputs(nb, 1), "display_data"));   // the second load of the package runs nothing again
    }

    /// <summary>
    /// A package named without a version floats to the newest one in the sources, on every run: a build added to the
    /// feed after an earlier run restored the package is what the next run loads. (NuGet skips a restore whose project
    /// has not changed since the last one — floating versions are not looked at again — so the newer build went unseen
    /// and notebooks kept running the old CourseKit.)
    /// </summary>
    [Fact]
    public async Task A_package_without_a_version_loads_the_newest_build_even_after_an_earlier_restore()
    {
        var repo = FolderWithOneFeed("feed");
        WriteIpynb(repo, "ext.ipynb", "#r \"nuget: Greeter.Floating\"");
        string Greeting(string version) => $"#!csharp\ndisplay(\"greeter {version}\");";
        string Shown() => Data(OfType(Outputs(ReadJson(Path.Combine(repo, "ext.executed.ipynb")), 0), "display_data").Single(), "text/plain");

        WritePackage(Path.Combine(repo, "feed", "Greeter.Floating.1.0.0.nupkg"), "Greeter.Floating", "1.0.0", Greeting("1.0.0"));
        var (exitCode, log) = await RunCliAsync("run", repo);
        Assert.True(exitCode == 0, log);
        Assert.Equal("greeter 1.0.0", Shown());

        WritePackage(Path.Combine(repo, "feed", "Greeter.Floating.1.0.1.nupkg"), "Greeter.Floating", "1.0.1", Greeting("1.0.1"));
        (exitCode, log) = await RunCliAsync("run", repo);
        Assert.True(exitCode == 0, log);
        Assert.Equal("greeter 1.0.1", Shown());
    }

    /// <summary>A new folder whose nuget.config names one package source, its subfolder <paramref name="feed"/> (created empty).</summary>
    static string FolderWithOneFeed(string feed)
    {
        var folder = NewFolder();
        Directory.CreateDirectory(Path.Combine(folder, feed));
        File.WriteAllText(Path.Combine(folder, "nuget.config"),
            $"<configuration><packageSources><clear /><add key=\"local\" value=\"{feed}\" /></packageSources></configuration>");
        return folder;
    }

    /// <summary>A package with no assemblies: a nuspec and its extension script.</summary>
    static void WritePackage(string path, string id, string version, string extensionDib)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var nuspec = new StreamWriter(zip.CreateEntry(id + ".nuspec").Open()))
            nuspec.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata><id>{id}</id><version>{version}</version><authors>tests</authors><description>test</description></metadata>
                </package>
                """);
        using var dib = new StreamWriter(zip.CreateEntry("interactive-extensions/dotnet/extension.dib").Open());
        dib.Write(extensionDib);
    }
}
