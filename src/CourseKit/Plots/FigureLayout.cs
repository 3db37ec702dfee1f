using System.Text.Json.Serialization;

namespace CourseKit;

/// <summary>
/// Everything in a <see cref="Figure"/> that is not data: title, size, axes, legend, annotations, sliders
/// (plotly's <c>layout</c>). Subplots get more axes: <see cref="XAxisAt"/>(2) is plotly's <c>xaxis2</c>.
/// </summary>
public sealed record FigureLayout
{
    /// <summary>
    /// The top band of every figure that belongs to plotly's toolbar (its buttons are about 30 px high, 2 px from the top
    /// right, shown while the mouse is over the figure): the title, a legend row and subplot titles sit below it, so the
    /// toolbar never covers them, however narrow the figure or long its title.
    /// </summary>
    public const int ToolbarBand = 40;

    /// <summary>The room a one-line figure title takes below the <see cref="ToolbarBand"/>.</summary>
    public const int TitleBand = 32;

    /// <summary>
    /// The top margin that leaves the <see cref="ToolbarBand"/> free: the band, the <see cref="TitleBand"/> when the
    /// figure has a title, and <paramref name="below"/> pixels for what sits between them and the plots (a legend row,
    /// subplot titles).
    /// </summary>
    public static int TopMargin(bool title, int below = 0) => ToolbarBand + (title ? TitleBand : 0) + below;

    private PlotTitle? _title;

    /// <summary>
    /// The figure's title, above the plot. Unless it says where it goes (<see cref="PlotTitle.YRef"/>), it hangs from
    /// the bottom of the <see cref="ToolbarBand"/>, and plotly may widen the top margin to fit it; a top margin too small
    /// for the band and the title (e.g. a title given after <see cref="Clean"/>) grows to <see cref="TopMargin"/>.
    /// </summary>
    public PlotTitle? Title
    {
        get => _title;
        set
        {
            if (value is not { YRef: null }) { _title = value; return; }
            _title = value with { YRef = "container", Y = 1, YAnchor = "top", Pad = new PlotMargin { T = ToolbarBand }, AutoMargin = true };
            if (Margin is { } margin && margin.T < TopMargin(title: true)) margin.T = TopMargin(title: true);
        }
    }

    /// <summary>Width in pixels (null: as wide as the output cell).</summary>
    public double? Width { get; set; }

    /// <summary>Height in pixels (null: plotly's 450).</summary>
    public double? Height { get; set; }

    /// <summary>The first x axis (<c>"x"</c>).</summary>
    public Axis? XAxis { get; set; }

    /// <summary>The first y axis (<c>"y"</c>).</summary>
    public Axis? YAxis { get; set; }

    /// <summary>A regular grid of subplots that plotly lays out itself.</summary>
    public LayoutGrid? Grid { get; set; }

    /// <summary>Whether the legend is shown.</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>The legend's position and look.</summary>
    public PlotLegend? Legend { get; set; }

    /// <summary>Texts (with optional arrows) placed on the figure.</summary>
    public List<PlotAnnotation>? Annotations { get; set; }

    /// <summary>Lines, rectangles and circles drawn on the figure.</summary>
    public List<PlotShape>? Shapes { get; set; }

    /// <summary>Sliders (e.g. to step through animation frames).</summary>
    public List<PlotSlider>? Sliders { get; set; }

    /// <summary>Buttons and drop-downs (e.g. play/pause).</summary>
    public List<UpdateMenu>? UpdateMenus { get; set; }

    /// <summary>Space around the plotting area, in pixels.</summary>
    public PlotMargin? Margin { get; set; }

    /// <summary>The default font for all texts.</summary>
    public PlotFont? Font { get; set; }

    /// <summary><c>"closest"</c> (the point under the mouse), <c>"x"</c>, <c>"x unified"</c> or false.</summary>
    public object? HoverMode { get; set; }

    /// <summary><c>"group"</c> (bars side by side), <c>"stack"</c> or <c>"overlay"</c>.</summary>
    public string? BarMode { get; set; }

    /// <summary>The background colour of the plotting area.</summary>
    [JsonPropertyName("plot_bgcolor")]
    public string? PlotBackground { get; set; }

    /// <summary>The background colour of the whole figure.</summary>
    [JsonPropertyName("paper_bgcolor")]
    public string? PaperBackground { get; set; }

    /// <summary>More axes (<c>xaxis2</c>, <c>yaxis3</c>, …) and any plotly layout attribute this model does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, object>? Extra { get; set; }

    /// <summary>The x axis number <paramref name="n"/> (1 is <see cref="XAxis"/>, 2 is plotly's <c>xaxis2</c>…), created if missing.</summary>
    public Axis XAxisAt(int n) => AxisAt("x", n);

    /// <summary>The y axis number <paramref name="n"/> (1 is <see cref="YAxis"/>, 2 is plotly's <c>yaxis2</c>…), created if missing.</summary>
    public Axis YAxisAt(int n) => AxisAt("y", n);

    private Axis AxisAt(string letter, int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), $"Axes are numbered from 1 (plotly's \"{letter}axis\"), got {n}.");
        if (n == 1) return letter == "x" ? XAxis ??= new Axis() : YAxis ??= new Axis();
        Extra ??= [];
        var key = $"{letter}axis{n}";
        if (Extra.TryGetValue(key, out var existing) && existing is Axis axis) return axis;
        var created = new Axis();
        Extra[key] = created;
        return created;
    }

    /// <summary>A clean default look for the course's charts: white background, light grid, system font, closest-point hover.</summary>
    public static FigureLayout Clean(string? title = null) => new()
    {
        Title = title,
        PlotBackground = "white",
        PaperBackground = "white",
        Font = new PlotFont { Family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", Size = 13, Color = "#222" },
        Margin = new PlotMargin { L = 60, R = 30, T = TopMargin(title is not null), B = 50 },
        HoverMode = "closest",
    };
}
