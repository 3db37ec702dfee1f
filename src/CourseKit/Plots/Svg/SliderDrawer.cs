namespace CourseKit.Plots.Svg;

/// <summary>
/// Draws the layout's sliders as they stand at first, so a reader without scripts still sees which value each
/// slider sets: the current-value text (prefix, the active step's label, suffix), the track and the handle at the
/// active step, and the first and last step labels under it. Positions follow plotly's defaults (x = 0, y = 0 with
/// the top at that height, len = 1, 20 px padding above).
/// </summary>
internal static class SliderDrawer
{
    public static void Draw(SvgWriter w, SvgScene scene)
    {
        foreach (var slider in scene.Layout.Sliders ?? [])
        {
            if (slider?.Steps is not { Count: > 0 } steps) continue;
            var area = scene.Area;
            double width = (slider.Len ?? 1) * area.PaperWidth;
            double left = area.X(slider.X ?? 0) - slider.XAnchor switch { "right" => width, "center" => width / 2, _ => 0 };
            double top = area.Y(slider.Y ?? 0) + (slider.Pad?.T ?? 20);
            int active = Math.Clamp(slider.Active ?? 0, 0, steps.Count - 1);
            var font = scene.Font;
            w.Element("g").Attr("class", "slider").Open();
            if (slider.CurrentValue?.Visible != false)
            {
                var text = (slider.CurrentValue?.Prefix ?? "") + (steps[active].Label ?? "") + (slider.CurrentValue?.Suffix ?? "");
                SvgText.Write(w, left + 8, top, [text], font.With(slider.CurrentValue?.Font), "start", "top");
            }
            double trackY = top + font.Size * SvgText.LineHeight + 14, inset = 16;
            double from = left + inset, to = left + width - inset;
            w.Element("rect").Attr("x", left + 8).Attr("y", trackY - 2.5).Attr("width", Math.Max(width - 16, 1)).Attr("height", 5).Attr("rx", 2.5)
             .Attr("fill", "#f8fafc").Attr("stroke", "#bec8d9").Attr("stroke-width", 1).End();
            double handle = steps.Count == 1 ? (from + to) / 2 : from + (to - from) * active / (steps.Count - 1);
            w.Element("circle").Attr("cx", handle).Attr("cy", trackY).Attr("r", 9).Attr("fill", "#f6f6f6").Attr("stroke", "#bec8d9").Attr("stroke-width", 1).End();
            var small = font with { Size = Math.Max(font.Size - 2, 8) };
            SvgText.Write(w, from, trackY + 14, [steps[0].Label ?? ""], small, "middle", "top");
            if (steps.Count > 1) SvgText.Write(w, to, trackY + 14, [steps[^1].Label ?? ""], small, "middle", "top");
            w.Close("g");
        }
    }
}
