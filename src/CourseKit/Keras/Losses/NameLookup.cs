namespace CourseKit;

/// <summary>
/// How loss and metric names are matched, as forgivingly as Keras users expect: case, spaces and underscores do not
/// matter, so "binary_crossentropy", "BinaryCrossentropy" and "Binary Crossentropy" are one name. For an unknown name it
/// finds the closest known one, for a "did you mean" in the error.
/// </summary>
internal static class NameLookup
{
    /// <summary>The name in lower case without spaces, underscores or dashes.</summary>
    public static string Key(string name) =>
        new(name.Trim().ToLowerInvariant().Where(c => c is not ('_' or ' ' or '-')).ToArray());

    /// <summary>" Did you mean "x"?" for the known name within two edits of <paramref name="name"/>, else "".</summary>
    public static string DidYouMean(string? name, IEnumerable<string> known)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var key = Key(name);
        var best = known.Select(k => (Name: k, Distance: Distance(key, Key(k)))).MinBy(p => p.Distance);
        return best.Name is not null && best.Distance <= 2 ? $" Did you mean \"{best.Name}\"?" : "";
    }

    /// <summary>Levenshtein distance: the fewest insertions, deletions and substitutions turning a into b.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
