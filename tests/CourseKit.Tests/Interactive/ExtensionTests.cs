using System.Xml.Linq;

namespace CourseKit.Tests.Interactive;

/// <summary>The package carries extension.dib where .NET Interactive looks for it, and the script shows the banner.</summary>
public class ExtensionTests
{
    private static string ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CourseKit.sln"))) return Path.Combine(dir.FullName, "src", "CourseKit");
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds CourseKit.sln.");
    }

    [Fact]
    public void TheProjectPacksExtensionDibForDotNetInteractive()
    {
        var project = XDocument.Load(Path.Combine(ProjectFolder(), "CourseKit.csproj"));
        var item = Assert.Single(project.Descendants("None"), e => (string?)e.Attribute("Include") == "interactive-extensions/dotnet/extension.dib");
        Assert.Equal("true", (string?)item.Attribute("Pack"));
        Assert.Equal("interactive-extensions/dotnet/", (string?)item.Attribute("PackagePath"));
        Assert.DoesNotContain(project.Descendants("PackageReference"),
            e => ((string?)e.Attribute("Include"))?.StartsWith("Microsoft.DotNet.Interactive", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public void TheExtensionScriptIsACSharpCellShowingTheBanner()
    {
        var lines = File.ReadAllLines(Path.Combine(ProjectFolder(), "interactive-extensions", "dotnet", "extension.dib"));
        Assert.Equal("#!csharp", lines[0]);
        Assert.DoesNotContain(lines.Skip(1), l => l.StartsWith("#!"));   // one cell
        Assert.Contains(lines, l => l.Trim() == "display(CourseKit.Notebook.Banner());");
        Assert.NotNull(Notebook.Banner());
    }
}
