using System.Net;

namespace CourseKit;

public sealed partial class Figure
{
    /// <summary>TEMPORARY: replaced on merge by the real renderer (a static SVG picture of the figure).</summary>
    public string ToSvg() =>
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"80\" viewBox=\"0 0 640 80\">" +
        "<path d=\"M10 70 L630 70\" stroke=\"#444\"/>" +
        $"<text x=\"320\" y=\"40\" text-anchor=\"middle\">{WebUtility.HtmlEncode(Layout.Title?.Text ?? "figure")}</text></svg>";
}
