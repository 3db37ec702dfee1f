namespace CourseKit.Plots.Svg;

/// <summary>
/// The fill colour of each point or bar from a <see cref="Marker"/>: one colour for all, one CSS colour per point,
/// or one number per point mapped through the marker's colour scale (from <c>cmin</c> to <c>cmax</c>, by default the
/// numbers' own range; with no scale given, plotly's automatic choice).
/// </summary>
internal sealed class MarkerColors
{
    private readonly string _single;
    private readonly IReadOnlyList<string?>? _strings;
    private readonly IReadOnlyList<double>? _numbers;
    private readonly ColorScales? _scale;
    private readonly double _min, _max;
    private readonly Marker? _marker;

    public MarkerColors(Marker? marker, string fallback)
    {
        _marker = marker;
        _single = fallback;
        var color = marker?.Color;
        if (color is null) return;
        if (color.IsSingle)
        {
            _single = color.Strings?[0] ?? fallback;
            return;
        }
        if (color.Strings is { } strings)
        {
            _strings = strings;
            return;
        }
        _numbers = color.Numbers;
        var finite = _numbers!.Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        _min = marker!.CMin ?? finite.Min();
        _max = marker.CMax ?? finite.Max();
        _scale = ColorScales.Of(marker.ColorScale, fallback: ColorScales.AutomaticName(_min, _max));
    }

    /// <summary>The colour of every point when all points share one (null when they differ).</summary>
    public string? Single => _strings is null && _numbers is null ? _single : null;

    /// <summary>The colour of point <paramref name="i"/>.</summary>
    public string At(int i)
    {
        if (_strings is not null) return i < _strings.Count ? _strings[i] ?? _single : _single;
        if (_numbers is not null && _scale is not null)
            return i < _numbers.Count && double.IsFinite(_numbers[i]) ? _scale.At(_numbers[i], _min, _max).Hex : "#444";
        return _single;
    }

    /// <summary>The colour bar, when the colours are numbers and the marker asks for one.</summary>
    public ColorBarSpec? ColorBar => _scale is not null && _marker?.ShowScale == true ? new ColorBarSpec(_scale, _min, _max, _marker.ColorBar) : null;
}
