using CourseKit.Plots.Svg;

namespace CourseKit.Tests.Plots.Svg;

public class NiceTicksTests
{
    [Theory]
    [InlineData(0.1159, 0.2)]     // leading 1.159 → 2
    [InlineData(1.0, 2.0)]        // exactly 1 still rounds up, as plotly's roundUp does
    [InlineData(1.843, 2.0)]
    [InlineData(2.0, 5.0)]
    [InlineData(3.0, 5.0)]
    [InlineData(7.0, 10.0)]
    [InlineData(0.00042, 0.0005)]
    [InlineData(3.4e8, 5e8)]
    public void Step_rounds_up_to_2_5_or_10_times_a_power_of_ten(double rough, double step) =>
        Assert.Equal(step, NiceTicks.Step(rough), 12);

    [Fact]
    public void Zero_to_one_on_a_610_px_x_axis_gets_ticks_every_0_2()
    {
        // 610 / 80 = 7.6 ticks wanted (+1): 1 / 8.625 = 0.116 → 0.2.
        var (values, step) = NiceTicks.For(0, 1, 610, vertical: false);
        Assert.Equal(0.2, step, 12);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], values.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Ticks_of_minus_3_7_to_12_2_are_the_even_numbers_inside()
    {
        // 15.9 / 8.625 = 1.84 → 2.
        var (values, step) = NiceTicks.For(-3.7, 12.2, 610, vertical: false);
        Assert.Equal(2, step);
        Assert.Equal([-2, 0, 2, 4, 6, 8, 10, 12], values);
    }

    [Fact]
    public void A_y_axis_wants_a_tick_every_40_px()
    {
        // 350 px / 40 = 8.75 (+1 = 9.75): 10 / 9.75 = 1.03 → 2. On a 150 px axis: max(3.75, 4) + 1 = 5 → 2 → 5.
        Assert.Equal(2, NiceTicks.StepFor(0, 10, 350, vertical: true));
        Assert.Equal(5, NiceTicks.StepFor(0, 10, 150, vertical: true));
    }

    [Fact]
    public void Tiny_and_huge_ranges_get_nice_steps_and_si_labels()
    {
        var (tiny, tinyStep) = NiceTicks.For(0, 3e-6, 610, vertical: false);
        Assert.Equal(5e-7, tinyStep, 15);
        Assert.Equal(7, tiny.Length);
        Assert.Equal(["0", "0.5μ", "1μ", "1.5μ", "2μ", "2.5μ", "3μ"], tiny.Select(v => TickLabels.Format(v, tinyStep, null, 3e-6)));

        var (huge, hugeStep) = NiceTicks.For(-1e9, 3.2e9, 610, vertical: false);
        Assert.Equal(5e8, hugeStep);
        Assert.Equal(["−1B", "−0.5B", "0", "0.5B", "1B", "1.5B", "2B", "2.5B", "3B"], huge.Select(v => TickLabels.Format(v, hugeStep, null, 3e9)));
    }

    [Theory]
    [InlineData(0.4, 0.2, null, "0.4")]
    [InlineData(1.0, 0.2, null, "1")]
    [InlineData(-2.0, 2.0, null, "−2")]          // a real minus sign, as plotly writes it
    [InlineData(0.30000000000000004, 0.1, null, "0.3")]
    [InlineData(1500, 500, null, "1500")]
    [InlineData(20000, 5000, null, "20k")]
    [InlineData(0.0003, 0.0001, null, "300μ")]
    [InlineData(0.25, 0.05, ".0%", "25%")]
    [InlineData(3.0, 0.5, "d", "3")]
    [InlineData(3.14159, 1, ".2f", "3.14")]
    public void Tick_labels_use_the_decimals_the_step_needs(double value, double step, string? format, string label) =>
        Assert.Equal(label, TickLabels.Format(value, step, format));
}
