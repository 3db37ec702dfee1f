namespace CourseKit.Plots.Svg;

/// <summary>
/// The ticks of an axis: given ones (<c>tickvals</c>/<c>ticktext</c>), every n-th category (n chosen so labels are at
/// least about 15 px apart), powers of ten (log axes, with 2 and 5 in between when the range is short), or "nice"
/// multiples of <c>dtick</c> or of <see cref="NiceTicks"/>'s step (not closer than bars are apart: then one tick per
/// bar, as plotly does). Each tick has its position in axis units and its label.
/// </summary>
internal static class AxisTicks
{
    public static List<(double Units, string Label)> Of(SvgAxis axis)
    {
        var settings = axis.Settings;
        double lo = Math.Min(axis.From, axis.To), hi = Math.Max(axis.From, axis.To);
        bool Inside(double u) => double.IsFinite(u) && u >= lo - (hi - lo) * 1e-9 && u <= hi + (hi - lo) * 1e-9;

        if (settings.TickVals is { } given)
        {
            var ticks = new List<(double, string)>();
            for (int i = 0; i < given.Count; i++)
            {
                double u = axis.Units(given, i);
                if (!Inside(u)) continue;
                var label = settings.TickText is { } text && i < text.Count
                    ? text.Strings?[text.IsSingle ? 0 : i] ?? TickLabels.Format(text.Numbers![text.IsSingle ? 0 : i], 1e-6)
                    : axis.IsCategory ? axis.Categories[(int)u] : TickLabels.Format(given.Numbers?[i] ?? u, 1e-6, settings.TickFormat);
                ticks.Add((u, label));
            }
            return ticks;
        }
        if (axis.IsCategory)
        {
            int step = settings.DTick is { } d && d >= 1 ? (int)d : (int)Math.Ceiling(Math.Max(1, (hi - lo) * 15 / Math.Max(axis.Length, 1)));
            return Enumerable.Range(0, axis.Categories.Count).Where(i => i % step == 0 && Inside(i)).Select(i => ((double)i, axis.Categories[i])).ToList();
        }
        if (axis.IsLog) return LogTicks(axis, lo, hi);
        double stepSize = settings.DTick is { } dt && dt > 0 ? dt : NiceTicks.StepFor(lo, hi, axis.Length, !axis.IsX);
        double origin = 0;
        if (settings.DTick is null && axis.MinStep is { } min && stepSize < 2 * min) (stepSize, origin) = (min, axis.StepOrigin);
        var values = NiceTicks.Values(lo - origin, hi - origin, stepSize).Select(v => v + origin).ToArray();
        double largest = values.Select(Math.Abs).DefaultIfEmpty(0).Max();
        return values.Select(v => (v, TickLabels.Format(v, stepSize, settings.TickFormat, largest))).ToList();
    }

    private static List<(double, string)> LogTicks(SvgAxis axis, double lo, double hi)
    {
        double rough = (hi - lo) / NiceTicks.TargetCount(axis.Length, !axis.IsX);
        var ticks = new List<(double, string)>();
        if (rough > 0.7)
        {
            int step = Math.Max(1, (int)Math.Ceiling(rough));
            for (long k = (long)Math.Ceiling(lo / step) * step; k <= hi; k += step) ticks.Add((k, Power(k)));
            return ticks;
        }
        // Short ranges: 1, 2 and 5 times each power of ten; plotly labels the 2s and 5s with their digit only.
        for (long k = (long)Math.Floor(lo); k <= Math.Ceiling(hi); k++)
            foreach (var m in new[] { 1.0, 2, 5 })
            {
                double u = k + Math.Log10(m);
                if (u >= lo && u <= hi) ticks.Add((u, m == 1 ? Power(k) : TickLabels.Fixed(m, 0)));
            }
        return ticks;
    }

    private static string Power(long exponent) => TickLabels.Format(Math.Pow(10, exponent), Math.Pow(10, exponent));
}
