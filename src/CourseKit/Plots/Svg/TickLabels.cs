using System.Globalization;

namespace CourseKit.Plots.Svg;

/// <summary>
/// Tick label texts as plotly.js writes them: as many decimals as the tick step needs (step 0.2 → "0.4", step 5 →
/// "15"), no trailing zeros, a real minus sign, and SI suffixes for very large or very small numbers ("20k",
/// "1.5M", "300μ"; plotly's default <c>exponentformat: "B"</c> writes G as B). Axis <c>tickformat</c>s of the form
/// <c>"d"</c>, <c>".2f"</c>, <c>".0%"</c> and <c>".3s"</c> are followed.
/// </summary>
internal static class TickLabels
{
    private const char Minus = '\u2212';

    /// <summary>The label of <paramref name="value"/> on an axis whose ticks are <paramref name="step"/> apart.</summary>
    public static string Format(double value, double step, string? tickFormat = null, double largest = double.NaN)
    {
        if (!string.IsNullOrEmpty(tickFormat) && FormatWith(value, tickFormat) is { } formatted) return formatted;
        if (value == 0) return "0";
        if (double.IsNaN(largest)) largest = Math.Abs(value);
        int exponent = largest > 0 ? (int)Math.Floor(Math.Log10(largest) + 1e-9) : 0;
        if (exponent is >= 4 or <= -4)
        {
            int thousands = (int)Math.Floor(exponent / 3.0);
            thousands = Math.Clamp(thousands, -4, 4);
            double scale = Math.Pow(10, 3 * thousands);
            return Fixed(value / scale, Decimals(step / scale)) + Suffix(thousands);
        }
        return Fixed(value, Decimals(step));
    }

    /// <summary>How many decimals a step needs: 0.2 → 1, 0.05 → 2, 5 → 0.</summary>
    public static int Decimals(double step)
    {
        if (!(step > 0)) return 0;
        return Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 15);
    }

    /// <summary>A number with at most <paramref name="decimals"/> decimals, trailing zeros dropped, and a real minus sign.</summary>
    public static string Fixed(double value, int decimals)
    {
        var text = Math.Round(value, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture);
        if (text.Contains('.')) text = text.TrimEnd('0').TrimEnd('.');
        if (text == "-0") text = "0";
        return text.Replace('-', Minus);
    }

    private static string Suffix(int thousands) => thousands switch
    {
        -4 => "p", -3 => "n", -2 => "μ", -1 => "m", 1 => "k", 2 => "M", 3 => "B", 4 => "T", _ => "",
    };

    /// <summary>A d3-style format: "d" (whole number), ".Nf" (N decimals), ".N%" (percent), ".Ns"/".Ng" (N significant digits).</summary>
    private static string? FormatWith(double value, string format)
    {
        if (format == "d") return Fixed(Math.Round(value), 0);
        if (format.Length < 2 || format[0] != '.') return null;
        char kind = format[^1];
        var digits = format[1..^1];
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n > 15) return null;
        return kind switch
        {
            'f' => Math.Round(value, n).ToString("F" + n, CultureInfo.InvariantCulture).Replace('-', Minus),
            '%' => (Math.Round(value * 100, n).ToString("F" + n, CultureInfo.InvariantCulture) + "%").Replace('-', Minus),
            's' or 'g' or 'r' => Significant(value, Math.Max(1, n)),
            _ => null,
        };
    }

    private static string Significant(double value, int digits)
    {
        if (value == 0) return "0";
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        return Fixed(value, Math.Max(0, digits - 1 - exponent));
    }
}
