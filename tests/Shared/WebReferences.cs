using System.Text.RegularExpressions;

namespace CourseKit.Testing;

/// <summary>
/// Finds the scripts and stylesheets an HTML text would fetch from the web: <c>&lt;script src&gt;</c> and
/// <c>&lt;link href&gt;</c> with an <c>http(s)://</c> or <c>//</c> address, a script that sets <c>x.src</c> to one,
/// RequireJS <c>paths</c> pointing at one, CSS <c>@import</c> or <c>url()</c> of one, and any quoted web address of a
/// <c>.js</c> or <c>.css</c> file (a loader that adds the element later). Plain links for people
/// (<c>&lt;a href&gt;</c>) and XML namespaces are not fetched and are not reported. Linked into both test projects.
/// </summary>
internal static partial class WebReferences
{
    /// <summary>Every such address in <paramref name="html"/>, in order.</summary>
    public static IReadOnlyList<string> In(string html) =>
        Pattern().Matches(html).Select(m => m.Groups["url"].Value).ToList();

    [GeneratedRegex("""
        <script\b[^>]*?\bsrc\s*=\s*["']?\s*(?<url>(?:https?:)?//[^"'\s>]+)
        | <link\b[^>]*?\bhref\s*=\s*["']?\s*(?<url>(?:https?:)?//[^"'\s>]+)
        | \.src\s*=\s*["'`](?<url>(?:https?:)?//[^"'`]+)
        | \bpaths\s*:\s*\{[^}]*?["'](?<url>(?:https?:)?//[^"']+)
        | @import\s+(?:url\(\s*)?["']?(?<url>(?:https?:)?//[^"')\s;]+)
        | \burl\(\s*["']?(?<url>(?:https?:)?//[^"')\s]+)
        | ["'`](?<url>(?:https?:)?//[^"'`\s<>]+?\.(?:m?js|css))(?:[?\#][^"'`\s<>]*)?["'`]
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Pattern();
}
