using System.Text.RegularExpressions;

namespace CourseKit.Cli.Tests;

/// <summary>
/// Packs CourseKit for the tests that load it the way a notebook does (<c>#r "nuget: CourseKit"</c>). Every pack is a
/// new local build with its own version (CourseKit.csproj, "Versions"); packs run one at a time, since two packs of one
/// project at once would write the same obj/ and bin/ folders.
/// </summary>
static partial class LocalBuilds
{
    /// <summary>The checkout: the folder above the tests that holds CourseKit.sln.</summary>
    public static string Root { get; } = FindRoot();

    static readonly SemaphoreSlim OnePackAtATime = new(1, 1);
    static readonly Lazy<Task<string>> RepositoryBuild = new(PackIntoRepositoryFeedOnceAsync);

    /// <summary>CourseKit packed once per test run into artifacts/packages, the feed the repository's nuget.config names; its version.</summary>
    public static Task<string> PackIntoRepositoryFeedAsync() => RepositoryBuild.Value;

    /// <summary>Packs into artifacts/packages and removes the older local builds there (a test run would otherwise add one each time).</summary>
    static async Task<string> PackIntoRepositoryFeedOnceAsync()
    {
        var feed = Path.Combine(Root, "artifacts", "packages");
        var version = await PackAsync(feed);
        foreach (var file in Directory.GetFiles(feed, "CourseKit.*nupkg"))
            if (LocalBuildFile().Match(Path.GetFileName(file)) is { Success: true } older && Version.Parse(older.Groups["version"].Value) < Version.Parse(version))
                File.Delete(file);
        return version;
    }

    /// <summary>Packs CourseKit into <paramref name="feed"/> (<c>dotnet pack src/CourseKit -o feed</c>); returns the new build's version.</summary>
    public static async Task<string> PackAsync(string feed)
    {
        await OnePackAtATime.WaitAsync();
        try
        {
            var (exitCode, output) = await LectureNotebooks.Run("dotnet", $"pack src/CourseKit -c Release -o \"{feed}\" --nologo", Root);
            Assert.True(exitCode == 0, "dotnet pack failed:\n" + output);
            var created = CreatedPackage().Match(output);
            Assert.True(created.Success, "dotnet pack named no CourseKit package:\n" + output);
            return created.Groups["version"].Value;
        }
        finally
        {
            OnePackAtATime.Release();
        }
    }

    [GeneratedRegex(@"Successfully created package '[^']*CourseKit\.(?<version>\d[^']*?)\.nupkg'")]
    private static partial Regex CreatedPackage();

    /// <summary>A local build's package or symbols file: CourseKit.0.1.0.849893713.nupkg (releases have three numbers).</summary>
    [GeneratedRegex(@"^CourseKit\.(?<version>\d+\.\d+\.\d+\.\d+)\.s?nupkg$")]
    private static partial Regex LocalBuildFile();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CourseKit.sln"))) return dir.FullName;
        throw new InvalidOperationException("CourseKit.sln not found above " + AppContext.BaseDirectory);
    }
}
