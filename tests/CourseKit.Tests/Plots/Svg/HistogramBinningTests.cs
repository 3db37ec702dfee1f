using CourseKit.Plots.Svg;

namespace CourseKit.Tests.Plots.Svg;

public class HistogramBinningTests
{
    [Fact]
    public void Whole_numbers_get_bins_centred_off_their_edges()
    {
        // No nbins: width = nice(max(1.9 (smallest gap 1, rounded up on [0.9, 1.9, 4.9, 9.9]), 2·0.816 / 6^0.4 = 0.80)) = 2;
        // start = (first multiple of 2 at or above 1) − 2 = 0, then −0.5 for whole numbers: bins [−0.5, 1.5) and [1.5, 3.5).
        var bins = HistogramBinning.Compute([1, 2, 2, 3, 3, 3], null, null, null);
        Assert.Equal(-0.5, bins.Start);
        Assert.Equal(2, bins.Size);
        Assert.Equal([1, 5], bins.Counts);
    }

    [Fact]
    public void Nbinsx_is_an_upper_bound_rounded_to_a_nice_width()
    {
        // 0..99 in at most 10 bins: 99 / 10 = 9.9 → 10; whole numbers start at −0.5: ten bins of ten values.
        var bins = HistogramBinning.Compute(Enumerable.Range(0, 100).Select(i => (double)i).ToArray(), 10, null, null);
        Assert.Equal(-0.5, bins.Start);
        Assert.Equal(10, bins.Size);
        Assert.Equal(Enumerable.Repeat(10.0, 10), bins.Counts);
    }

    [Fact]
    public void Given_bins_include_their_left_edge_only_and_empty_end_bins_are_dropped()
    {
        // [0,1) holds nothing (dropped), [1,2) holds 1, [2,3) holds 2 and 2.5; 3 lies on the end and is not counted.
        var bins = HistogramBinning.Compute([1, 2, 2.5, 3], null, new HistogramBins { Start = 0, End = 3, Size = 1 }, null);
        Assert.Equal(1, bins.Start);
        Assert.Equal([1, 2], bins.Counts);
    }

    [Fact]
    public void Histnorm_scales_the_counts()
    {
        var given = new HistogramBins { Start = 0, End = 2, Size = 0.5 };
        Assert.Equal([50, 50], HistogramBinning.Compute([0.1, 0.7], null, given, "percent").Counts);
        Assert.Equal([0.5, 0.5], HistogramBinning.Compute([0.1, 0.7], null, given, "probability").Counts);
        Assert.Equal([2, 2], HistogramBinning.Compute([0.1, 0.7], null, given, "density").Counts);
        Assert.Equal([1, 1], HistogramBinning.Compute([0.1, 0.7], null, given, "probability density").Counts);
    }

    [Fact]
    public void A_histogram_trace_is_drawn_as_one_bar_per_bin_with_heights_from_the_counts()
    {
        // Counts [1, 5] on a y range of 0..10 set by hand: 35 and 175 px tall in a 350 px plot.
        var figure = SvgTestHelpers.Framed(new Histogram { X = new[] { 1.0, 2, 2, 3, 3, 3 } });
        figure.Layout.YAxis = new Axis { Range = [0, 10] };
        var bars = figure.Svg().TraceGroups()[0].Elements(SvgTestHelpers.Ns + "rect").ToList();
        Assert.Equal([35, 175], bars.Select(r => r.Number("height")));
        Assert.Equal([365, 225], bars.Select(r => r.Number("y")));
        // No gap between histogram bars: the first ends where the second begins.
        Assert.Equal(bars[0].Number("x") + bars[0].Number("width"), bars[1].Number("x"), 1);
    }
}
