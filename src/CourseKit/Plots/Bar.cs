namespace CourseKit;

/// <summary>Bars, one per category or x value: plotly's <c>bar</c> trace.</summary>
public sealed record Bar : Trace
{
    public override string Type => "bar";

    /// <summary>The category names or positions along x.</summary>
    public PlotValues? X { get; set; }

    /// <summary>The bar heights.</summary>
    public PlotValues? Y { get; set; }

    /// <summary><c>"v"</c> (vertical, the default) or <c>"h"</c> (horizontal: categories on y, lengths on x).</summary>
    public string? Orientation { get; set; }

    /// <summary>The bars' colour(s) and outline.</summary>
    public Marker? Marker { get; set; }

    /// <summary>A label per bar.</summary>
    public PlotValues? Text { get; set; }

    /// <summary>Where the labels go: <c>"auto"</c>, <c>"inside"</c>, <c>"outside"</c>, <c>"none"</c>.</summary>
    public string? TextPosition { get; set; }

    internal override string Describe() => $"bar ({Count(X?.Count ?? Y?.Count ?? 0, "bar")})";
}
