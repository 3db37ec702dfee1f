using System.Text.Json;
using System.Text.RegularExpressions;
using CourseKit.Testing;

namespace CourseKit.Tests.Plots;

public class FigureHtmlTests
{
    private static Figure Sample() => new(new Scatter { X = new[] { 1.0, 2.0 }, Y = new[] { 3.0, 4.0 }, Name = "sample" });

    private static string DivId(string html) => Regex.Match(html, "<div id=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>How many copies of plotly.js a text carries (each delivery element opens with this).</summary>
    private static int Deliveries(string html) => Regex.Matches(html, "<script data-coursekit=\"plotly\\.js").Count;

    [Fact]
    public void Html_fragment_holds_the_static_picture_in_the_div_and_the_figure_json_in_the_script()
    {
        var figure = Sample();
        figure.Layout.Title = "Growth";
        var html = figure.ToHtml(PlotlySource.AlreadyLoaded);
        var id = DivId(html);
        Assert.StartsWith("coursekit-plot-", id);
        // The picture (ToSvg) fills the div; scripts, where they run, replace it.
        Assert.Matches(new Regex($"^<div id=\"{id}\" class=\"coursekit-plot\" style=\"width:100%;\"><svg\\b[^>]*>.*</svg>\\s*</div>\n<script", RegexOptions.Singleline), html);
        Assert.Contains(">Growth</", html[..html.IndexOf("</svg>", StringComparison.Ordinal)]);
        Assert.Contains($"var id = \"{id}\";", html);
        Assert.Contains("var figure = " + figure.ToPlotlyJson() + ";", html);
        Assert.Contains("Plotly.newPlot(gd, figure)", html);
    }

    [Fact]
    public void The_figure_script_draws_at_once_when_plotly_is_there_and_otherwise_waits_for_it()
    {
        var html = Sample().ToHtml(PlotlySource.AlreadyLoaded);
        Assert.Contains("if (window.Plotly) draw();", html);
        Assert.Contains("else window.addEventListener('coursekit-plotly-ready', draw, { once: true });", html);
        // The static picture is taken out while plotly draws and put back if it fails: never a red error box.
        Assert.Contains("var picture = gd.innerHTML;", html);
        Assert.Contains("gd.innerHTML = picture;", html);
        Assert.DoesNotContain("could not be loaded", html);
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
    public void In_a_notebook_session_only_the_first_figure_carries_plotly_until_a_new_session()
    {
        var session = new PlotlyDelivery();
        var first = Sample().ToHtml(PlotlySource.Notebook, null, session);
        var second = Sample().ToHtml(PlotlySource.Notebook, null, session);
        Assert.Equal(1, Deliveries(first));
        Assert.Equal(0, Deliveries(second));
        Assert.StartsWith("<script data-coursekit=\"plotly.js 2.35.2\">", first);
        Assert.True(first.IndexOf("data-coursekit", StringComparison.Ordinal) < first.IndexOf("<div id=", StringComparison.Ordinal));

        session.Reset(); // a new kernel
        Assert.Equal(1, Deliveries(Sample().ToHtml(PlotlySource.Notebook, null, session)));
        Assert.Equal(0, Deliveries(Sample().ToHtml(PlotlySource.Notebook, null, session)));
    }

    [Fact]
    public void Embedded_fragments_always_carry_plotly_and_already_loaded_ones_never()
    {
        var session = new PlotlyDelivery();
        Assert.Equal(1, Deliveries(Sample().ToHtml(PlotlySource.Embedded, null, session)));
        Assert.Equal(1, Deliveries(Sample().ToHtml(PlotlySource.Embedded, null, session)));
        Assert.Equal(0, Deliveries(Sample().ToHtml(PlotlySource.AlreadyLoaded, null, session)));
        Assert.True(session.Take(), "neither used up the notebook session's delivery");
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample().ToHtml((PlotlySource)7, null, session));
    }

    [Fact]
    public void The_delivery_hides_amd_loaders_from_plotly_and_then_announces_it()
    {
        var script = PlotlyJs.ScriptTag();
        Assert.StartsWith("<script data-coursekit=\"plotly.js 2.35.2\">\n", script);
        Assert.Contains("(function (define, module, exports) {\nif (window.Plotly) return;\n", script);
        Assert.Contains(PlotlyBundle.CarriedLibrary(), script);
        Assert.EndsWith("\n})();\nwindow.dispatchEvent(new Event('coursekit-plotly-ready'));\n</script>", script);
        Assert.Single(Regex.Matches(script, "</script", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void A_library_with_a_closing_script_tag_in_it_cannot_end_the_element_early()
    {
        var delivery = PlotlyBundle.Deliver("var s = '</script><b>';", "plotly.js test");
        Assert.Contains("var s = '<\\/script><b>';", delivery);
        Assert.Single(Regex.Matches(delivery, "</script", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void Delivery_elements_are_taken_out_of_a_page_body_and_nothing_else()
    {
        var first = Sample().ToHtml(PlotlySource.Embedded, "a", new PlotlyDelivery());
        var second = Sample().ToHtml(PlotlySource.Embedded, "b", new PlotlyDelivery());
        var carried = PlotlyBundle.DeliveryScript + "\n";
        Assert.StartsWith(carried, first);
        var body = $"<p>one</p>{first}<p>two</p>{second}";
        var stripped = PlotlyBundle.WithoutDeliveryScripts(body, out bool removed);
        Assert.True(removed);
        Assert.Equal($"<p>one</p>{first[carried.Length..]}<p>two</p>{second[carried.Length..]}", stripped);
        Assert.Equal(stripped, PlotlyBundle.WithoutDeliveryScripts(stripped, out removed));
        Assert.False(removed);
        Assert.True(PlotlyBundle.HasFigure(stripped));
        Assert.False(PlotlyBundle.HasFigure("<p>plotly</p>"));
    }

    [Fact]
    public void Standalone_page_carries_plotly_once_in_its_head_then_the_figure()
    {
        var figure = Sample();
        figure.Script = "gd.on('plotly_click', function () {});";
        var page = figure.ToStandaloneHtml("My <page>");
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("<title>My &lt;page&gt;</title>", page);
        Assert.Equal(1, Deliveries(page));
        int head = page.IndexOf("</head>", StringComparison.Ordinal);
        Assert.True(page.IndexOf("data-coursekit", StringComparison.Ordinal) < head);
        Assert.True(page.IndexOf("<div id=", StringComparison.Ordinal) > head);
        Assert.Contains("class=\"coursekit-plot\" style=\"width:100%;\"><svg", page);
        Assert.Contains("gd.on('plotly_click'", page);
        Assert.EndsWith("</html>\n", page);
        Assert.Contains("<title>CourseKit figure</title>", Sample().ToStandaloneHtml());
    }

    [Fact]
    public void No_figure_fragment_or_page_fetches_a_script_or_stylesheet_from_the_web()
    {
        var figure = Plot.DecisionBoundaryExplorer(Model(), Tensor.FromArray(new float[,] { { 0, 0 }, { 1, 1 } }), Tensor.FromArray(new float[] { 0, 1 }));
        foreach (var html in new[]
                 {
                     figure.ToHtml(PlotlySource.Notebook, null, new PlotlyDelivery()), figure.ToHtml(PlotlySource.Notebook),
                     figure.ToHtml(PlotlySource.Embedded), figure.ToHtml(PlotlySource.AlreadyLoaded), figure.ToStandaloneHtml(),
                 })
            Assert.Empty(WebReferences.In(html));
        Assert.Empty(WebReferences.In(PlotlyBundle.CarriedLibrary()));
    }

    [Fact]
    public void The_web_reference_finder_finds_what_the_old_cdn_loaders_wrote()
    {
        // What figures carried before plotly.js came with CourseKit: each must be caught (the finder is not blind).
        Assert.Equal(["https://cdn.plot.ly/plotly-2.35.2.min.js"], WebReferences.In("<script src=\"https://cdn.plot.ly/plotly-2.35.2.min.js\" charset=\"utf-8\"></script>"));
        Assert.Equal(["https://cdn.plot.ly/plotly-2.35.2.min.js"], WebReferences.In("script.src = 'https://cdn.plot.ly/plotly-2.35.2.min.js';"));
        Assert.Equal(["https://cdn.plot.ly/plotly-2.35.2.min"], WebReferences.In("rjs.config({ context: 'c', paths: { plotly: 'https://cdn.plot.ly/plotly-2.35.2.min' } });"));
        Assert.Equal(["https://cdn.jsdelivr.net/npm/katex@0.16.11/dist/katex.min.css"],
            WebReferences.In("<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/npm/katex@0.16.11/dist/katex.min.css\">"));
        Assert.Equal(["//fonts.example/a.css", "http://fonts.example/b.woff2"],
            WebReferences.In("<style>@import url(//fonts.example/a.css); src: url('http://fonts.example/b.woff2')</style>"));
        Assert.Equal(["https://cdn.jsdelivr.net/npm/katex@0.16.11/dist/katex.min.js"],
            WebReferences.In("load('https://cdn.jsdelivr.net/npm/katex@0.16.11/dist/katex.min.js', function () { });"));
        Assert.Empty(WebReferences.In("<a href=\"https://plotly.com/\">plotly</a><svg xmlns=\"http://www.w3.org/2000/svg\"></svg><img src=\"data:image/png;base64,AA\">"));
    }

    [Fact]
    public void The_carried_bundle_is_the_version_CourseKit_names()
    {
        var library = PlotlyBundle.CarriedLibrary();
        Assert.StartsWith($"/**\n* plotly.js (cartesian - minified) v{PlotlyJs.Version}\n", library);
        Assert.Equal("2.35.2", PlotlyJs.Version);
        Assert.InRange(library.Length, 1_000_000, 2_000_000); // the partial bundle, not the 4.6 MB full one
    }

    [Fact]
    public void The_carried_bundle_has_every_trace_type_the_figure_model_writes()
    {
        var library = PlotlyBundle.CarriedLibrary();
        var types = typeof(Trace).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Trace)) && !t.IsAbstract)
            .Select(t => ((Trace)Activator.CreateInstance(t)!).Type).Order().ToList();
        Assert.Equal(["bar", "contour", "heatmap", "histogram", "image", "scatter"], types);
        foreach (var type in types)
            Assert.Contains($"moduleType:\"trace\",name:\"{type}\"", library);
        foreach (var component in new[] { "sliders", "updatemenus", "annotations", "shapes", "colorbar", "grid", "legend" })
            Assert.Matches($"name:\"{component}\"", library);
    }

    [Fact]
    public void Another_plotly_file_can_be_named_and_a_missing_one_is_explained()
    {
        var file = Path.Combine(Path.GetTempPath(), $"plotly-{Guid.NewGuid():N}.js");
        File.WriteAllText(file, "window.Plotly = { version: 'mine' };");
        try
        {
            Assert.Equal("window.Plotly = { version: 'mine' };", PlotlyBundle.Library(file, out var origin));
            Assert.Equal($"plotly.js from {Path.GetFileName(file)}", origin);
        }
        finally { File.Delete(file); }

        var error = Assert.Throws<FileNotFoundException>(() => PlotlyBundle.Library(file, out _));
        Assert.Contains($"COURSEKIT_PLOTLY_JS names '{file}', which does not exist", error.Message);
        Assert.Contains("unset it to use the plotly.js 2.35.2 CourseKit carries", error.Message);

        Assert.Equal(PlotlyBundle.CarriedLibrary(), PlotlyBundle.Library(null, out var carried));
        Assert.Equal("plotly.js 2.35.2", carried);
    }

    [Fact]
    public void ToPlotlyJson_writes_plotly_js_schema_and_ToJson_is_the_same()
    {
        var figure = Sample();
        Assert.Equal(
            """{"data":[{"type":"scatter","x":[1,2],"y":[3,4],"name":"sample"}],"layout":{"margin":{"l":60,"r":30,"t":40,"b":50},"font":{"size":13,"color":"#222","family":"system-ui, -apple-system, \u0027Segoe UI\u0027, Roboto, sans-serif"},"hovermode":"closest","plot_bgcolor":"white","paper_bgcolor":"white"},"config":{"responsive":true,"displaylogo":false}}""",
            figure.ToPlotlyJson());
        Assert.Equal(figure.ToPlotlyJson(), figure.ToJson());
        Assert.Equal(figure.ToPlotlyJson(indented: true), figure.ToJson(indented: true));

        figure.Frames = [new FigureFrame { Name = "f0", Data = [new Scatter { Y = new[] { 5.0 } }] }];
        using var json = JsonDocument.Parse(figure.ToPlotlyJson(indented: true));
        Assert.Equal(["data", "layout", "frames", "config"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("f0", json.RootElement.GetProperty("frames")[0].GetProperty("name").GetString());
    }

    private static Model Model() => new Sequential([new Dense(1, inputShape: [2], activation: "sigmoid")]);
}
