using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// What follows a marker's word, e.g. <c>q1.sigmoid public points=2 "what it checks"</c>: plain words in order,
/// <c>name=value</c> settings (a value with spaces in double quotes), and at most one text in double quotes (a
/// description). Inside quotes, <c>\"</c> is a quote and <c>\\</c> a backslash; any other backslash stays as it
/// is, so that a regular expression such as <c>patterns="\bover\w* ;; \d+"</c> reads as written.
/// </summary>
public sealed partial class MarkerArguments
{
    public List<string> Words { get; } = [];
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);
    public string? Text { get; private set; }

    /// <summary>True when part of the text could not be read (a problem says which); the rest is not to be judged.</summary>
    public bool Unreadable { get; private set; }

    [GeneratedRegex("""\G\s*(?:(?<key>[A-Za-z][\w-]*)=(?:"(?<quoted>(?:[^"\\]|\\.)*)"|(?<value>[^\s"]+))|"(?<text>(?:[^"\\]|\\.)*)"|(?<word>[^\s"=]+))""")]
    private static partial Regex Token();

    /// <summary>Reads <paramref name="text"/>; what cannot be read is added to <paramref name="problems"/>.</summary>
    public static MarkerArguments Parse(string text, List<string> problems)
    {
        var result = new MarkerArguments();
        int at = 0;
        text = text.TrimEnd();
        while (at < text.Length)
        {
            var m = Token().Match(text, at);
            if (!m.Success || m.Length == 0)
            {
                var rest = text[at..].Trim();
                problems.Add(rest.Contains('"')
                    ? $"cannot read «{rest}»: a quote is not closed (write a quote inside a text as \\\")"
                    : $"cannot read «{rest}»");
                result.Unreadable = true;
                break;
            }
            at = m.Index + m.Length;
            if (m.Groups["key"].Success)
            {
                var key = m.Groups["key"].Value;
                var value = m.Groups["quoted"].Success ? Unescape(m.Groups["quoted"].Value) : m.Groups["value"].Value;
                if (!result.Settings.TryAdd(key, value)) problems.Add($"{key}= is given twice; give it once");
            }
            else if (m.Groups["text"].Success)
            {
                if (result.Text is not null) problems.Add("has two texts in quotes; give one description (settings are written name=\"value\")");
                result.Text = Unescape(m.Groups["text"].Value);
            }
            else result.Words.Add(m.Groups["word"].Value);
            while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
        }
        return result;
    }

    static string Unescape(string quoted)
    {
        var text = new StringBuilder(quoted.Length);
        for (int i = 0; i < quoted.Length; i++)
            text.Append(quoted[i] == '\\' && i + 1 < quoted.Length && quoted[i + 1] is '"' or '\\' ? quoted[++i] : quoted[i]);
        return text.ToString();
    }

    /// <summary>The settings not in <paramref name="known"/>, as a problem naming the ones that are.</summary>
    public void RefuseUnknownSettings(string marker, IReadOnlyList<string> known, List<string> problems)
    {
        foreach (var key in Settings.Keys.Where(k => !known.Contains(k)))
            problems.Add(known.Count == 0
                ? $"{marker} takes no settings, but has {key}="
                : $"{marker} has an unknown setting {key}=; it takes {string.Join(", ", known.Select(k => k + "="))}");
    }

    /// <summary>A number setting that must be finite and at least <paramref name="least"/>; null when not given or wrong.</summary>
    public double? Number(string marker, string key, double least, List<string> problems)
    {
        if (!Settings.TryGetValue(key, out var text)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= least)
            return value;
        problems.Add($"{marker} has {key}={text}; it needs a number of at least {least.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }
}
