namespace CourseKit.Cli.Html;

/// <summary>
/// Finds a local copy of KaTeX (node_modules/katex/dist up from the notebook's folder, then up from the current
/// directory), so that exported pages work offline. (plotly.js needs no search: the tool carries it.)
/// </summary>
public static class ScriptLocator
{
    public const string KatexCdn = "https://cdn.jsdelivr.net/npm/katex@0.16.11/dist";

    /// <summary>The katex/dist folder (with katex.min.js, katex.min.css, contrib/auto-render.min.js), or null.</summary>
    public static string? FindKatex(string notebookDirectory)
    {
        var js = FindUp(Path.Combine("node_modules", "katex", "dist", "katex.min.js"), notebookDirectory);
        return js is null ? null : Path.GetDirectoryName(js);
    }

    static string? FindUp(string relative, string notebookDirectory)
    {
        foreach (var start in new[] { notebookDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
