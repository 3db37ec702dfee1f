namespace CourseKit.Cli.Html;

/// <summary>
/// Finds local copies of the browser libraries a page needs, so that exported pages work offline:
/// plotly.js (COURSEKIT_PLOTLY_JS, else node_modules/plotly.js-dist-min/plotly.min.js up from the notebook's folder,
/// then up from the current directory, the same order as <c>CourseKit.PlotlyJs.FindLocalCopy()</c>). Formulas need
/// nothing: they are typeset as MathML when the page is written.
/// </summary>
public static class ScriptLocator
{
    public const string PlotlyCdn = "https://cdn.plot.ly/plotly-2.35.2.min.js";

    public static string? FindPlotly(string notebookDirectory)
    {
        if (Environment.GetEnvironmentVariable("COURSEKIT_PLOTLY_JS") is { Length: > 0 } overridden && File.Exists(overridden))
            return Path.GetFullPath(overridden);
        return FindUp(Path.Combine("node_modules", "plotly.js-dist-min", "plotly.min.js"), notebookDirectory);
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
