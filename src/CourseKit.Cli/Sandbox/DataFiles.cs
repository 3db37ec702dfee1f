using System.Text.RegularExpressions;

namespace CourseKit.Cli.Sandbox;

/// <summary>
/// The files of a data folder that patterns such as <c>banknote/data_banknote_authentication.txt</c> or
/// <c>mnist/train-*</c> name: <c>*</c> and <c>?</c> match within one folder or file name, <c>**</c> matches any number of
/// folders; a pattern without wildcards names one file. Paths are relative to the data folder, with <c>/</c>.
/// </summary>
static class DataFiles
{
    /// <summary>The full paths of the files under <paramref name="folder"/> that any of <paramref name="patterns"/> matches.</summary>
    public static IReadOnlyList<string> Matching(string folder, IEnumerable<string> patterns)
    {
        var matchers = patterns.Select(Pattern).ToList();
        if (matchers.Count == 0 || !Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(file => matchers.Any(m => m.IsMatch(Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'))))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether any of <paramref name="patterns"/> names the file <paramref name="relativePath"/> (relative to the data folder).</summary>
    public static bool Matches(string relativePath, IEnumerable<string> patterns) =>
        patterns.Any(p => Pattern(p).IsMatch(relativePath.Replace('\\', '/').TrimStart('/')));

    static Regex Pattern(string glob)
    {
        var text = glob.Trim().Replace('\\', '/').TrimStart('/');
        var regex = new System.Text.StringBuilder("^");
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                bool folders = i + 2 < text.Length && text[i + 2] == '/';
                regex.Append(folders ? "(?:.*/)?" : ".*");
                i += folders ? 2 : 1;
            }
            else if (text[i] == '*') regex.Append("[^/]*");
            else if (text[i] == '?') regex.Append("[^/]");
            else regex.Append(Regex.Escape(text[i].ToString()));
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
