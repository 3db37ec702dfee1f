using System.Text;

namespace CourseKit;

/// <summary>
/// Where the plotly.js library comes from. Figures are drawn in the browser by plotly.js; CourseKit pins one version
/// (<see cref="Version"/>) and loads it from the CDN in notebooks, or embeds a local copy in standalone HTML so the
/// page works offline.
/// </summary>
public static class PlotlyJs
{
    /// <summary>The plotly.js version CourseKit's figures are written for (and loaded from the CDN).</summary>
    public const string Version = "2.35.2";

    /// <summary>The plotly.js file on the official CDN.</summary>
    public const string CdnUrl = "https://cdn.plot.ly/plotly-" + Version + ".min.js";

    /// <summary>The environment variable that may name a local <c>plotly.min.js</c> (checked first by <see cref="FindLocalCopy()"/>).</summary>
    public const string EnvironmentVariable = "COURSEKIT_PLOTLY_JS";

    private static readonly string[] PackageFiles =
    [
        Path.Combine("plotly.js-dist-min", "plotly.min.js"),
        Path.Combine("plotly.js-dist", "plotly.js"),
        Path.Combine("plotly.js", "dist", "plotly.min.js"),
    ];

    /// <summary>
    /// A plotly.js file on this computer, or null. Looks, in order, at: the file named by the
    /// <c>COURSEKIT_PLOTLY_JS</c> environment variable; <c>node_modules/plotly.js-dist-min/plotly.min.js</c> in the
    /// current folder and each parent (install it with <c>npm install plotly.js-dist-min</c>);
    /// <c>/usr/share/javascript/plotly/plotly.min.js</c> (Debian's libjs-plotly); the global npm folder.
    /// </summary>
    public static string? FindLocalCopy() =>
        FindLocalCopy(Environment.GetEnvironmentVariable(EnvironmentVariable), Directory.GetCurrentDirectory(), SystemLocations());

