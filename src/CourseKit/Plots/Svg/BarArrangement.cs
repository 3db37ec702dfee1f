namespace CourseKit.Plots.Svg;

/// <summary>
/// Places the bars of all bar and histogram traces that share axes, following <c>layout.barmode</c>: "group"
/// (plotly's default: side by side, each trace getting an equal share of the slot), "stack"/"relative" (each trace
/// starts where the previous ones ended; positive and negative bars stack separately) or "overlay" (all at the
/// same place). A slot is the smallest distance between positions (a histogram's bin width); bars fill
/// 1 − <c>bargap</c> of it (bargap: 0.2, or 0 when every bar trace is a histogram, as in plotly).
/// </summary>
internal static class BarArrangement
{
    public static void Arrange(IReadOnlyList<BarDrawer> bars, string? barMode, double? barGap)
    {
        if (bars.Count == 0) return;
        foreach (var bar in bars) bar.ReadValues();
        double gap = barGap ?? (bars.All(b => b.IsHistogram) ? 0 : 0.2);
        foreach (var group in bars.GroupBy(b => (b.PositionAxis.Id, b.LengthAxis.Id)))
        {
            var traces = group.ToList();
            double slot = Slot(traces);
            foreach (var t in traces) t.Slot = t.NaturalWidth ?? slot;
            var axis = traces[0].PositionAxis;
            axis.GridByDefault = false;
            if (!axis.IsCategory && traces.All(t => !t.IsHistogram) && traces[0].Positions.FirstOrDefault(double.IsFinite, double.NaN) is var first && double.IsFinite(first))
                (axis.MinStep, axis.StepOrigin) = (slot, first);
            switch (barMode)
            {
                case "stack" or "relative":
                    Stack(traces);
                    foreach (var t in traces) (t.Width, t.Offset) = ((t.NaturalWidth ?? slot) * (1 - gap), 0);
                    break;
                case "overlay":
                    foreach (var t in traces) (t.Width, t.Offset) = ((t.NaturalWidth ?? slot) * (1 - gap), 0);
                    break;
                default:
                    for (int k = 0; k < traces.Count; k++)
                    {
                        double share = (traces[k].NaturalWidth ?? slot) * (1 - gap) / traces.Count;
                        traces[k].Width = share;
                        traces[k].Offset = (k - (traces.Count - 1) / 2.0) * share;
                    }
                    break;
            }
        }
    }

    /// <summary>The smallest distance between two different positions of the group's bars (1 with a single position).</summary>
    private static double Slot(List<BarDrawer> traces)
    {
        var positions = traces.SelectMany(t => t.Positions).Where(double.IsFinite).Distinct().Order().ToArray();
        double slot = double.PositiveInfinity;
        for (int i = 1; i < positions.Length; i++) slot = Math.Min(slot, positions[i] - positions[i - 1]);
        return double.IsFinite(slot) && slot > 0 ? slot : 1;
    }

    private static void Stack(List<BarDrawer> traces)
    {
        var positive = new Dictionary<double, double>();
        var negative = new Dictionary<double, double>();
        foreach (var t in traces)
            for (int i = 0; i < t.Positions.Length; i++)
            {
                double p = t.Positions[i], v = t.Lengths[i];
                if (!double.IsFinite(p) || !double.IsFinite(v)) continue;
                var sums = v < 0 ? negative : positive;
                sums.TryGetValue(p, out double sum);
                t.Bases[i] = sum;
                sums[p] = sum + v;
            }
    }
}
