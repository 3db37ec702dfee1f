namespace CourseKit;

/// <summary>
/// Where the rows of a table read from a file came from: the file, the line each row starts on (1-based, as an
/// editor shows it), and the blank lines the reader skipped. Lets messages point at the line to look at.
/// </summary>
internal sealed class RowOrigin(string source, int[] lines, int[] blankLines)
{
    /// <summary>The file (or the name given to <see cref="Csv.Parse"/>).</summary>
    public string Source { get; } = source;

    /// <summary>The blank lines of the file, which hold no row.</summary>
    public IReadOnlyList<int> BlankLines { get; } = blankLines;

    /// <summary>The line row <paramref name="row"/> starts on.</summary>
    public int Line(int row) => lines[row];

    /// <summary>"row 4 (line 6 of data.csv)".</summary>
    public string Describe(int row) => $"row {row} (line {lines[row]} of {Source})";

    /// <summary>The origin of a table made of the given rows of this one.</summary>
    public RowOrigin Rows(IReadOnlyList<int> rows) => new(Source, rows.Select(r => lines[r]).ToArray(), blankLines);
}
