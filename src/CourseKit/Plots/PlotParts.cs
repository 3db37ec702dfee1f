using System.Text.Json.Serialization;

namespace CourseKit;

/// <summary>A title (of the figure, an axis, a colour bar). A string converts to it: <c>Title = "Loss"</c>.</summary>
public sealed record PlotTitle
{
    public string? Text { get; set; }
    public PlotFont? Font { get; set; }

    /// <summary>Horizontal position as a fraction of the width (0.5: centred).</summary>
    public double? X { get; set; }
    public string? XAnchor { get; set; }

    /// <summary>Vertical position as a fraction of what <see cref="YRef"/> names (1: the top).</summary>
    public double? Y { get; set; }

    /// <summary><c>"container"</c> (the whole figure) or <c>"paper"</c> (the plotting area).</summary>
    public string? YRef { get; set; }

    /// <summary>Which edge of the title sits at <see cref="Y"/>: <c>"top"</c>, <c>"middle"</c> or <c>"bottom"</c>.</summary>
    public string? YAnchor { get; set; }

    /// <summary>Space kept around the title on its anchored sides, in pixels.</summary>
    public PlotMargin? Pad { get; set; }

    /// <summary>Whether plotly may enlarge the figure's margin so that the title fits.</summary>
    public bool? AutoMargin { get; set; }

    public static implicit operator PlotTitle?(string? text) => text is null ? null : new() { Text = text };
}

/// <summary>A font: size in points, CSS colour and family.</summary>
public sealed record PlotFont
{
    public double? Size { get; set; }
    public string? Color { get; set; }
    public string? Family { get; set; }
}

/// <summary>Space around the plotting area, in pixels (left, right, top, bottom).</summary>
public sealed record PlotMargin
{
    public double? L { get; set; }
    public double? R { get; set; }
    public double? T { get; set; }
    public double? B { get; set; }
    public double? Pad { get; set; }
}

/// <summary>Where the legend sits and how it looks.</summary>
public sealed record PlotLegend
{
    public PlotTitle? Title { get; set; }

    /// <summary><c>"v"</c> (a column, default) or <c>"h"</c> (a row).</summary>
    public string? Orientation { get; set; }
    public double? X { get; set; }
    public double? Y { get; set; }
    public string? XAnchor { get; set; }
    public string? YAnchor { get; set; }
    public string? BgColor { get; set; }
}

/// <summary>A grid of subplots laid out by plotly: rows × columns, each with its own axes (<c>"independent"</c>) or shared ones (<c>"coupled"</c>).</summary>
public sealed record LayoutGrid
{
    public int? Rows { get; set; }
    public int? Columns { get; set; }
    public string? Pattern { get; set; }

    /// <summary><c>"top to bottom"</c> (default) or <c>"bottom to top"</c>.</summary>
    public string? RowOrder { get; set; }
    public double? XGap { get; set; }
    public double? YGap { get; set; }
}

/// <summary>
/// A text placed on the figure. With <see cref="XRef"/>/<see cref="YRef"/> <c>"paper"</c> the position is a
/// fraction of the figure (0–1); with <c>"x"</c>, <c>"y2"</c>… it is in data units of that axis.
/// </summary>
public sealed record PlotAnnotation
{
    public string? Text { get; set; }
    public double? X { get; set; }
    public double? Y { get; set; }
    public string? XRef { get; set; }
    public string? YRef { get; set; }
    public bool? ShowArrow { get; set; }
    public int? ArrowHead { get; set; }

    /// <summary>The arrow's tail, as an offset in pixels from the point.</summary>
    public double? Ax { get; set; }
    public double? Ay { get; set; }
    public string? XAnchor { get; set; }
    public string? YAnchor { get; set; }
    public PlotFont? Font { get; set; }
    public string? BgColor { get; set; }
    public string? BorderColor { get; set; }

    /// <summary>A name that scripts can use to find the annotation.</summary>
    public string? Name { get; set; }
}

/// <summary>A line (<c>"line"</c>), rectangle (<c>"rect"</c>) or ellipse (<c>"circle"</c>) from (X0, Y0) to (X1, Y1).</summary>
public sealed record PlotShape
{
    public string? Type { get; set; }
    public double? X0 { get; set; }
    public double? X1 { get; set; }
    public double? Y0 { get; set; }
    public double? Y1 { get; set; }
    public string? XRef { get; set; }
    public string? YRef { get; set; }
    public LineStyle? Line { get; set; }
    public string? FillColor { get; set; }
    public double? Opacity { get; set; }

