namespace CourseKit.Plots.Svg;

/// <summary>
/// Counts a <see cref="Histogram"/>'s values into bins the way plotly.js does. Given <c>xbins</c> (start, end, size)
/// are used as they are. Otherwise the bin width is a "nice" number (2, 5 or 10 × 10^k, as for axis ticks) just above
/// (max − min) / <c>nbinsx</c> or, without <c>nbinsx</c>, above 2·σ / n^0.4 (and not below the smallest gap between
/// values); the bins start on a multiple of the width below the smallest value, shifted by half a bin when the values
/// are whole numbers or crowd the bin edges (plotly's <c>autoShiftNumericBins</c>). Empty bins at both ends are dropped.
/// Bins include their left edge: [start, start + size). Given bins run from the start until an edge reaches the end.
/// </summary>
internal static class HistogramBinning
{
    /// <summary>The bins: the left edge of the first one, their width and the count (or normalised value) of each.</summary>
    public sealed record Bins(double Start, double Size, double[] Counts)
    {
        /// <summary>The centre of bin <paramref name="i"/>.</summary>
        public double Centre(int i) => Start + (i + 0.5) * Size;
    }

    public static Bins Compute(IReadOnlyList<double> values, int? nbins, HistogramBins? given, string? histNorm)
    {
        var data = values.Where(double.IsFinite).ToArray();
        if (data.Length == 0) return new Bins(0, 1, []);
        double min = data.Min(), max = data.Max();
        double start, end, size;
        if (given is { Start: { } s, End: { } e, Size: { } z } && z > 0 && e > s)
            (start, end, size) = (s, e, z);
        else
        {
            size = given?.Size is { } z2 && z2 > 0 ? z2 : AutomaticSize(data, min, max, nbins);
            start = given?.Start ?? AutomaticStart(data, min, max, size);
            end = given?.End ?? start + (1 + Math.Floor((max - start) / size)) * size;
        }
        // plotly adds bins from the start until an edge reaches the end; values up to that last edge count.
        int count = Math.Clamp((int)Math.Ceiling((end - start) / size - 1e-9), 1, 100_000);
        end = start + count * size;
        var counts = new double[count];
        foreach (var v in data)
        {
            if (v < start || v >= end) continue;
            int bin = (int)Math.Floor((v - start) / size + 1e-9);
            if (bin >= 0 && bin < count) counts[bin]++;
        }
        int first = Array.FindIndex(counts, c => c > 0), last = Array.FindLastIndex(counts, c => c > 0);
        if (first < 0) return new Bins(start, size, []);
        counts = counts[first..(last + 1)];
        start += first * size;
        Normalise(counts, data.Length, size, histNorm);
        return new Bins(start, size, counts);
    }

    private static double AutomaticSize(double[] data, double min, double max, int? nbins)
    {
        double rough;
        if (nbins is > 0) rough = (max - min) / nbins.Value;
        else
        {
            var distinct = data.Distinct().Order().ToArray();
            double minGap = distinct.Length > 1 ? Enumerable.Range(1, distinct.Length - 1).Min(i => distinct[i] - distinct[i - 1]) : 1;
            double power = Math.Pow(10, Math.Floor(Math.Log10(minGap)));
            double leading = minGap / power;
            double minSize = power * (leading <= 0.9 ? 0.9 : leading <= 1.9 ? 1.9 : leading <= 4.9 ? 4.9 : 9.9);
            double mean = data.Average();
            double sd = Math.Sqrt(data.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, data.Length - 1));
            rough = Math.Max(minSize, 2 * sd / Math.Pow(data.Length, 0.4));
        }
        if (!(rough > 0)) rough = 1;
        return NiceTicks.Step(rough);
    }

    private static double AutomaticStart(double[] data, double min, double max, double size)
    {
        double start = Math.Ceiling(min / size - 1e-9) * size - size;
        bool NearEdge(double v) => (1 + (v - start) * 100 / size) % 100 < 2;
        int edges = 0, middles = 0, whole = 0;
        foreach (var v in data)
        {
            if (v % 1 == 0) whole++;
            if (NearEdge(v)) edges++;
            if (NearEdge(v + size / 2)) middles++;
        }
        if (whole == data.Length)
        {
            if (size < 1) return min - 0.5 * size;
            start -= 0.5;
            if (start + size < min) start += size;
        }
        else if (middles < data.Length * 0.1 && (edges > data.Length * 0.3 || NearEdge(min) || NearEdge(max)))
        {
            double shift = size / 2;
            start += start + shift < min ? shift : -shift;
        }
        return start;
    }

    private static void Normalise(double[] counts, int total, double size, string? histNorm)
    {
        double factor = histNorm switch
        {
            "percent" => 100.0 / total,
            "probability" => 1.0 / total,
            "density" => 1.0 / size,
            "probability density" => 1.0 / (total * size),
            _ => 1,
        };
        if (factor != 1) for (int i = 0; i < counts.Length; i++) counts[i] *= factor;
    }
}
