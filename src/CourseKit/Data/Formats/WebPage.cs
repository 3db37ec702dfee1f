using System.Text;

namespace CourseKit;

/// <summary>
/// Recognises a web page (HTML) where data was expected: what a server sends instead of a file when an address has
/// moved or asks for a login, and what a browser saves when "Save link as" went wrong.
/// </summary>
internal static class WebPage
{
    private static readonly string[] Openings = ["<!doctype html", "<html", "<head", "<body", "<title"];

    /// <summary>Whether <paramref name="text"/> starts like an HTML page (after any byte order mark and spaces).</summary>
    public static bool StartsLikeOne(ReadOnlySpan<char> text)
    {
        text = text.TrimStart('\uFEFF').TrimStart();
        foreach (var opening in Openings)
            if (text.StartsWith(opening, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>Whether the first bytes of a file or download start like an HTML page.</summary>
    public static bool StartsLikeOne(ReadOnlySpan<byte> bytes) => StartsLikeOne(Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 256)]));
}