    /// <summary>The search of <see cref="FindLocalCopy()"/> with its inputs given, so tests need not change the environment.</summary>
    internal static string? FindLocalCopy(string? configuredPath, string? startDirectory, IEnumerable<string> systemLocations)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath) && File.Exists(configuredPath)) return Path.GetFullPath(configuredPath);
        for (var dir = startDirectory is null ? null : new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
            foreach (var file in PackageFiles)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules", file);
                if (File.Exists(candidate)) return candidate;
            }
        return systemLocations.FirstOrDefault(File.Exists);
    }

    /// <summary>Debian's package, then the usual global npm folders.</summary>
    private static IEnumerable<string> SystemLocations()
    {
        yield return "/usr/share/javascript/plotly/plotly.min.js";
        var roots = new List<string?>
        {
            Environment.GetEnvironmentVariable("NPM_CONFIG_PREFIX") is { } prefix ? Path.Combine(prefix, "lib", "node_modules") : null,
            Environment.GetEnvironmentVariable("APPDATA") is { } appData ? Path.Combine(appData, "npm", "node_modules") : null,
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".npm-global", "lib", "node_modules"),
            "/usr/local/lib/node_modules",
            "/usr/lib/node_modules",
            "/opt/homebrew/lib/node_modules",
        };
        foreach (var root in roots.OfType<string>())
            foreach (var file in PackageFiles)
                yield return Path.Combine(root, file);
    }

    /// <summary>
    /// A <c>&lt;script&gt;</c> element that defines <c>window.Plotly</c>: with <paramref name="embed"/> the whole
    /// library inline when <see cref="FindLocalCopy()"/> finds it (the page then works offline), otherwise a reference
    /// to the CDN. Put it once in a page's head, then add figures with <see cref="Figure.ToHtml(PlotlySource, string?)"/>.
    /// </summary>
    public static string ScriptTag(bool embed) => ScriptTag(embed, embed ? FindLocalCopy() : null);

    /// <summary><see cref="ScriptTag(bool)"/> with the local copy given (null: none found).</summary>
    internal static string ScriptTag(bool embed, string? localCopy)
    {
        if (embed && localCopy is not null && File.Exists(localCopy))
        {
            // "</script" inside the library would end the element early; "<\/script" means the same to JavaScript.
            var source = File.ReadAllText(localCopy).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
            return new StringBuilder("<script type=\"text/javascript\">/* plotly.js from ")
                .Append(Path.GetFileName(localCopy)).Append(" */\n").Append(source).Append("\n</script>").ToString();
        }
        return $"<script src=\"{CdnUrl}\" charset=\"utf-8\"></script>";
    }

    /// <summary>
    /// The script that draws one figure into the element <paramref name="divId"/>, wherever it runs: if
    /// <c>window.Plotly</c> exists it is used; in Jupyter (RequireJS present) plotly is required from the CDN in a
    /// private RequireJS context; elsewhere (VS Code notebooks, plain pages) one <c>&lt;script&gt;</c> for the CDN is
    /// added to the page, shared by every figure, and the figure is drawn when it has loaded.
    /// </summary>
    internal static string RenderScript(string divId, string figureJson, string? afterPlot)
    {
        var cdnWithoutExtension = CdnUrl[..^3];
        var sb = new StringBuilder();
        sb.Append("<script type=\"text/javascript\">\n(function () {\n");
        sb.Append("  var id = \"").Append(divId).Append("\";\n");
        sb.Append("  var figure = ").Append(figureJson).Append(";\n");
        sb.Append("""
          function render(Plotly) {
            var gd = document.getElementById(id);
            if (!gd) return;
            Plotly.newPlot(gd, figure).then(function () {

        """);
        if (!string.IsNullOrWhiteSpace(afterPlot))
            sb.Append("      (function (gd, Plotly, figure) {\n").Append(afterPlot).Append("\n      })(gd, Plotly, figure);\n");
        sb.Append("""
            });
          }
          function fail(error) {
            var gd = document.getElementById(id);
            if (gd) gd.innerHTML = '<pre style="color:#b00020;white-space:pre-wrap">CourseKit: plotly.js could not be loaded (' + error +
              '). Offline? Export the figure with ToStandaloneHtml() and a local plotly.min.js (see PlotlyJs.FindLocalCopy).</pre>';
          }
          if (window.Plotly) { render(window.Plotly); return; }
          var rjs = window.requirejs;
          if (typeof rjs === 'function' && typeof rjs.config === 'function') {

        """);
        sb.Append("    var req = rjs.config({ context: 'coursekit-plotly-").Append(Version)
          .Append("', paths: { plotly: '").Append(cdnWithoutExtension).Append("' } });\n");
        sb.Append("""
            req(['plotly'], render, fail);
            return;
          }
          if (!window.__courseKitPlotly) {
            window.__courseKitPlotly = new Promise(function (resolve, reject) {
              var script = document.createElement('script');

        """);
        sb.Append("      script.src = '").Append(CdnUrl).Append("';\n");
        sb.Append("""
              script.charset = 'utf-8';
              script.onload = function () { window.Plotly ? resolve(window.Plotly) : reject('plotly.js loaded but did not define window.Plotly'); };
              script.onerror = function () { window.__courseKitPlotly = null; reject('no answer from ' + script.src); };
              document.head.appendChild(script);
            });
          }
          window.__courseKitPlotly.then(render, fail);
        })();
        </script>
        """);
        return sb.ToString();
    }
}

/// <summary>How <see cref="Figure.ToHtml(PlotlySource, string?)"/> gets plotly.js into the page.</summary>
public enum PlotlySource
{
    /// <summary>Works in any notebook: uses <c>window.Plotly</c> if present, RequireJS in Jupyter, else adds the CDN script once.</summary>
    Notebook,

    /// <summary>Adds a <c>&lt;script src&gt;</c> for the CDN before the figure (for simple web pages).</summary>
    Cdn,

    /// <summary>Embeds a local plotly.js (<see cref="PlotlyJs.FindLocalCopy()"/>) in the fragment, or the CDN tag if none is found.</summary>
    Embedded,

    /// <summary>Adds nothing: the page already loaded plotly.js (e.g. with <see cref="PlotlyJs.ScriptTag(bool)"/> in its head).</summary>
    AlreadyLoaded,
}
