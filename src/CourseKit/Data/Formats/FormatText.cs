using System.Globalization;

namespace CourseKit;

/// <summary>Numbers in the messages of the file readers, written the same way on every machine ("47,040,000").</summary>
internal static class FormatText
{
    /// <summary>A whole number with thousands separators: 47040000 → "47,040,000".</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 byte", "2 bytes".</summary>
    public static string Plural(long n, string unit) => $"{Count(n)} {unit}{(n == 1 ? "" : "s")}";

    /// <summary>Sizes joined by "×": [60000, 28, 28] → "60,000 × 28 × 28".</summary>
    public static string Sizes(IEnumerable<int> sizes) => string.Join(" × ", sizes.Select(s => Count(s)));

    /// <summary>A float as the shortest text that reads back the same, with "." as decimal point.</summary>
    public static string Number(float x) => x.ToString("R", CultureInfo.InvariantCulture);
}
