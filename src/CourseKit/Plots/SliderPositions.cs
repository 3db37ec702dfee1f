using CourseKit.Plots.Svg;

namespace CourseKit;

/// <summary>
/// The positions of one slider of <see cref="Plot.DecisionBoundaryExplorer(Model, Tensor, Tensor, ValueTuple{float, float}?, int, string?)"/>:
/// round numbers a 1, 2 or 5 step apart (…, −1, −0.5, 0, 0.5, …) across an axis's range, at most
/// <see cref="Plot.ExplorerSliderSteps"/> of them, so that the labels under the slider read easily. Where the
/// observation starts between two of them, its start becomes a position of its own: the slider then shows exactly
/// where the star is, and the student can come back to it.
/// </summary>
/// <param name="Values">The positions, smallest first.</param>
/// <param name="Labels">What the slider shows at each position: as many decimals as the step needs ("−9.5", "3").</param>
/// <param name="Active">The index of the position the observation starts at.</param>
internal sealed record SliderPositions(double[] Values, string[] Labels, int Active)
{
    /// <summary>Where the observation starts.</summary>
    public double Start => Values[Active];

    /// <summary>
    /// The positions over <paramref name="axis"/> (the grid's range, the data plus a margin, which the step is small
    /// enough to keep the data inside of), starting at <paramref name="start"/> or else at the round position
    /// nearest the middle.
    /// </summary>
    public static SliderPositions Over(double[] axis, double? start)
    {
        double from = axis[0], to = axis[^1];
        double step = NiceTicks.Step((to - from) / (Plot.ExplorerSliderSteps - 1));
        int decimals = TickLabels.Decimals(step);
        // Rounded to the step's decimals, so that 3 × 0.1 is 0.3 rather than 0.30000000000000004.
        var values = NiceTicks.Values(from, to, step).Select(v => Math.Round(v, decimals)).ToList();
        var labels = values.Select(v => TickLabels.Fixed(v, decimals)).ToList();
        double begin = start ?? values.MinBy(v => Math.Abs(v - (from + to) / 2));

        int active = values.FindIndex(v => Math.Abs(v - begin) <= step * 1e-9);
        if (active < 0)
        {
            active = values.FindIndex(v => v > begin);
            if (active < 0) active = values.Count;
            values.Insert(active, begin);
            labels.Insert(active, TickLabels.Fixed(begin, decimals + 2));
        }
        return new SliderPositions([.. values], [.. labels], active);
    }
}
