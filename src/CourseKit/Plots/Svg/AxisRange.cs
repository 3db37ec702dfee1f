namespace CourseKit.Plots.Svg;

/// <summary>
/// plotly.js's automatic range: every trace says which values must be visible and how many pixels of room each needs
/// (half a marker, or 5 % of the axis for "padded" data such as a line's y values). The range is the narrowest one
/// that keeps every value that far inside the axis: for a value at the low end with room p₁ and one at the high end
/// with room p₂, the scale is (length − p₁ − p₂) / (high − low) pixels per unit.
/// </summary>
internal sealed class AxisRange
{
    private readonly List<(double Value, double Room, bool Padded)> _lows = [];
    private readonly List<(double Value, double Room, bool Padded)> _highs = [];

    /// <summary>True once any value was included.</summary>
    public bool HasData => _lows.Count > 0;

    /// <summary>
    /// Makes the values from <paramref name="low"/> to <paramref name="high"/> (axis units) visible, with
    /// <paramref name="roomPx"/> pixels beyond each end, plus 5 % of the axis when <paramref name="padded"/>.
    /// </summary>
    public void Include(double low, double high, double roomPx = 0, bool padded = false) => Include(low, high, roomPx, roomPx, padded, padded);

    /// <summary>Like <see cref="Include(double, double, double, bool)"/> with different room at each end (bars: none at 0).</summary>
    public void Include(double low, double high, double lowRoomPx, double highRoomPx, bool lowPadded, bool highPadded)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high)) return;
        if (low > high) (low, high, lowRoomPx, highRoomPx, lowPadded, highPadded) = (high, low, highRoomPx, lowRoomPx, highPadded, lowPadded);
        _lows.Add((low, lowRoomPx, lowPadded));
        _highs.Add((high, highRoomPx, highPadded));
    }

    /// <summary>The range for an axis <paramref name="lengthPx"/> long, or <paramref name="empty"/> when nothing was included.</summary>
    public (double From, double To) Resolve(double lengthPx, (double, double) empty)
    {
        if (!HasData) return empty;
        double pad = lengthPx * 0.05;
        double Room((double Value, double Room, bool Padded) e) => e.Room + (e.Padded ? pad : 0);
        double min = _lows.Min(e => e.Value), max = _highs.Max(e => e.Value);
        if (max == min) return (min - 1, min + 1);   // one value: plotly shows one unit either side
        // Pixels per unit: the tightest pair of a low and a high value decides.
        double scale = double.PositiveInfinity;
        foreach (var lo in _lows)
            foreach (var hi in _highs)
            {
                if (hi.Value <= lo.Value) continue;
                double usable = lengthPx - Room(lo) - Room(hi);
                if (usable <= lengthPx * 0.05) usable = lengthPx * 0.05;
                scale = Math.Min(scale, usable / (hi.Value - lo.Value));
            }
        if (!double.IsFinite(scale)) scale = lengthPx / (max - min);
        double from = _lows.Min(e => e.Value - Room(e) / scale);
        double to = _highs.Max(e => e.Value + Room(e) / scale);
        return (from, to);
    }
}
