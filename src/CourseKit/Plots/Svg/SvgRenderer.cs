using System.Security.Cryptography;
using System.Text;

namespace CourseKit.Plots.Svg;

/// <summary>
/// Writes a <see cref="SvgScene"/> as one SVG document, layer by layer as plotly.js stacks them: backgrounds and grid
/// lines, shapes below the data, the traces (each clipped to its subplot), axes, shapes and annotations above,
/// sliders, colour bars, legend and title. Buttons (<c>updatemenus</c>) are not drawn: they do nothing without scripts. Element ids (clip paths, gradients) end in a hash of the picture, so several
/// pictures on one page never borrow each other's.
/// </summary>
internal static class SvgRenderer
{
    /// <summary>Stands for the picture's id prefix until the content is known.</summary>
    private const string IdToken = "ck_id_";

    public static string Render(Figure figure)
    {
        var scene = new SvgScene(figure);
        var w = new SvgWriter();
        double width = scene.Width, height = scene.Height;
        var title = SvgText.Lines(scene.Layout.Title?.Text);

        w.Element("svg").Attr("xmlns", "http://www.w3.org/2000/svg").Attr("xmlns:xlink", "http://www.w3.org/1999/xlink")
         .Attr("class", "coursekit-svg").Attr("viewBox", $"0 0 {SvgWriter.Number(width)} {SvgWriter.Number(height)}")
         .Attr("width", "100%").Attr("style", $"max-width:{SvgWriter.Number(width)}px;height:auto;display:block")
         .Attr("font-family", scene.FontFamily).Attr("role", "img").Open().Raw("\n");
        w.Element("title").Open().Content(title.Length > 0 ? string.Join(" ", title) : figure.ToString()).Close("title");
        w.Element("rect").Attr("width", width).Attr("height", height).Attr("fill", scene.PaperBackground).End();

        var subplots = scene.Subplots.ToList();
        var clipIds = new Dictionary<(string, string), string>();
        w.Element("defs").Open().Raw("\n");
        foreach (var (x, y) in subplots.Concat(scene.Drawers.Select(d => (d.X, d.Y))).Distinct())
        {
            var id = $"{IdToken}-clip-{x.Id}{y.Id}";
            clipIds[(x.Id, y.Id)] = id;
            w.Element("clipPath").Attr("id", id).Open();
            Rect(w, x, y).End();
            w.Close("clipPath");
        }
        w.Close("defs");

        foreach (var (x, y) in subplots) Rect(w, x, y).Attr("fill", scene.PlotBackground).End();
        var ticks = scene.Axes.Values.Where(a => a.Anchor is not null).ToDictionary(a => a, AxisTicks.Of);
        foreach (var (axis, axisTicks) in ticks) AxisDrawer.DrawGrid(w, axis, axisTicks);
        AnnotationDrawer.DrawShapes(w, scene, below: true);

        foreach (var drawer in scene.Drawers)
        {
            w.Element("g").Attr("clip-path", $"url(#{clipIds[(drawer.X.Id, drawer.Y.Id)]})").Open().Raw("\n");
            drawer.Draw(w);
            w.Close("g");
        }

        foreach (var (axis, axisTicks) in ticks) AxisDrawer.DrawAxis(w, axis, axisTicks, scene.Font, scene.Area);
        AnnotationDrawer.DrawShapes(w, scene, below: false);
        AnnotationDrawer.DrawAnnotations(w, scene);
        SliderDrawer.Draw(w, scene);
        for (int i = 0; i < scene.ColorBars.Count; i++) ColorBarDrawer.Draw(w, scene.ColorBars[i], scene.Area, scene.Font, $"{IdToken}-scale{i}");
        scene.Legend.Draw(w);
        if (title.Length > 0) DrawTitle(w, scene, title);
        w.Close("svg");

        // Ids start attribute values (id="…", url(#…)); a '"' never comes from the figure's texts, which are escaped.
        var svg = w.ToString();
        var prefix = "ck" + Hash(svg);
        return svg.Replace("=\"" + IdToken, "=\"" + prefix).Replace("=\"url(#" + IdToken, "=\"url(#" + prefix);
    }

    private static SvgWriter Rect(SvgWriter w, SvgAxis x, SvgAxis y) =>
        w.Element("rect").Attr("x", Math.Min(x.PixelFrom, x.PixelTo)).Attr("y", Math.Min(y.PixelFrom, y.PixelTo))
         .Attr("width", x.Length).Attr("height", y.Length);

    /// <summary>The figure title: 1.4 times the figure's font, centred over the figure; hung from <c>pad.t</c> below the top
    /// when it is anchored there (<see cref="FigureLayout.Title"/>) and fits above the plots, else its baseline half way
    /// down the top margin (plotly's automatic place).</summary>
    private static void DrawTitle(SvgWriter w, SvgScene scene, string[] lines)
    {
        var setting = scene.Layout.Title!;
        var font = (scene.Font with { Size = Math.Round(scene.Font.Size * 1.4) }).With(setting.Font);
        double fraction = setting.X ?? 0.5;
        string anchor = setting.XAnchor switch
        {
            "left" => "start",
            "right" => "end",
            "center" => "middle",
            _ => fraction < 1.0 / 3 ? "start" : fraction > 2.0 / 3 ? "end" : "middle",
        };
        double hung = (1 - (setting.Y ?? 1)) * scene.Height + (setting.Pad?.T ?? 0);
        bool fits = hung + lines.Length * font.Size * SvgText.LineHeight <= scene.Area.Top;
        if (setting is { YRef: "container", YAnchor: "top" } && fits)
            SvgText.Write(w, fraction * scene.Width, hung, lines, font, anchor, "top", cssClass: "title");
        else
            SvgText.Write(w, fraction * scene.Width, scene.Area.Top / 2, lines, font, anchor, "baseline", cssClass: "title");
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10].ToLowerInvariant();
}
