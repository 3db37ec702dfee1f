using CourseKit.Plots.Svg;

namespace CourseKit;

public sealed partial class Figure
{
    /// <summary>
    /// A static picture of this figure as SVG markup: the same traces, axes, ticks, legend, colour bars, titles and
    /// annotations that plotly.js draws, computed by CourseKit itself, with no script and nothing downloaded. It is what
    /// a reader sees where JavaScript does not run (a notebook on GitHub or nbviewer, an untrusted notebook, a PDF
    /// export); the interactive chart replaces it when plotly.js runs. Hover, zoom, sliders and animation are of course
    /// missing, and an animated figure shows its first state.
    /// <code>File.WriteAllText("boundary.svg", Plot.DecisionBoundary(model, x, y).ToSvg());</code>
    /// The picture is <see cref="FigureLayout.Width"/> × <see cref="FigureLayout.Height"/> pixels (plotly's 700 × 450
    /// when unset) and scales with the page, keeping its shape.
    /// </summary>
    public string ToSvg() => SvgRenderer.Render(this);
}
