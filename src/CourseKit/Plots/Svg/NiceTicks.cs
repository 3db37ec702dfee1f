namespace CourseKit.Plots.Svg;

/// <summary>
/// Where an axis puts its ticks, by plotly.js's rule: aim for about one tick every 80 px across (40 px up), divide
/// the range by that count, and round the step up to 2, 5 or 10 times a power of ten. Ticks sit on the multiples of
/// the step, so 0..1 on a 610 px axis gets 0, 0.2, 0.4, … 1.
/// </summary>
internal static class NiceTicks
{
    /// <summary>plotly's target number of ticks for an axis <paramref name="lengthPx"/> long: between 5 and 10.</summary>
    public static double TargetCount(double lengthPx, bool vertical) => Math.Clamp(lengthPx / (vertical ? 40 : 80), 4, 9) + 1;

    /// <summary>
    /// The "nice" step for a rough one: 10^k times the first of 2, 5, 10 that is larger than the rough step's leading
    /// part (plotly's <c>roundUp</c> on [2, 5, 10]): 0.116 → 0.2, 1.84 → 2, 3 → 5, 7 → 10.
    /// </summary>
    public static double Step(double rough)
    {
        if (!(rough > 0) || double.IsInfinity(rough)) return 1;
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double leading = rough / power;
        double factor = leading < 2 ? 2 : leading < 5 ? 5 : 10;
        return factor * power;
    }

    /// <summary>The step for a range <paramref name="from"/>..<paramref name="to"/> drawn <paramref name="lengthPx"/> long.</summary>
    public static double StepFor(double from, double to, double lengthPx, bool vertical) =>
        Step(Math.Abs(to - from) / TargetCount(lengthPx, vertical));

    /// <summary>The multiples of <paramref name="step"/> between the range's ends (either order), smallest first.</summary>
    public static double[] Values(double from, double to, double step)
    {
        double lo = Math.Min(from, to), hi = Math.Max(from, to);
        if (!(step > 0) || !double.IsFinite(lo) || !double.IsFinite(hi)) return [];
        double tolerance = step * 1e-9;
        long first = (long)Math.Ceiling((lo - tolerance) / step), last = (long)Math.Floor((hi + tolerance) / step);
        if (last - first > 10_000) return [];
        var values = new double[Math.Max(0, last - first + 1)];
        for (long k = first; k <= last; k++)
        {
            double value = k * step;
            values[k - first] = Math.Abs(value) < tolerance ? 0 : value;
        }
        return values;
    }

    /// <summary>The ticks of a linear axis: <see cref="StepFor"/> and <see cref="Values"/> together.</summary>
    public static (double[] Values, double Step) For(double from, double to, double lengthPx, bool vertical)
    {
        double step = StepFor(from, to, lengthPx, vertical);
        return (Values(from, to, step), step);
    }
}
