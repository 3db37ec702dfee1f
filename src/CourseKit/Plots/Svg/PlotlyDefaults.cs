namespace CourseKit.Plots.Svg;

/// <summary>
/// What plotly.js uses when a figure leaves something unset, so the static picture matches the interactive chart:
/// the figure size, margins, font, trace colours, grid and axis colours.
/// </summary>
internal static class PlotlyDefaults
{
    public const double Width = 700, Height = 450;
    public const double MarginLeft = 80, MarginRight = 80, MarginTop = 100, MarginBottom = 80;
    public const string FontFamily = "\"Open Sans\", verdana, arial, sans-serif";
    public const double FontSize = 12;
    public const string FontColor = "#444";
    public const string GridColor = "#eee";
    public const string LineColor = "#444";
    public const double TickLength = 5;
    public const double LineWidth = 2;
    public const double MarkerSize = 6;

    /// <summary>plotly.js's <c>layout.colorway</c> (the D3 "category10" colours): trace <c>i</c> gets colour <c>i mod 10</c>.</summary>
    public static IReadOnlyList<string> Colorway { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The colour plotly gives the trace at <paramref name="index"/> in the figure's data.</summary>
    public static string TraceColor(int index) => Colorway[index % Colorway.Count];
}
