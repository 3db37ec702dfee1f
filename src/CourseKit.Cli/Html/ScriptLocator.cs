namespace CourseKit.Cli.Html;

/// <summary>
/// Finds local copies of the browser libraries a page needs, so that exported pages work offline:
/// plotly.js (COURSEKIT_PLOTLY_JS, else node_modules/plotly.js-dist-min/plotly.min.js up from the notebook's folder,
/// then up from the current directory, the same order as <c>CourseKit.PlotlyJs.FindLocalCopy()</c>) and KaTeX
/// (node_modules/katex/dist, searched the same way).
/// </summary>
public static class ScriptLocator
{
    public const string PlotlyCdn = "https://cdn.plot.ly/plotly-2.35.2.min.js";
    public const string KatexCdn = "https://cdn.jsdelivr.net/npm/katex@0.16.11/dist";

    public static string? FindPlotly(string notebookDirectory)
    {
        if (Environment.GetEnvironmentVariable("COURSEKIT_PLOTLY_JS") is { Length: > 0 } overridden && File.Exists(overridden))
            return Path.GetFullPath(overridden);
        return FindUp(Path.Combine("node_modules", "plotly.js-dist-min", "plotly.min.js"), notebookDirectory);
    }

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
