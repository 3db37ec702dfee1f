namespace CourseKit.Plots.Svg;

/// <summary>
/// Draws an axis as plotly.js does by default: light grid lines at the ticks (#eee), a zero line (#444) when 0 is
/// inside a linear range, and, where the figure asks, the axis line, tick marks (5 px), tick labels and the title
/// (its font 1.2 times the figure's). x axes sit at the bottom of the y axis they are anchored to, y axes at the left;
/// x tick labels too wide for the space between ticks are turned (30° or 90°), as plotly does. Titles pushed out by
/// long labels are kept inside the figure (over the labels, as plotly does).
/// </summary>
internal static class AxisDrawer
{
    /// <summary>Grid and zero lines, drawn under the data.</summary>
    public static void DrawGrid(SvgWriter w, SvgAxis axis, List<(double Units, string Label)> ticks)
    {
        var s = axis.Settings;
        var across = axis.Anchor!;
        if (s.ShowGrid ?? axis.GridByDefault)
        {
            var d = new System.Text.StringBuilder();
            foreach (var (u, _) in ticks)
            {
                double p = axis.Pixel(u);
                if (Math.Abs(p - axis.PixelFrom) < 0.5 && (s.ShowLine ?? false)) continue;
                Line(d, axis.IsX, p, across.PixelFrom, across.PixelTo);
            }
            if (d.Length > 0) w.Element("path").Attr("class", "grid").Attr("d", d.ToString()).Attr("stroke", s.GridColor ?? PlotlyDefaults.GridColor).Attr("stroke-width", 1).End();
        }
        double lo = Math.Min(axis.From, axis.To), hi = Math.Max(axis.From, axis.To);
        if ((s.ZeroLine ?? true) && !axis.IsCategory && !axis.IsLog && lo < 0 && hi > 0)
        {
            var d = new System.Text.StringBuilder();
            Line(d, axis.IsX, axis.Pixel(0), across.PixelFrom, across.PixelTo);
            w.Element("path").Attr("class", "zeroline").Attr("d", d.ToString()).Attr("stroke", s.ZeroLineColor ?? PlotlyDefaults.LineColor).Attr("stroke-width", 1).End();
        }
    }

