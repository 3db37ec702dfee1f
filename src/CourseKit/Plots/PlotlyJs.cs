using System.Text;

namespace CourseKit;

/// <summary>
/// The plotly.js that draws CourseKit's figures in the browser. CourseKit carries it (plotly.js <see cref="Version"/>,
/// the partial "cartesian" bundle, MIT licence) inside the library, so charts work without internet: in a notebook the
/// first figure of a kernel session brings the library along and later figures reuse it; standalone and exported
/// pages carry it once in their head. Every figure also holds a static SVG picture of itself, shown wherever scripts
/// do not run (GitHub, nbviewer, an untrusted notebook) and replaced by the interactive chart where they do.
/// </summary>
public static class PlotlyJs
{
    /// <summary>The plotly.js version CourseKit carries and writes its figures for.</summary>
    public const string Version = PlotlyBundle.Version;

    /// <summary>
    /// An environment variable that may name another plotly.js file to use instead of the carried bundle (for example
    /// the full <c>plotly.min.js</c>, when a figure's <see cref="Figure.Script"/> adds 3-D traces the cartesian
    /// bundle lacks). Notebooks, standalone pages and <c>coursekit run --html</c> all follow it.
    /// </summary>
    public const string EnvironmentVariable = PlotlyBundle.EnvironmentVariable;

    /// <summary>
    /// The <c>&lt;script&gt;</c> element that defines <c>window.Plotly</c>, with the whole library inline (about
    /// 1.4 MB). Put it once in the head of a page of your own, then add figures with
    /// <c>figure.ToHtml(PlotlySource.AlreadyLoaded)</c>.
    /// </summary>
    public static string ScriptTag() => PlotlyBundle.DeliveryScript;

    /// <summary>
    /// The script that draws one figure into the element <paramref name="divId"/>: at once when <c>window.Plotly</c>
    /// exists, otherwise when the element from <see cref="ScriptTag"/> announces it (notebook outputs may run in any
    /// order). The element's static picture is taken out while plotly.js draws and put back if it fails; if plotly.js
    /// never arrives (scripts blocked, the output that carried it cleared), the picture simply stays.
    /// <paramref name="restoreShared"/> puts back the grids the JSON carries only once (see <see cref="SharedGrids"/>).
    /// </summary>
    internal static string RenderScript(string divId, string figureJson, string restoreShared, string? afterPlot)
    {
        var sb = new StringBuilder();
        sb.Append("<script type=\"text/javascript\">\n(function () {\n");
        sb.Append("  var id = \"").Append(divId).Append("\";\n");
        sb.Append("  var figure = ").Append(figureJson).Append(";\n").Append(restoreShared);
        sb.Append("""
          function draw() {
            var gd = document.getElementById(id), Plotly = window.Plotly;
            if (!gd || !Plotly) return;
            var picture = gd.innerHTML;
            function keepPicture(error) {
              gd.innerHTML = picture;
              console.error('CourseKit: plotly.js could not draw the figure, the static picture stays.', error);
            }
            gd.innerHTML = '';
            try {
              Plotly.newPlot(gd, figure).then(function () {

        """);
        if (!string.IsNullOrWhiteSpace(afterPlot))
            sb.Append("        (function (gd, Plotly, figure) {\n").Append(afterPlot).Append("\n        })(gd, Plotly, figure);\n");
        sb.Append("      }, keepPicture);\n    } catch (error) { keepPicture(error); }\n  }\n");
        sb.Append("  if (window.Plotly) draw();\n");
        sb.Append("  else window.addEventListener('").Append(PlotlyBundle.ReadyEvent).Append("', draw, { once: true });\n");
        sb.Append("})();\n</script>");
        return sb.ToString();
    }
}

/// <summary>How <see cref="Figure.ToHtml(PlotlySource, string?)"/> gets plotly.js into the page.</summary>
public enum PlotlySource
{
    /// <summary>For notebook outputs: the first figure of a kernel session (this process) carries plotly.js, later
    /// ones reuse it. HTML meant for somewhere else (a file, an e-mail) wants <see cref="Embedded"/> or
    /// <see cref="Figure.ToStandaloneHtml(string?)"/>.</summary>
    Notebook,

    /// <summary>The fragment always carries plotly.js (about 1.4 MB), so it works on its own wherever it is pasted.</summary>
    Embedded,

    /// <summary>Adds nothing: the page already has plotly.js (from <see cref="PlotlyJs.ScriptTag"/> in its head).</summary>
    AlreadyLoaded,
}

/// <summary>
/// Whether this kernel session (process) has already sent plotly.js with a figure. The notebook's page keeps
/// <c>window.Plotly</c> once the first figure has run, so later figures leave the 1.4 MB out.
/// </summary>
internal sealed class PlotlyDelivery
{
    private int delivered;

    /// <summary>The one of this process, used by <see cref="Figure.ToHtml(PlotlySource, string?)"/>.</summary>
    public static PlotlyDelivery Process { get; } = new();

    /// <summary>True the first time it is asked (that figure carries the library), false afterwards.</summary>
    public bool Take() => Interlocked.Exchange(ref delivered, 1) == 0;

    /// <summary>Forgets the delivery, as a new kernel would (for tests).</summary>
    public void Reset() => Interlocked.Exchange(ref delivered, 0);
}
