namespace CourseKit.Plots.Svg;

/// <summary>
/// The figure's size and its plotting area ("paper" in plotly's words): the figure minus its margins. Positions given
/// as fractions of the paper (legend, colour bar, annotations with <c>xref: "paper"</c>) are measured from its
/// bottom-left corner: (0, 0) is the bottom left, (1, 1) the top right.
/// </summary>
internal sealed record PlotArea(double Width, double Height, double Left, double Top, double Right, double Bottom)
{
    public double PaperWidth => Math.Max(1, Width - Left - Right);
    public double PaperHeight => Math.Max(1, Height - Top - Bottom);

    /// <summary>The pixel of a horizontal paper fraction.</summary>
    public double X(double fraction) => Left + fraction * PaperWidth;

    /// <summary>The pixel of a vertical paper fraction (0 at the bottom).</summary>
    public double Y(double fraction) => Top + (1 - fraction) * PaperHeight;

    /// <summary>
    /// The area with margins grown so that a box of <paramref name="widthPx"/> × <paramref name="heightPx"/> placed at
    /// paper fractions (<paramref name="x"/>, <paramref name="y"/>) with the given anchors fits in the figure, as
    /// plotly's automatic margins do for legends and colour bars outside the plot.
    /// </summary>
    public PlotArea Fit(double x, string xAnchor, double widthPx, double y, string yAnchor, double heightPx)
    {
        var area = this;
        double beyondRight = xAnchor switch { "left" => widthPx, "center" => widthPx / 2, _ => 0 };
        if (x >= 1 && beyondRight > 0)
        {
            // Right edge: Left + x·paperWidth + beyondRight ≤ Width.
            double paperWidth = (Width - Left - beyondRight) / x;
            if (paperWidth < area.PaperWidth) area = area with { Right = Math.Max(area.Right, Width - Left - Math.Max(paperWidth, 10)) };
        }
        double below = yAnchor switch { "top" => heightPx, "middle" => heightPx / 2, _ => 0 };
        if (y <= 0 && below > 0)
        {
            // Bottom edge: Top + (1 − y)·paperHeight + below ≤ Height.
            double paperHeight = (Height - Top - below) / (1 - y);
            if (paperHeight < area.PaperHeight) area = area with { Bottom = Math.Max(area.Bottom, Height - Top - Math.Max(paperHeight, 10)) };
        }
        double above = yAnchor switch { "bottom" => heightPx, "middle" => heightPx / 2, _ => 0 };
        if (y >= 1 && above > 0)
        {
            // Top edge: Top − (y − 1)·paperHeight − above ≥ 0, with paperHeight = Height − Top − Bottom.
            double top = (above + (y - 1) * (Height - area.Bottom)) / y;
            if (top > area.Top) area = area with { Top = Math.Min(top, Height - area.Bottom - 10) };
        }
        return area;
    }
}
