using System.Text.RegularExpressions;

namespace CourseKit.Tests.Plots;

public class FigureHtmlTests
{
    private static Figure Sample() => new(new Scatter { X = new[] { 1.0, 2.0 }, Y = new[] { 3.0, 4.0 }, Name = "sample" });

    private static string DivId(string html) => Regex.Match(html, "<div id=\"([^\"]+)\"").Groups[1].Value;

    [Fact]
    public void Html_fragment_holds_a_div_and_the_figure_json()
    {
        var figure = Sample();
        var html = figure.ToHtml();
        var id = DivId(html);
        Assert.StartsWith("coursekit-plot-", id);
        Assert.Contains($"var id = \"{id}\";", html);
        Assert.Contains("var figure = " + figure.ToJson() + ";", html);
        Assert.Contains("Plotly.newPlot(gd, figure)", html);
    }

    [Fact]
    public void Every_fragment_gets_its_own_div_id_even_for_the_same_figure()
    {
        var figure = Sample();
        var ids = new[] { figure.ToHtml(), figure.ToHtml(), Sample().ToHtml() }.Select(DivId).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal("mine", DivId(figure.ToHtml(divId: "mine")));
    }

    [Fact]
    public void Notebook_loader_uses_window_Plotly_then_RequireJS_then_a_shared_cdn_script()
    {
        var html = Sample().ToHtml(PlotlySource.Notebook);
        int plotly = html.IndexOf("if (window.Plotly) { render(window.Plotly); return; }", StringComparison.Ordinal);
        int require = html.IndexOf("typeof rjs.config === 'function'", StringComparison.Ordinal);
        int inject = html.IndexOf("document.createElement('script')", StringComparison.Ordinal);
        Assert.True(plotly > 0 && require > plotly && inject > require, "the three ways to get plotly.js should be tried in order");
        Assert.Contains($"paths: {{ plotly: 'https://cdn.plot.ly/plotly-{PlotlyJs.Version}.min' }}", html); // RequireJS wants no ".js"
        Assert.Contains("req(['plotly'], render, fail);", html);
        Assert.Contains($"script.src = '{PlotlyJs.CdnUrl}';", html);
        Assert.Contains("window.__courseKitPlotly", html); // one download shared by all figures on the page
        Assert.DoesNotContain("<script src=", html);
        Assert.Equal("https://cdn.plot.ly/plotly-2.35.2.min.js", PlotlyJs.CdnUrl);
    }

    [Fact]
    public void Cdn_and_already_loaded_sources_differ_only_in_the_script_tag()
    {
        Assert.StartsWith($"<script src=\"{PlotlyJs.CdnUrl}\"", Sample().ToHtml(PlotlySource.Cdn));
        Assert.StartsWith("<div id=", Sample().ToHtml(PlotlySource.AlreadyLoaded));
    }

    [Fact]
    public void Figure_script_runs_after_the_plot_with_gd_in_scope()
    {
        var figure = Sample();
        figure.Script = "gd.on('plotly_click', function () {});";
        var html = figure.ToHtml();
        Assert.Contains("(function (gd, Plotly, figure) {\ngd.on('plotly_click', function () {});", html);
        Assert.DoesNotContain("plotly_click", figure.ToJson());
    }

    [Fact]
    public void Standalone_page_embeds_a_local_plotly_copy_when_there_is_one()
    {
        var fake = Path.Combine(Path.GetTempPath(), $"fake-plotly-{Guid.NewGuid():N}.min.js");
        File.WriteAllText(fake, "window.Plotly = { fake: true, s: '</script>' };");
        try
        {
            var page = Sample().ToStandaloneHtml("My <page>", fake);
            Assert.StartsWith("<!DOCTYPE html>", page);
            Assert.Contains("<title>My &lt;page&gt;</title>", page);
            Assert.Contains("window.Plotly = { fake: true, s: '<\\/script>' };", page);
            Assert.DoesNotContain("<script src=", page);
            Assert.True(page.IndexOf("fake: true", StringComparison.Ordinal) < page.IndexOf("<div id=", StringComparison.Ordinal));
            Assert.EndsWith("</html>\n", page);
        }
        finally { File.Delete(fake); }
    }

    [Fact]
    public void Standalone_page_falls_back_to_the_cdn_without_a_local_copy()
    {
        var page = Sample().ToStandaloneHtml(null, localPlotly: null);
        Assert.Contains($"<script src=\"{PlotlyJs.CdnUrl}\" charset=\"utf-8\"></script>", page);
        Assert.Contains("<title>CourseKit figure</title>", page);
    }

    [Fact]
    public void Local_copy_is_found_from_the_configured_path_then_node_modules_upwards()
    {
        var root = Directory.CreateTempSubdirectory("coursekit-plotly-").FullName;
        try
        {
            var nested = Directory.CreateDirectory(Path.Combine(root, "a", "b")).FullName;
            Assert.Null(PlotlyJs.FindLocalCopy(null, nested, []));

            var package = Directory.CreateDirectory(Path.Combine(root, "node_modules", "plotly.js-dist-min")).FullName;
            var fromNpm = Path.Combine(package, "plotly.min.js");
            File.WriteAllText(fromNpm, "/* npm */");
            Assert.Equal(fromNpm, PlotlyJs.FindLocalCopy(null, nested, []));

            var configured = Path.Combine(root, "mine.js");
            File.WriteAllText(configured, "/* mine */");
            Assert.Equal(configured, PlotlyJs.FindLocalCopy(configured, nested, []));
            Assert.Equal(fromNpm, PlotlyJs.FindLocalCopy(Path.Combine(root, "missing.js"), nested, []));

            var system = Path.Combine(root, "system.js");
            File.WriteAllText(system, "/* system */");
            Assert.Equal(system, PlotlyJs.FindLocalCopy(null, null, [Path.Combine(root, "nope.js"), system]));
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void Script_tag_embeds_or_links()
    {
        Assert.Equal($"<script src=\"{PlotlyJs.CdnUrl}\" charset=\"utf-8\"></script>", PlotlyJs.ScriptTag(embed: false));
        Assert.Equal(PlotlyJs.ScriptTag(false), PlotlyJs.ScriptTag(embed: true, localCopy: null));
    }
}
