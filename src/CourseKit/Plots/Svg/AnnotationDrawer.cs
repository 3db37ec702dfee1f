namespace CourseKit.Plots.Svg;

/// <summary>
/// Draws the layout's annotations and shapes. A position is a paper fraction (<c>xref: "paper"</c>, plotly's default
/// for annotations) or a value on an axis (<c>"x"</c>, <c>"y2"</c>…). An annotation with an arrow (plotly's default)
/// puts its text at the arrow's tail, <c>ax</c>/<c>ay</c> pixels from the point (−10, −30 by default), and points at
/// it; without one the text is anchored at the point, by default towards the inside of the plot.
/// </summary>
internal static class AnnotationDrawer
{
    public static void DrawAnnotations(SvgWriter w, SvgScene scene)
    {
        foreach (var note in scene.Layout.Annotations ?? [])
        {
            if (note is null) continue;
            var lines = SvgText.Lines(note.Text);
            if (lines.Length == 0) continue;
            bool paperX = note.XRef is null or "paper", paperY = note.YRef is null or "paper";
            double px = Position(scene, note.XRef, note.X ?? 0.5, horizontal: true);
            double py = Position(scene, note.YRef, note.Y ?? 0.5, horizontal: false);
            if (!double.IsFinite(px) || !double.IsFinite(py)) continue;
            var font = scene.Font.With(note.Font);
            double width = SvgText.Width(lines, font.Size) + 4, height = lines.Length * font.Size * SvgText.LineHeight + 2;

            bool arrow = note.ShowArrow ?? true;
            double cx, cy;   // the text box's centre
            if (arrow)
            {
                cx = px + (note.Ax ?? -10);
                cy = py + (note.Ay ?? -30);
            }
            else
            {
                string xAnchor = note.XAnchor is { } xa && xa != "auto" ? xa : paperX ? Third(note.X ?? 0.5, "left", "center", "right") : "center";
                string yAnchor = note.YAnchor is { } ya && ya != "auto" ? ya : paperY ? Third(note.Y ?? 0.5, "bottom", "middle", "top") : "middle";
                cx = xAnchor switch { "left" => px + width / 2, "right" => px - width / 2, _ => px };
                cy = yAnchor switch { "bottom" => py - height / 2, "top" => py + height / 2, _ => py };
            }

            w.Element("g").Attr("class", "annotation").Open();
            if (arrow) Arrow(w, cx, cy, px, py, width, height);
            if (note.BgColor is not null || note.BorderColor is not null)
                w.Element("rect").Attr("x", cx - width / 2).Attr("y", cy - height / 2).Attr("width", width).Attr("height", height)
                 .Attr("fill", note.BgColor ?? "none").Attr("stroke", note.BorderColor).Attr("stroke-width", note.BorderColor is null ? null : 1).End();
            SvgText.Write(w, cx, cy, lines, font, "middle", "middle");
            w.Close("g");
        }
    }

    /// <summary>plotly's "auto" anchor for a paper position: the side nearest the edge it is close to.</summary>
    private static string Third(double fraction, string low, string middle, string high) => fraction <= 1.0 / 3 ? low : fraction >= 2.0 / 3 ? high : middle;

    /// <summary>A line from the text box's edge to the point, with a triangular head at the point.</summary>
    private static void Arrow(SvgWriter w, double cx, double cy, double px, double py, double width, double height)
    {
        double dx = px - cx, dy = py - cy, distance = Math.Sqrt(dx * dx + dy * dy);
        if (distance < 1) return;
        // Leave the box where the line crosses its edge.
        double t = Math.Min(dx == 0 ? double.PositiveInfinity : width / 2 / Math.Abs(dx), dy == 0 ? double.PositiveInfinity : height / 2 / Math.Abs(dy));
        double sx = cx + dx * Math.Min(t, 1), sy = cy + dy * Math.Min(t, 1);
        double ux = dx / distance, uy = dy / distance, head = 8, half = 3.5;
        double bx = px - ux * head, by = py - uy * head;
        w.Element("path").Attr("d", $"M{N(sx)},{N(sy)}L{N(bx)},{N(by)}").Attr("stroke", PlotlyDefaults.LineColor).Attr("stroke-width", 1).Attr("fill", "none").End();
        w.Element("path").Attr("d", $"M{N(px)},{N(py)}L{N(bx - uy * half)},{N(by + ux * half)}L{N(bx + uy * half)},{N(by - ux * half)}Z")
         .Attr("fill", PlotlyDefaults.LineColor).End();
    }

    /// <summary>Draws the shapes of one layer ("below" the data, or "above", plotly's default).</summary>
    public static void DrawShapes(SvgWriter w, SvgScene scene, bool below)
    {
        foreach (var shape in scene.Layout.Shapes ?? [])
        {
            if (shape is null || (shape.Layer == "below") != below) continue;
            double x0 = Position(scene, shape.XRef ?? "x", shape.X0 ?? 0, true), x1 = Position(scene, shape.XRef ?? "x", shape.X1 ?? 0, true);
            double y0 = Position(scene, shape.YRef ?? "y", shape.Y0 ?? 0, false), y1 = Position(scene, shape.YRef ?? "y", shape.Y1 ?? 0, false);
            if (!double.IsFinite(x0 + x1 + y0 + y1)) continue;
            var stroke = shape.Line?.Color ?? PlotlyDefaults.LineColor;
            double strokeWidth = shape.Line?.Width ?? 2;
            switch (shape.Type ?? "rect")
            {
                case "line":
                    w.Element("path").Attr("d", $"M{N(x0)},{N(y0)}L{N(x1)},{N(y1)}");
                    break;
                case "circle":
                    w.Element("ellipse").Attr("cx", (x0 + x1) / 2).Attr("cy", (y0 + y1) / 2).Attr("rx", Math.Abs(x1 - x0) / 2).Attr("ry", Math.Abs(y1 - y0) / 2);
                    break;
                default:
                    w.Element("rect").Attr("x", Math.Min(x0, x1)).Attr("y", Math.Min(y0, y1)).Attr("width", Math.Abs(x1 - x0)).Attr("height", Math.Abs(y1 - y0));
                    break;
            }
            w.Attr("fill", shape.Type == "line" ? "none" : shape.FillColor ?? "none").Attr("stroke", strokeWidth > 0 ? stroke : "none").Attr("stroke-width", strokeWidth)
             .Attr("stroke-dasharray", ScatterDrawer.Dash(shape.Line?.Dash, strokeWidth)).Attr("opacity", shape.Opacity).End();
        }
    }

    /// <summary>The pixel of a position given in paper fractions or on the axis named by <paramref name="reference"/>.</summary>
    private static double Position(SvgScene scene, string? reference, double value, bool horizontal)
    {
        if (reference is null or "paper") return horizontal ? scene.Area.X(value) : scene.Area.Y(value);
        var id = reference.EndsWith(" domain", StringComparison.Ordinal) ? reference[..^7] : reference;
        if (!scene.Axes.TryGetValue(id, out var axis) || axis.IsX != horizontal) return double.NaN;
        if (reference.EndsWith(" domain", StringComparison.Ordinal)) return axis.PixelFrom + value * (axis.PixelTo - axis.PixelFrom);
        return axis.Pixel(value);   // plotly: in axis units (a log axis's exponent, a category's position)
    }

    private static string N(double v) => SvgWriter.Number(v);
}
