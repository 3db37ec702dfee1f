using System.Text;

namespace CourseKit;

/// <summary>
/// Reads CSV files (comma-separated values, the plain-text tables that spreadsheets export and most data sets are
/// published in) into a <see cref="Table"/>: <c>var table = Csv.Load("abalone.data");</c>.
/// </summary>
/// <remarks>
/// <para>
/// The format is RFC 4180's: one row per line (LF or CRLF), fields separated by a comma (or the
/// <c>separator</c> you pass, e.g. ';' or '\t'), and a field that contains the separator, a quote or a line break
/// written in double quotes, with quotes inside it doubled: <c>"Smith, ""Jr."""</c>. Spaces around fields are
/// trimmed, blank lines are skipped (a message about a row names the line it is on in the file, counting blank lines),
/// and the file is read as UTF-8 (with or without a byte order mark). A file that is plainly not CSV text — a web page
/// saved in place of the data, a gzip or zip file, binary data — is refused with a message that says which.
/// </para>
/// <para>
/// <b>Is the first row a header?</b> Pass <c>hasHeader</c> when you know. Otherwise it is guessed, in this order:
/// </para>
/// <list type="number">
/// <item>If a column holds numbers below the first row and its first cell is text (not a number, not missing), the
/// first row is a header: a name above numbers.</item>
/// <item>Otherwise, if a column's first cell is a number above numbers, or a text column's first cell appears again
/// below it (like "M" in a column of M, F, I), the first row is data.</item>
/// <item>Otherwise (only text, no repeats) the first row is a header when its cells are all text and all different.
/// A table of nothing but text is ambiguous, so pass <c>hasHeader</c> for such files.</item>
/// </list>
/// <para>
/// Without a header, columns are named "column0", "column1", … unless you pass <c>columnNames</c>, which always
/// replace the names (a detected header row is then skipped). Every problem with the file is reported as a
/// <see cref="DataFormatException"/> naming the file and, where it helps, the line.
/// </para>
/// </remarks>
public static class Csv
{
    /// <summary>Reads the CSV file at <paramref name="path"/> into a table.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="hasHeader">Whether the first row holds column names; null guesses (see <see cref="Csv"/>).</param>
    /// <param name="separator">The character between fields: ',' by default, ';' or '\t' for some files.</param>
    /// <param name="columnNames">Names for the columns, one per column; they replace any header.</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="DataFormatException">The file is empty, a quote never closes, or rows have different numbers of fields.</exception>
    public static Table Load(string path, bool? hasHeader = null, char separator = ',', IReadOnlyList<string>? columnNames = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Csv.Load: there is no file at '{path}' (full path: {Path.GetFullPath(path)}). Check the folder and the file name.", path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path, hasHeader, separator, columnNames);
    }

