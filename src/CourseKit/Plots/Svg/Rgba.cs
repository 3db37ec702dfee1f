using System.Globalization;

namespace CourseKit.Plots.Svg;

/// <summary>
/// A colour as red, green, blue (0–255) and alpha (0–1), read from the CSS colours figures use (<c>#1f77b4</c>,
/// <c>#fff</c>, <c>rgb(5,10,172)</c>, <c>rgba(0,0,0,0.25)</c>, and common names) so that colour scales can be
/// interpolated and text can be given a contrasting colour.
/// </summary>
internal readonly record struct Rgba(double R, double G, double B, double A = 1)
{
    private static readonly Dictionary<string, Rgba> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["black"] = new(0, 0, 0), ["white"] = new(255, 255, 255), ["red"] = new(255, 0, 0), ["green"] = new(0, 128, 0),
        ["blue"] = new(0, 0, 255), ["yellow"] = new(255, 255, 0), ["orange"] = new(255, 165, 0), ["purple"] = new(128, 0, 128),
        ["gray"] = new(128, 128, 128), ["grey"] = new(128, 128, 128), ["lightgray"] = new(211, 211, 211), ["lightgrey"] = new(211, 211, 211),
        ["darkgray"] = new(169, 169, 169), ["darkgrey"] = new(169, 169, 169), ["gold"] = new(255, 215, 0), ["navy"] = new(0, 0, 128),
        ["transparent"] = new(0, 0, 0, 0),
    };

    /// <summary>The colour of a CSS colour string, or null if it is not one this reader knows.</summary>
    public static Rgba? Parse(string? css)
    {
        if (string.IsNullOrWhiteSpace(css)) return null;
        var text = css.Trim();
        if (text[0] == '#') return ParseHex(text[1..]);
        if (Named.TryGetValue(text, out var named)) return named;
        int open = text.IndexOf('('), close = text.LastIndexOf(')');
        if (open < 0 || close < open || !text.StartsWith("rgb", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = text[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is not (3 or 4)) return null;
        var numbers = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i])) return null;
        return new Rgba(numbers[0], numbers[1], numbers[2], parts.Length == 4 ? numbers[3] : 1);
    }

    private static Rgba? ParseHex(string hex)
    {
        if (hex.Length == 3) hex = string.Concat(hex.Select(c => $"{c}{c}"));
        if (hex.Length != 6 || !int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int value)) return null;
        return new Rgba((value >> 16) & 255, (value >> 8) & 255, value & 255);
    }

    /// <summary>The colour part way (<paramref name="t"/> from 0 to 1) from <paramref name="a"/> to <paramref name="b"/>.</summary>
    public static Rgba Mix(Rgba a, Rgba b, double t) =>
        new(a.R + (b.R - a.R) * t, a.G + (b.G - a.G) * t, a.B + (b.B - a.B) * t, a.A + (b.A - a.A) * t);

    /// <summary>Perceived brightness 0–255 (the W3C formula); above 128 a colour counts as light.</summary>
    public double Brightness => (R * 299 + G * 587 + B * 114) / 1000;

    /// <summary>The colour as <c>#rrggbb</c> (alpha is written separately, as an opacity).</summary>
    public string Hex => $"#{Channel(R):x2}{Channel(G):x2}{Channel(B):x2}";

    private static int Channel(double value) => (int)Math.Clamp(Math.Round(value), 0, 255);

    /// <summary>The red, green and blue bytes, for PNG pixels.</summary>
    public (byte R, byte G, byte B) Bytes => ((byte)Channel(R), (byte)Channel(G), (byte)Channel(B));
}
