using System.Text;

namespace CourseKit;

/// <summary>One row of a CSV file: its fields and the line it starts on (1-based, for error messages).</summary>
internal sealed record CsvRow(int Line, string[] Fields);

/// <summary>
/// Splits CSV text into rows of fields, following RFC 4180: fields are separated by the separator (usually a comma);
/// a field in double quotes may contain separators, line breaks and quotes written twice (<c>"say ""hi"""</c>);
/// lines end with LF or CRLF. Also, as most spreadsheets do: spaces around an unquoted field are trimmed, spaces
/// around a quoted one are ignored, and blank lines (such as the newline at the end of the file) are skipped.
/// </summary>
internal static class CsvTokenizer
{
    /// <summary>The rows of <paramref name="text"/>; <paramref name="name"/> is for error messages. The numbers of the
    /// blank lines that were skipped are added to <paramref name="blankLines"/> when it is given.</summary>
    /// <exception cref="DataFormatException">A quote never closes, or a quoted field has text after its closing quote.</exception>
    public static List<CsvRow> Split(string text, string name, char separator, List<int>? blankLines = null)
    {
        var rows = new List<CsvRow>();
        var fields = new List<string>();
        var quoted = new StringBuilder();
        int i = text.StartsWith('\uFEFF') ? 1 : 0;   // a UTF-8 byte order mark that the reader did not remove
        int line = 1;

        bool IsSpace(char c) => c != separator && c != '\r' && c != '\n' && char.IsWhiteSpace(c);
        bool AtLineEnd(int at) => at >= text.Length || text[at] == '\r' || text[at] == '\n';

        // Moves past a line break at i (LF, CRLF or a lone CR) and counts it.
        void SkipLineBreak()
        {
            if (i >= text.Length) return;
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            i++;
            line++;
        }

        while (i < text.Length)
        {
            // A blank line (nothing or only spaces) is not a row.
            int j = i;
            while (j < text.Length && IsSpace(text[j])) j++;
            if (AtLineEnd(j))
            {
                if (j < text.Length) blankLines?.Add(line);   // a line break ends it: a blank line, not just the end of the text
                i = j;
                SkipLineBreak();
                continue;
            }

            int rowLine = line;
            fields.Clear();
            while (true)
            {
                while (i < text.Length && IsSpace(text[i])) i++;
                if (i < text.Length && text[i] == '"')
                {
                    int quoteLine = line;
                    quoted.Clear();
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                            throw new DataFormatException(name,
                                $"line {quoteLine}: field {fields.Count + 1} opens a quote (\") that never closes: the file ends inside it. " +
                                "Close the quote, or write a quote that is part of the text twice (\"\").");
                        char c = text[i];
                        if (c == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"') { quoted.Append('"'); i += 2; continue; }
                            i++;
                            break;
                        }
                        if (c == '\n' || (c == '\r' && !(i + 1 < text.Length && text[i + 1] == '\n'))) line++;
                        quoted.Append(c);
                        i++;
                    }
                    while (i < text.Length && IsSpace(text[i])) i++;
                    if (!AtLineEnd(i) && text[i] != separator)
                        throw new DataFormatException(name,
                            $"line {line}: field {fields.Count + 1} has text after its closing quote (\"{Excerpt(text, i)}\"). " +
                            "A quoted field ends at its closing quote; a quote inside it must be written twice (\"\").");
                    fields.Add(quoted.ToString());
                }
                else
                {
                    int start = i;
                    while (!AtLineEnd(i) && text[i] != separator) i++;
                    int end = i;
                    while (end > start && IsSpace(text[end - 1])) end--;
                    fields.Add(text[start..end]);
                }

                if (i < text.Length && text[i] == separator) { i++; continue; }
                SkipLineBreak();
                break;
            }
            rows.Add(new CsvRow(rowLine, [.. fields]));
        }
        return rows;
    }

    /// <summary>Up to 20 characters of the line starting at <paramref name="at"/>, for messages.</summary>
    private static string Excerpt(string text, int at)
    {
        int end = at;
        while (end < text.Length && end - at < 20 && text[end] != '\r' && text[end] != '\n') end++;
        return text[at..end] + (end < text.Length && text[end] != '\r' && text[end] != '\n' ? "…" : "");
    }
}
