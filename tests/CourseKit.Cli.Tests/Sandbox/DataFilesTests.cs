using CourseKit.Cli.Sandbox;

namespace CourseKit.Cli.Tests.Sandbox;

/// <summary>The patterns that name which course data files a sandboxed cell may read.</summary>
public class DataFilesTests
{
    [Fact]
    public void Patterns_match_files_by_folder_and_name()
    {
        var folder = TestNotebooks.NewFolder();
        foreach (var name in new[] { "banknote/data.txt", "mnist/train-images.gz", "mnist/train-labels.gz", "mnist/t10k-labels.gz",
                                     "mnist/deep/train-x.gz", "abalone/abalone.csv", "readme.md" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, name))!);
            File.WriteAllText(Path.Combine(folder, name), "");
        }
        string[] Match(params string[] patterns) =>
            DataFiles.Matching(folder, patterns).Select(f => Path.GetRelativePath(folder, f)).ToArray();

        Assert.Equal(["banknote/data.txt", "mnist/train-images.gz", "mnist/train-labels.gz"], Match("banknote/data.txt", "mnist/train-*"));
        Assert.Equal(["mnist/t10k-labels.gz", "mnist/train-labels.gz"], Match("mnist/*-labels.gz"));
        Assert.Equal(["abalone/abalone.csv"], Match("*/abalone.???"));
        Assert.Equal(["mnist/deep/train-x.gz", "mnist/train-images.gz", "mnist/train-labels.gz"], Match("**/train-*"));
        Assert.Equal(["readme.md"], Match("/readme.md"));
        Assert.Empty(Match("mnist/train"));
        Assert.Empty(Match());
        Directory.Delete(folder, recursive: true);
    }
}
