using Xunit.Sdk;

namespace CourseKit.Tests.Data;

/// <summary>
/// Where the course's offline data mirror is: the folder in <c>COURSEKIT_DATA</c> or, by default,
/// <c>&lt;folder holding CourseKit.sln&gt;/../shared/datasets</c>. Tests read the files there in place.
/// </summary>
public static class TestData
{
    /// <summary>The environment variable that overrides where the mirror is.</summary>
    public const string DirectoryVariable = "COURSEKIT_DATA";

    /// <summary>Where Debian's package dataset-fashion-mnist installs Fashion-MNIST (it may be absent).</summary>
    public const string FashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    private static readonly Lazy<(string? Folder, string How)> Located = new(Locate);

    /// <summary>The mirror folder; fails the test (with where it looked) when there is none.</summary>
    public static string Folder
    {
        get
        {
            var (folder, how) = Located.Value;
            if (folder is null || !Directory.Exists(folder))
                throw new XunitException($"The dataset mirror was not found ({how}{(folder is null ? "" : $": {folder} does not exist")}). " +
                                         $"Set {DirectoryVariable} to the folder that holds banknote/, abalone/, mnist/ and mnist-official/.");
            return folder;
        }
    }

    /// <summary>The path of a file in the mirror, e.g. <c>TestData.File("banknote", "data_banknote_authentication.txt")</c>; fails when it is missing.</summary>
    public static string File(params string[] parts)
    {
        var path = Path.Combine([Folder, .. parts]);
        if (!System.IO.File.Exists(path)) throw new XunitException($"The mirror at {Folder} lacks {Path.Combine(parts)}.");
        return path;
    }

    private static (string? Folder, string How) Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return (Path.GetFullPath(fromEnvironment), $"from the environment variable {DirectoryVariable}");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "CourseKit.sln")))
                return (Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets")),
                        $"the default <folder of CourseKit.sln>/../shared/datasets, with CourseKit.sln in {dir.FullName}");
        return (null, $"no folder above {AppContext.BaseDirectory} holds CourseKit.sln");
    }
}
