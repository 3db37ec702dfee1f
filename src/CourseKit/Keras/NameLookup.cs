namespace CourseKit;

/// <summary>
/// How every registry of names (optimizers, activations, initializers, regularizers, losses, metrics, layer classes,
/// learning-rate schedules) matches a name, as forgivingly as Keras users expect: case, spaces, underscores and dashes
/// do not matter, so "leaky_relu", "LeakyReLU" and "leaky-relu" are one name. An unknown name gets one kind of error
/// everywhere: the closest known name ("Did you mean …?"), a word when Keras has the name but CourseKit does not, and
/// the list of valid names.
/// </summary>
internal static class NameLookup
{
    /// <summary>The name in lower case without spaces, underscores or dashes.</summary>
    public static string Key(string name) =>
        new(name.Trim().ToLowerInvariant().Where(c => c is not ('_' or ' ' or '-')).ToArray());

    /// <summary>The value of the entry whose name matches <paramref name="name"/> (see <see cref="Key"/>); aliases are
    /// entries of their own. False when none matches.</summary>
    public static bool TryFind<T>(string? name, IEnumerable<(string Name, T Value)> entries, out T value)
    {
        if (name is not null)
        {
            string key = Key(name);
            foreach (var (known, v) in entries)
                if (Key(known) == key)
                {
                    value = v;
                    return true;
                }
        }
        value = default!;
        return false;
    }

    /// <summary>
    /// The error for a name no entry matches: <c>Unknown optimizer "adma". Did you mean "adam"? Valid names: sgd, adam, ….</c>
    /// </summary>
    /// <param name="kind">What was looked up ("optimizer"), for the message.</param>
    /// <param name="name">The name given.</param>
    /// <param name="known">The valid names, as the message lists them.</param>
    /// <param name="kerasOnly">Names Keras knows and CourseKit does not, answered as such rather than with a near miss.</param>
    /// <param name="hint">A sentence that explains the mistake better than a near miss would (e.g. a metric given as the loss).</param>
    /// <param name="alternative">What else to pass, after the list (e.g. " (or an object such as new L2(0.001f))").</param>
    public static ArgumentException Unknown(string kind, string? name, IEnumerable<string> known, IEnumerable<string>? kerasOnly = null,
                                            string? hint = null, string alternative = "") =>
        new(Message(kind, name, known, kerasOnly, hint, alternative), nameof(name));

    /// <summary>The text of <see cref="Unknown"/>, for registries whose errors are of another type (a saved file's).</summary>
    public static string Message(string kind, string? name, IEnumerable<string> known, IEnumerable<string>? kerasOnly = null,
                                 string? hint = null, string alternative = "")
    {
        var list = known.ToList();
        string? kerasName = name is null ? null : kerasOnly?.FirstOrDefault(k => Key(k) == Key(name));
        string advice = hint is not null ? " " + hint
            : kerasName is not null ? $" Keras has \"{kerasName}\", but CourseKit does not."
            : DidYouMean(name, list);
        return $"Unknown {kind} \"{name}\".{advice} Valid names: {string.Join(", ", list)}{alternative}.";
    }

    /// <summary>" Did you mean "x"?" for the known name closest to <paramref name="name"/>, if it is within two edits (a
    /// quarter of the name for long names: "sparse_categorical_crossentropi"), else "".</summary>
    public static string DidYouMean(string? name, IEnumerable<string> known)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var key = Key(name);
        var best = known.Select(k => (Name: k, Distance: Distance(key, Key(k)))).MinBy(p => p.Distance);
        return best.Name is not null && best.Distance <= Math.Max(2, key.Length / 4) ? $" Did you mean \"{best.Name}\"?" : "";
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