    /// <summary><c>"above"</c> or <c>"below"</c> the data.</summary>
    public string? Layer { get; set; }
}

/// <summary>A slider: each step runs a plotly method (<c>"animate"</c> to a frame, <c>"restyle"</c>, <c>"relayout"</c>, or <c>"skip"</c> for a script to react).</summary>
public sealed record PlotSlider
{
    /// <summary>A name that scripts can read (<c>event.slider.name</c>).</summary>
    public string? Name { get; set; }

    /// <summary>The index of the step selected at first.</summary>
    public int? Active { get; set; }
    public List<SliderStep>? Steps { get; set; }
    public SliderCurrentValue? CurrentValue { get; set; }
    public double? X { get; set; }
    public double? Y { get; set; }
    public double? Len { get; set; }
    public string? XAnchor { get; set; }
    public string? YAnchor { get; set; }
    public PlotMargin? Pad { get; set; }
}

/// <summary>One position of a <see cref="PlotSlider"/>.</summary>
public sealed record SliderStep
{
    public string? Label { get; set; }

    /// <summary><c>"animate"</c>, <c>"restyle"</c>, <c>"relayout"</c>, <c>"update"</c> or <c>"skip"</c>.</summary>
    public string? Method { get; set; }

    /// <summary>The arguments of <see cref="Method"/>, e.g. <c>[["frame3"], new { mode = "immediate" }]</c> for animate.</summary>
    public object?[]? Args { get; set; }

    /// <summary>The step's value (reported to scripts; the label is shown).</summary>
    public string? Value { get; set; }
}

/// <summary>The "x1 = 0.50" text above a slider.</summary>
public sealed record SliderCurrentValue
{
    public string? Prefix { get; set; }
    public string? Suffix { get; set; }
    public bool? Visible { get; set; }
    public string? XAnchor { get; set; }
    public PlotFont? Font { get; set; }
}

/// <summary>A row of buttons or a drop-down (plotly's <c>updatemenus</c>), e.g. play/pause for an animation.</summary>
public sealed record UpdateMenu
{
    /// <summary><c>"buttons"</c> or <c>"dropdown"</c>.</summary>
    public string? Type { get; set; }
    public string? Direction { get; set; }
    public List<MenuButton>? Buttons { get; set; }
    public bool? ShowActive { get; set; }
    public double? X { get; set; }
    public double? Y { get; set; }
    public string? XAnchor { get; set; }
    public string? YAnchor { get; set; }
    public PlotMargin? Pad { get; set; }
}

/// <summary>One button of an <see cref="UpdateMenu"/>.</summary>
public sealed record MenuButton
{
    public string? Label { get; set; }
    public string? Method { get; set; }
    public object?[]? Args { get; set; }
}

/// <summary>One frame of an animation: the traces (and layout changes) to show at that step.</summary>
public sealed record FigureFrame
{
    /// <summary>The frame's name, used by slider steps and animate calls.</summary>
    public string? Name { get; set; }

    /// <summary>Frames with the same group can be animated together.</summary>
    public string? Group { get; set; }

    /// <summary>The new versions of the traces (in order, or those listed in <see cref="Traces"/>).</summary>
    [JsonIgnore]
    public List<Trace> Data { get; set; } = [];

    [JsonInclude, JsonPropertyName("data")]
    internal IEnumerable<object> DataForJson => Data.Cast<object>();

    /// <summary>Which traces of the figure <see cref="Data"/> replaces (their indices).</summary>
    public int[]? Traces { get; set; }

    /// <summary>Layout changes at this frame (e.g. a new title).</summary>
    public FigureLayout? Layout { get; set; }
}

/// <summary>plotly's display options (not part of the figure's look): the toolbar, responsiveness, scroll zoom.</summary>
public sealed record FigureConfig
{
    /// <summary>Resize the plot when the window or cell is resized.</summary>
    [JsonPropertyName("responsive")]
    public bool? Responsive { get; set; }

    /// <summary>true (always), false (never) or <c>"hover"</c> (default) for the toolbar.</summary>
    [JsonPropertyName("displayModeBar")]
    public object? DisplayModeBar { get; set; }

    /// <summary>Show the plotly logo in the toolbar.</summary>
    [JsonPropertyName("displaylogo")]
    public bool? DisplayLogo { get; set; }

    /// <summary>Zoom with the mouse wheel.</summary>
    [JsonPropertyName("scrollZoom")]
    public bool? ScrollZoom { get; set; }

    /// <summary>A picture without any interaction.</summary>
    [JsonPropertyName("staticPlot")]
    public bool? StaticPlot { get; set; }
}
