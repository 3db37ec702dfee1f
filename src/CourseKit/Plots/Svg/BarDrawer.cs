using System.Globalization;

namespace CourseKit.Plots.Svg;

/// <summary>
/// Draws a <see cref="Bar"/> or <see cref="Histogram"/> trace as one rectangle per bar. A histogram is first counted
/// into bins (<see cref="HistogramBinning"/>), then drawn as bars as wide as its bins. Where bars sit next to the
/// other traces' bars (side by side, stacked or on top of each other) is decided by <see cref="BarArrangement"/>.
/// </summary>
internal sealed class BarDrawer : TraceDrawer
{
    private readonly Marker? _marker;
    private readonly PlotValues? _positionValues, _lengthValues;
    private readonly HistogramBinning.Bins? _bins;
    private readonly int _count;

    public BarDrawer(Bar bar, int index, SvgAxis x, SvgAxis y) : base(bar, index, x, y)
    {
        _marker = bar.Marker;
        Horizontal = bar.Orientation == "h";
        (_positionValues, _lengthValues) = Horizontal ? (bar.Y, bar.X) : (bar.X, bar.Y);
        _count = Math.Max(_lengthValues?.IsSingle == false ? _lengthValues.Count : 0, _positionValues?.IsSingle == false ? _positionValues.Count : 0);
        Colors = new MarkerColors(_marker, DefaultColor);
    }

    public BarDrawer(Histogram histogram, int index, SvgAxis x, SvgAxis y) : base(histogram, index, x, y)
    {
        _marker = histogram.Marker;
        _positionValues = histogram.X;
        _bins = HistogramBinning.Compute(histogram.X?.Numbers ?? [], histogram.NBinsX, histogram.XBins, histogram.HistNorm);
        _count = _bins.Counts.Length;
        Colors = new MarkerColors(_marker, DefaultColor);
    }

    public bool Horizontal { get; }
    public bool IsHistogram => _bins is not null;
    public MarkerColors Colors { get; }

    /// <summary>The bins, for a histogram.</summary>
    internal HistogramBinning.Bins? Bins => _bins;

    /// <summary>The axis bars stand on (x for vertical bars) and the axis their length is measured on.</summary>
    public SvgAxis PositionAxis => Horizontal ? Y : X;
    public SvgAxis LengthAxis => Horizontal ? X : Y;

    /// <summary>Each bar's centre on the position axis and its length (axis units); NaN when missing.</summary>
    public double[] Positions { get; private set; } = [];
    public double[] Lengths { get; private set; } = [];

    /// <summary>Set by <see cref="BarArrangement"/>: bar width, offset from the position, and where each bar starts (0 unless stacked).</summary>
    public double Width { get; set; } = 0.8;
    public double Offset { get; set; }
    public double[] Bases { get; set; } = [];

    /// <summary>The room of one bar position, gaps included (set by <see cref="BarArrangement"/>); the axis range keeps half of it beyond the outer bars.</summary>
    public double Slot { get; set; } = 1;

    /// <summary>The distance between neighbouring bars of this trace (a histogram's bin width).</summary>
    public double? NaturalWidth => _bins?.Size;

    public override IEnumerable<(SvgAxis, PlotValues?)> AxisValues => IsHistogram ? [(X, _positionValues)] : [(PositionAxis, _positionValues), (LengthAxis, _lengthValues)];

    public override ColorBarSpec? ColorBar => Colors.ColorBar;

    /// <summary>Reads positions and lengths (called before the arrangement, which needs them).</summary>
    public void ReadValues()
    {
        if (_bins is not null)
        {
            Positions = Enumerable.Range(0, _count).Select(_bins.Centre).ToArray();
            Lengths = [.. _bins.Counts];
        }
        else
        {
            Positions = PositionAxis.AllUnits(_positionValues, _count);
            Lengths = new double[_count];
            for (int i = 0; i < _count; i++) Lengths[i] = _lengthValues is null ? double.NaN : RawNumber(_lengthValues, i);
        }
        Bases = new double[_count];
    }

    private static double RawNumber(PlotValues values, int i)
    {
        if (values.Numbers is { } n) return n[values.IsSingle ? 0 : i];
        var s = values.Strings![values.IsSingle ? 0 : i];
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
    }

    public override void Measure()
    {
        double lowPosition = double.PositiveInfinity, highPosition = double.NegativeInfinity;
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (int i = 0; i < _count; i++)
        {
            if (!double.IsFinite(Positions[i]) || !double.IsFinite(Lengths[i])) continue;
            lowPosition = Math.Min(lowPosition, Positions[i] - Slot / 2);
            highPosition = Math.Max(highPosition, Positions[i] + Slot / 2);
            low = Math.Min(low, Math.Min(Bases[i], Bases[i] + Lengths[i]));
            high = Math.Max(high, Math.Max(Bases[i], Bases[i] + Lengths[i]));
        }
        if (!double.IsFinite(low)) return;
        PositionAxis.AutoRange.Include(lowPosition, highPosition);
        // Bars grow from 0: no room below 0 (or above it, for negative bars), 5 % beyond their ends.
        LengthAxis.AutoRange.Include(Math.Min(0, low), Math.Max(0, high), 0, 0, low < 0, high > 0);
    }

    public override void Draw(SvgWriter w)
    {
        double outline = _marker?.Line?.Width ?? 0;
        w.Element("g").Attr("class", IsHistogram ? "trace histogram" : "trace bars").Attr("opacity", TraceOpacity ?? _marker?.Opacity)
         .Attr("stroke", outline > 0 ? _marker!.Line!.Color ?? "#444" : null).Attr("stroke-width", outline > 0 ? outline : null).Open();
        for (int i = 0; i < _count; i++)
        {
            if (!double.IsFinite(Positions[i]) || !double.IsFinite(Lengths[i])) continue;
            double p0 = PositionAxis.Pixel(Positions[i] + Offset - Width / 2), p1 = PositionAxis.Pixel(Positions[i] + Offset + Width / 2);
            double v0 = LengthAxis.Pixel(Bases[i]), v1 = LengthAxis.Pixel(Bases[i] + Lengths[i]);
            var (x0, x1, y0, y1) = Horizontal ? (v0, v1, p0, p1) : (p0, p1, v0, v1);
            w.Element("rect").Attr("x", Math.Min(x0, x1)).Attr("y", Math.Min(y0, y1))
             .Attr("width", Math.Abs(x1 - x0)).Attr("height", Math.Abs(y1 - y0)).Attr("fill", Colors.At(i)).End();
        }
        w.Close("g");
    }

    public override void DrawLegendSymbol(SvgWriter w, double x, double y)
    {
        double outline = _marker?.Line?.Width ?? 0;
        w.Element("rect").Attr("x", x + 14).Attr("y", y - 6).Attr("width", 12).Attr("height", 12).Attr("fill", Colors.Single ?? Colors.At(0))
         .Attr("stroke", outline > 0 ? _marker!.Line!.Color ?? "#444" : null).Attr("stroke-width", outline > 0 ? Math.Min(outline, 2) : null).End();
    }
}