    /// <summary>
    /// Reads CSV text from <paramref name="reader"/> into a table, e.g.
    /// <c>Csv.Parse(new StringReader("x,y\n1,2\n"), "example")</c>. <paramref name="name"/> says where the text came
    /// from, for messages and <see cref="Table.Source"/>. The other parameters are those of <see cref="Load"/>.
    /// </summary>
    /// <exception cref="DataFormatException">The text is empty, a quote never closes, or rows have different numbers of fields.</exception>
    public static Table Parse(TextReader reader, string name, bool? hasHeader = null, char separator = ',', IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        if (separator is '"' or '\r' or '\n')
            throw new ArgumentException($"The separator cannot be {(separator == '"' ? "a quote" : "a line break")}; use ',', ';' or '\\t'.", nameof(separator));
        CheckNames(columnNames);

        string text = reader.ReadToEnd();
        if (NotCsvText(text) is string problem) throw new DataFormatException(name, problem);
        var blankLines = new List<int>();
        var rows = CsvTokenizer.Split(text, name, separator, blankLines);
        if (rows.Count == 0) throw new DataFormatException(name, "has no rows: it is empty or holds only blank lines.");
        CheckWidths(rows, name, separator);
        int width = rows[0].Fields.Length;

        bool header = hasHeader ?? LooksLikeHeader(rows);
        var names = header ? HeaderNames(rows[0], name) : Enumerable.Range(0, width).Select(c => $"column{c}").ToArray();
        if (columnNames is not null)
        {
            if (columnNames.Count != width)
                throw new DataFormatException(name,
                    $"has {FormatText.Plural(width, "column")}, but {FormatText.Plural(columnNames.Count, "column name")} " +
                    $"{(columnNames.Count == 1 ? "was" : "were")} given ({string.Join(", ", columnNames)}): give one name per column.");
            names = [.. columnNames];
        }

        var data = header ? rows.Skip(1).ToList() : rows;
        if (data.Count == 0)
            throw new DataFormatException(name, $"has a header row ({string.Join(", ", rows[0].Fields)}) but no rows of data below it.");
        var origin = new RowOrigin(name, data.Select(r => r.Line).ToArray(), [.. blankLines]);
        var columns = new TableColumn[width];
        for (int c = 0; c < width; c++)
        {
            var values = new string[data.Count];
            for (int r = 0; r < values.Length; r++) values[r] = data[r].Fields[c];
            columns[c] = new TableColumn(names[c], values, origin);
        }
        return new Table(name, columns);
    }

    /// <summary>
    /// Guesses whether the first row names the columns (see the rules in <see cref="Csv"/>'s remarks). The first
    /// rule alone decides for most data sets: a header sits above numbers, and a header-less file of measurements
    /// (such as banknote or abalone from UCI) has numbers in its first row too.
    /// </summary>
    internal static bool LooksLikeHeader(IReadOnlyList<CsvRow> rows)
    {
        var first = rows[0].Fields;
        bool numberAboveNumbers = false, repeatedBelow = false;
        for (int c = 0; c < first.Length; c++)
        {
            string top = first[c];
            var below = rows.Skip(1).Select(r => r.Fields[c]).Where(v => !TableColumn.IsMissing(v)).ToList();
            bool numbersBelow = below.Count > 0 && below.All(IsNumber);
            if (numbersBelow)
            {
                if (!TableColumn.IsMissing(top) && !IsNumber(top)) return true;   // rule 1: a name above numbers
                if (IsNumber(top)) numberAboveNumbers = true;
            }
            else if (!TableColumn.IsMissing(top) && below.Contains(top))
            {
                repeatedBelow = true;
            }
        }
        if (numberAboveNumbers || repeatedBelow) return false;                  // rule 2
        return first.All(f => !TableColumn.IsMissing(f) && !IsNumber(f)) && first.Distinct().Count() == first.Length;   // rule 3
    }

    /// <summary>What a text that is plainly not CSV is instead (a web page, a compressed file, binary data), or null.</summary>
    private static string? NotCsvText(string text)
    {
        if (WebPage.StartsLikeOne(text))
            return "is a web page (HTML), not data: an error or login page was probably saved in place of the file. " +
                   "Download the file again and check that it holds the data itself.";
        if (text.StartsWith('\u001F'))   // the gzip signature 1F 8B, as a text reader sees it
            return "is gzip-compressed, not CSV text: decompress it first (gunzip FILE, or 7-Zip on Windows) and read the result.";
        if (text.StartsWith("PK\u0003\u0004", StringComparison.Ordinal))
            return "is a zip archive, not CSV text: unzip it and read the CSV file inside.";
        int zero = text.AsSpan(0, Math.Min(text.Length, 4096)).IndexOf('\0');
        return zero < 0 ? null : "holds binary data (a zero byte near the start), not CSV text: check that this is the right file.";
    }

    private static bool IsNumber(string cell) => TableColumn.TryParseNumber(cell, out _);

    private static void CheckWidths(List<CsvRow> rows, string name, char separator)
    {
        var reference = rows[0];
        foreach (var row in rows)
        {
            if (row.Fields.Length == reference.Fields.Length) continue;
            string hint = row.Fields.Length > reference.Fields.Length
                ? $"a value that contains the separator '{Shown(separator)}' must be written in quotes (\"a{Shown(separator)} b\")"
                : "a value may be missing, or the line may have been cut short";
            throw new DataFormatException(name,
                $"line {row.Line} has {FormatText.Plural(row.Fields.Length, "field")}, but the file's rows have " +
                $"{reference.Fields.Length} (line {reference.Line}). Every row needs one value per column: {hint}.");
        }
    }

    private static string[] HeaderNames(CsvRow header, string name)
    {
        var names = header.Fields.Select((f, c) => f.Length == 0 ? $"column{c}" : f).ToArray();
        for (int c = 0; c < names.Length; c++)
        {
            int other = Array.IndexOf(names, names[c], c + 1);
            if (other >= 0)
                throw new DataFormatException(name,
                    $"line {header.Line}: the header names two columns '{names[c]}' (columns {c} and {other}, counting from 0). " +
                    "Give every column its own name, e.g. with Csv.Load(path, hasHeader: true, columnNames: [...]).");
        }
        return names;
    }

    private static void CheckNames(IReadOnlyList<string>? columnNames)
    {
        if (columnNames is null) return;
        if (columnNames.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("Every column name needs at least one visible character.", nameof(columnNames));
        if (columnNames.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"The column name '{twice.Key}' is given twice; every column needs its own name.", nameof(columnNames));
    }

    private static string Shown(char separator) => separator == '\t' ? "\\t" : separator.ToString();
}
