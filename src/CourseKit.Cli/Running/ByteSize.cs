using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseKit.Cli.Running;

/// <summary>Sizes given on the command line: a whole number of bytes, optionally with k/KB (1,000) or M/MB (1,000,000).</summary>
static partial class ByteSize
{
    [GeneratedRegex(@"^\s*(\d{1,15})\s*(k|kb|m|mb)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    /// <summary>The size in bytes, or null when <paramref name="text"/> is not a size greater than zero.</summary>
    public static long? Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success) return null;
        long value = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        long unit = match.Groups[2].Value.ToLowerInvariant() switch { "k" or "kb" => 1_000, "m" or "mb" => 1_000_000, _ => 1 };
        return value > 0 && value <= long.MaxValue / unit ? value * unit : null;
    }
}
