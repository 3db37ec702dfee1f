using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Running;

/// <summary>
/// A package's notebook extension script, <c>interactive-extensions/dotnet/extension.dib</c>: .NET Interactive runs it
/// when a notebook first loads the package (CourseKit's shows its banner), and coursekit does the same with its C#
/// parts. The script is a .dib notebook, read as any other (<see cref="NotebookReader.ParseDib"/>).
/// </summary>
static class ExtensionScript
{
    /// <summary>Where the script lives inside an extracted package.</summary>
    public static readonly string RelativePath = Path.Combine("interactive-extensions", "dotnet", "extension.dib");

    /// <summary>The C# code of the extension script in <paramref name="packageFolder"/>, or null when it has none.</summary>
    public static string? CSharpIn(string packageFolder)
    {
        var path = Path.Combine(packageFolder, RelativePath);
        if (!File.Exists(path)) return null;
        try
        {
            var code = NotebookReader.ParseDib(path, File.ReadAllText(path)).Cells
                .Where(c => c.Kind == CellKind.Code && c.Language == "csharp").Select(c => c.Source).ToList();
            return code.Count > 0 ? string.Join("\n\n", code) : null;
        }
        catch (NotebookFormatException)
        {
            return null;   // an empty script, or one whose #!meta header is broken, runs nothing
        }
    }
}
