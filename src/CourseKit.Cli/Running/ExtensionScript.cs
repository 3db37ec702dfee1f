namespace CourseKit.Cli.Running;

/// <summary>
/// A package's notebook extension script, <c>interactive-extensions/dotnet/extension.dib</c>: .NET Interactive runs it
/// when a notebook first loads the package (CourseKit's shows its banner), and coursekit does the same with its C#
/// parts. A .dib file is a list of sections, each opened by a line naming its kernel (<c>#!csharp</c>, <c>#!fsharp</c>,
/// <c>#!markdown</c>, <c>#!meta</c>, …); text before the first such line belongs to C#, the default kernel.
/// </summary>
static class ExtensionScript
{
    /// <summary>Where the script lives inside an extracted package.</summary>
    public static readonly string RelativePath = Path.Combine("interactive-extensions", "dotnet", "extension.dib");

    static readonly string[] CSharpNames = ["csharp", "c#", "cs"];

    /// <summary>Kernel names that open a section; other <c>#!</c> lines (<c>#!time</c>, …) are magic commands inside one.</summary>
    static readonly string[] SectionNames =
        [.. CSharpNames, "fsharp", "f#", "fs", "pwsh", "powershell", "javascript", "js", "html", "markdown", "md",
         "mermaid", "sql", "kql", "http", "value", "meta"];

    /// <summary>The C# code of the extension script in <paramref name="packageFolder"/>, or null when it has none.</summary>
    public static string? CSharpIn(string packageFolder)
    {
        var path = Path.Combine(packageFolder, RelativePath);
        return File.Exists(path) ? CSharpOf(File.ReadAllText(path)) : null;
    }

    /// <summary>The C# sections of a .dib file's <paramref name="text"/>, joined; null when there is no C# code.</summary>
    public static string? CSharpOf(string text)
    {
        var code = new List<string>();
        bool inCSharp = true;
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("#!", StringComparison.Ordinal) && SectionNames.Contains(trimmed[2..].ToLowerInvariant()))
            {
                inCSharp = CSharpNames.Contains(trimmed[2..].ToLowerInvariant());
                continue;
            }
            if (inCSharp) code.Add(line);
        }
        var joined = string.Join("\n", code).Trim();
        return joined.Length > 0 ? joined : null;
    }
}
