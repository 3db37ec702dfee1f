namespace CourseKit.Plots.Svg;

/// <summary>
/// A colour bar beside the plot, with plotly's defaults: just right of the plot (x = 1.02), as tall as the plot
/// (len 1) less 10 px padding at each end and the title's line, 30 px thick, a thin outline, nice ticks labelled on its
/// right and the title above it. The colours run through a linear gradient with the scale's stops (for filled contours:
/// one band of colour between each two levels).
/// </summary>
internal static class ColorBarDrawer
{
    private const double Pad = 10, DefaultThickness = 30;

    /// <summary>The room the bar needs to the right of its position: padding, bar, labels.</summary>
    public static double Width(ColorBarSpec bar, Font font)
    {
        var (labels, _) = Ticks(bar, 300);
        double labelWidth = labels.Select(t => SvgText.Width(t.Label, font.Size)).DefaultIfEmpty(0).Max();
        double titleWidth = SvgText.Width(SvgText.Lines(bar.Settings?.Title?.Text), Math.Round(font.Size * 1.2));
        // plotly keeps about 10 px more than the bar and its labels need.
        return Pad + Math.Max((bar.Settings?.Thickness ?? DefaultThickness) + 4 + labelWidth, titleWidth) + 2 * Pad;
    }

    private static (List<(double Value, string Label)>, double Step) Ticks(ColorBarSpec bar, double lengthPx)
    {
        var (values, step) = NiceTicks.For(bar.Min, bar.Max, lengthPx, vertical: true);
        double largest = values.Select(Math.Abs).DefaultIfEmpty(0).Max();
        return (values.Select(v => (v, TickLabels.Format(v, step, bar.Settings?.TickFormat, largest))).ToList(), step);
    }

    public static void Draw(SvgWriter w, ColorBarSpec bar, PlotArea area, Font font, string gradientId)
    {
        var s = bar.Settings;
        double thickness = s?.Thickness ?? DefaultThickness;
        var title = SvgText.Lines(s?.Title?.Text);
        var titleFont = (font with { Size = Math.Round(font.Size * 1.2) }).With(s?.Title?.Font);
        double titleHeight = title.Length * titleFont.Size * SvgText.LineHeight;
        double outer = Math.Max(10 + titleHeight, (s?.Len ?? 1) * area.PaperHeight - 2 * Pad);
        double left = area.X(s?.X ?? 1.02) + Pad;
        double top = area.Y(s?.Y ?? 0.5) - outer / 2 + titleHeight;
        double bottom = area.Y(s?.Y ?? 0.5) + outer / 2;
        double length = bottom - top;

        w.Element("g").Attr("class", "colorbar").Open();
        w.Element("linearGradient").Attr("id", gradientId).Attr("x1", "0").Attr("y1", "1").Attr("x2", "0").Attr("y2", "0").Open();
        foreach (var (position, color) in Stops(bar))
            w.Element("stop").Attr("offset", SvgWriter.Number(position * 100) + "%").Attr("stop-color", color.Hex).End();
        w.Close("linearGradient");
        w.Element("rect").Attr("x", left).Attr("y", top).Attr("width", thickness).Attr("height", length)
         .Attr("fill", $"url(#{gradientId})").Attr("stroke", PlotlyDefaults.LineColor).Attr("stroke-width", 1).End();

        var (ticks, _) = Ticks(bar, length);
        foreach (var (value, label) in ticks)
        {
            double y = bar.Max > bar.Min ? bottom - (value - bar.Min) / (bar.Max - bar.Min) * length : (top + bottom) / 2;
            SvgText.Write(w, left + thickness + 4, y, [label], font, "start", "middle");
        }
        if (title.Length > 0) SvgText.Write(w, left, top - 4, title, titleFont, "start", "bottom");
        w.Close("g");
    }

    /// <summary>The gradient's stops (position 0–1 from the bottom): the scale's own, or two per level for bands.</summary>
    private static IEnumerable<(double Position, Rgba Color)> Stops(ColorBarSpec bar)
    {
        if (bar.Levels is not { Count: >= 2 } levels || !(bar.Max > bar.Min)) return bar.Scale.Stops;
        var edges = levels.Where(l => l > bar.Min && l < bar.Max).Prepend(bar.Min).Append(bar.Max).ToList();
        var stops = new List<(double, Rgba)>();
        for (int i = 0; i + 1 < edges.Count; i++)
        {
            var color = bar.Scale.At(ContourDrawer.BandValue((edges[i] + edges[i + 1]) / 2, levels), bar.Min, bar.Max);
            stops.Add(((edges[i] - bar.Min) / (bar.Max - bar.Min), color));
            stops.Add(((edges[i + 1] - bar.Min) / (bar.Max - bar.Min), color));
        }
        return stops;
    }
}