    /// <summary>The axis line, ticks, labels and title, drawn over the data.</summary>
    /// <param name="w">Where the SVG goes.</param>
    /// <param name="axis">The axis, placed.</param>
    /// <param name="ticks">Its ticks (<see cref="AxisTicks.Of"/>).</param>
    /// <param name="font">The figure's font.</param>
    /// <param name="area">The figure: the axis title is kept inside it.</param>
    public static void DrawAxis(SvgWriter w, SvgAxis axis, List<(double Units, string Label)> ticks, Font font, PlotArea area)
    {
        var s = axis.Settings;
        var across = axis.Anchor!;
        double position = across.PixelFrom;                                  // bottom of the y axis, left of the x axis
        double outward = axis.IsX ? 1 : -1;                                  // down for x, left for y
        var tickStyle = s.Ticks ?? axis.TicksByDefault;
        double tickLength = tickStyle is "outside" or "inside" ? PlotlyDefaults.TickLength : 0;
        double tickSign = tickStyle == "inside" ? -outward : outward;
        var lineColor = s.LineColor ?? PlotlyDefaults.LineColor;

        if (s.ShowLine ?? false)
        {
            var d = new System.Text.StringBuilder();
            Line(d, !axis.IsX, position, axis.PixelFrom, axis.PixelTo);
            if (s.Mirror is true or "ticks" or "all" or "allticks") Line(d, !axis.IsX, across.PixelTo, axis.PixelFrom, axis.PixelTo);
            w.Element("path").Attr("class", "axis-line").Attr("d", d.ToString()).Attr("stroke", lineColor).Attr("stroke-width", 1).End();
        }
        if (tickLength > 0 && ticks.Count > 0)
        {
            var d = new System.Text.StringBuilder();
            foreach (var (u, _) in ticks) Line(d, axis.IsX, axis.Pixel(u), position, position + tickSign * tickLength);
            w.Element("path").Attr("class", "ticks").Attr("d", d.ToString()).Attr("stroke", lineColor).Attr("stroke-width", 1).End();
        }

        double labelGap = (tickStyle == "outside" ? tickLength : 0) + 3;
        double depth = labelGap;   // how far the labels reach from the axis
        if (s.ShowTickLabels ?? true)
        {
            double angle = axis.IsX ? LabelAngle(axis, ticks, font) : 0;
            foreach (var (u, label) in ticks)
            {
                var lines = SvgText.Lines(label);
                if (axis.IsX && angle > 0)
                {
                    // Turned labels start at their tick and read downwards (plotly's tickangle 30 or 90).
                    double x = axis.Pixel(u), y = position + labelGap + font.Size * 0.4;
                    SvgText.Write(w, x, y, lines, font, "start", "middle", rotate: angle);
                    double radians = angle * Math.PI / 180;
                    depth = Math.Max(depth, labelGap + SvgText.Width(lines, font.Size) * Math.Sin(radians) + font.Size * Math.Cos(radians));
                }
                else if (axis.IsX)
                {
                    SvgText.Write(w, axis.Pixel(u), position + labelGap, lines, font, "middle", "top");
                    depth = Math.Max(depth, labelGap + font.Size * SvgText.LineHeight * lines.Length);
                }
                else
                {
                    SvgText.Write(w, position - labelGap, axis.Pixel(u), lines, font, "end", "middle");
                    depth = Math.Max(depth, labelGap + SvgText.Width(lines, font.Size));
                }
            }
        }
        if (SvgText.Lines(s.Title?.Text) is { Length: > 0 } title)
        {
            var titleFont = font with { Size = Math.Round(font.Size * 1.2) };
            titleFont = titleFont.With(s.Title!.Font);
            double middle = (axis.PixelFrom + axis.PixelTo) / 2;
            double lines = title.Length * titleFont.Size * SvgText.LineHeight;
            if (axis.IsX) SvgText.Write(w, middle, Math.Min(position + depth + 6, area.Height - lines), title, titleFont, "middle", "top", cssClass: "axis-title");
            else SvgText.Write(w, Math.Max(position - depth - 8, lines), middle, title, titleFont, "middle", "bottom", rotate: -90, cssClass: "axis-title");
        }
    }

    /// <summary>
    /// How far x tick labels are turned so they do not run into each other (plotly's automatic angles): 0 when the
    /// widest fits between two ticks, 30° when turned labels are far enough apart, else 90°.
    /// </summary>
    internal static double LabelAngle(SvgAxis axis, List<(double Units, string Label)> ticks, Font font)
    {
        if (ticks.Count < 2) return 0;
        var pixels = ticks.Select(t => axis.Pixel(t.Units)).Order().ToArray();
        double spacing = Enumerable.Range(1, pixels.Length - 1).Min(i => pixels[i] - pixels[i - 1]);
        double widest = ticks.Max(t => SvgText.Width(SvgText.Lines(t.Label), font.Size));
        if (widest + 4 <= spacing) return 0;
        return font.Size * SvgText.LineHeight * 2 <= spacing ? 30 : 90;   // a line turned by 30° needs twice its height across
    }

    /// <summary>Appends a line across the axis direction: vertical at x = <paramref name="at"/> for an x axis, horizontal for a y axis.</summary>
    private static void Line(System.Text.StringBuilder d, bool vertical, double at, double from, double to)
    {
        string a = SvgWriter.Number(at), f = SvgWriter.Number(from), t = SvgWriter.Number(to);
        if (vertical) d.Append('M').Append(a).Append(',').Append(f).Append('V').Append(t);
        else d.Append('M').Append(f).Append(',').Append(a).Append('H').Append(t);
    }
}
