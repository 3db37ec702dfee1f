namespace CourseKit;

/// <summary>How often values fall into each bin: plotly's <c>histogram</c> trace (plotly does the counting).</summary>
public sealed record Histogram : Trace
{
    public override string Type => "histogram";

    /// <summary>The values to count.</summary>
    public PlotValues? X { get; set; }

    /// <summary>The largest number of bins plotly may use (it picks "nice" bin edges up to this many).</summary>
    public int? NBinsX { get; set; }

    /// <summary>Exact bins: start, end and width. Overrides <see cref="NBinsX"/>.</summary>
    public HistogramBins? XBins { get; set; }

    /// <summary>Counts (null) or <c>"percent"</c>, <c>"probability"</c>, <c>"density"</c>, <c>"probability density"</c>.</summary>
    public string? HistNorm { get; set; }

    /// <summary>The bars' colour and outline.</summary>
    public Marker? Marker { get; set; }

    internal override string Describe() => $"histogram ({Count(X?.Count ?? 0, "value")})";
}

/// <summary>The bins of a <see cref="Histogram"/>: from <see cref="Start"/> to <see cref="End"/> in steps of <see cref="Size"/>.</summary>
public sealed record HistogramBins
{
    public double? Start { get; set; }
    public double? End { get; set; }
    public double? Size { get; set; }
}
