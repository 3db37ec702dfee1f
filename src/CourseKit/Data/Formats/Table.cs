using System.Text;

namespace CourseKit;

/// <summary>
/// A small table read from a CSV file (<see cref="Csv.Load"/>): named columns of equal length, each numeric or
/// categorical. Pick columns by name (<c>table["Sex"]</c>), turn numeric ones into a tensor
/// (<c>table.ToTensor("Length", "Diameter")</c>), and print it to see the first rows.
/// </summary>
/// <remarks>
/// A table never changes: <see cref="Head"/>, <see cref="Select"/>, <see cref="Drop"/>, <see cref="FillMissing(string, float)"/> and
/// <see cref="DropMissing"/> return new tables. Every table has at least one row and one column.
/// </remarks>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class Table
{
    private readonly TableColumn[] _columns;

    internal Table(string source, IReadOnlyList<TableColumn> columns)
    {
        if (columns.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(columns));
        int rows = columns[0].Count;
        if (rows == 0) throw new ArgumentException("A table needs at least one row.", nameof(columns));
        if (columns.FirstOrDefault(c => c.Count != rows) is { } uneven)
            throw new ArgumentException($"Column '{uneven.Name}' has {uneven.Count} rows, but column '{columns[0].Name}' has {rows}.", nameof(columns));
        if (columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Two columns are named '{twice.Key}'; every column needs its own name.", nameof(columns));
        Source = source;
        RowCount = rows;
        _columns = [.. columns];
        Columns = Array.AsReadOnly(_columns);
        ColumnNames = Array.AsReadOnly(_columns.Select(c => c.Name).ToArray());
    }

    /// <summary>Where the table was read from (a file path or the name given to <see cref="Csv.Parse"/>).</summary>
    public string Source { get; }

    /// <summary>The number of rows (examples), not counting a header row.</summary>
    public int RowCount { get; }

    /// <summary>The columns, left to right.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The column names, left to right.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The column called <paramref name="name"/> (names are case-sensitive).</summary>
    /// <exception cref="KeyNotFoundException">No column has that name; the message lists the names there are.</exception>
    public TableColumn this[string name] => _columns[IndexOf(name)];

    /// <summary>Whether a column is called <paramref name="name"/>.</summary>
    public bool HasColumn(string name) => Array.FindIndex(_columns, c => c.Name == name) >= 0;

    /// <summary>The text of every cell in row <paramref name="index"/> (0 is the first row after any header), in column order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not between 0 and <see cref="RowCount"/> − 1.</exception>
    public IReadOnlyList<string> Row(int index)
    {
        if (index < 0 || index >= RowCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The table has {FormatText.Plural(RowCount, "row")}, numbered 0 to {RowCount - 1}.");
        return Array.AsReadOnly(_columns.Select(c => c.Cell(index)).ToArray());
    }

    /// <summary>
    /// The given numeric columns (all numeric columns if none are named) as a (rows, columns) tensor, columns in the
    /// order given: <c>var x = table.ToTensor("variance", "skewness");</c>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A name is not a column.</exception>
    /// <exception cref="InvalidOperationException">A column is categorical or has missing cells, or (with no names) no column is numeric.</exception>
    public Tensor ToTensor(params string[] columns)
    {
        TableColumn[] chosen;
        if (columns.Length == 0)
        {
            chosen = _columns.Where(c => c.Kind == ColumnKind.Numeric).ToArray();
            if (chosen.Length == 0)
                throw new InvalidOperationException(
                    $"The table from {Source} has no numeric columns ({string.Join(", ", ColumnNames)} are all categorical). " +
                    $"Turn categories into numbers first, e.g. new OneHotEncoder().FitTransform(table[\"{ColumnNames[0]}\"].Values).");
        }
        else
        {
            chosen = columns.Select(name => this[name]).ToArray();
        }

        int width = chosen.Length;
        var data = new float[RowCount * width];
        for (int c = 0; c < width; c++)
        {
            if (chosen[c].Kind == ColumnKind.Categorical) throw chosen[c].NotNumeric("numbers to put in a tensor");
            var numbers = chosen[c].Numbers;   // throws with a clear message when cells are missing
            for (int r = 0; r < RowCount; r++) data[r * width + c] = numbers[r];
        }
        return Tensor.FromData(data, [RowCount, width]);
    }

    /// <summary>The first <paramref name="count"/> rows (all of them if the table is shorter).</summary>
    public Table Head(int count = 5)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Head needs a count of at least 1 row.");
        if (count >= RowCount) return this;
        var rows = Enumerable.Range(0, count).ToArray();
        return new Table(Source, _columns.Select(c => c.Rows(rows)).ToArray());
    }

    /// <summary>Only the named columns, in the order given: <c>table.Select("Length", "Rings")</c>.</summary>
    /// <exception cref="KeyNotFoundException">A name is not a column.</exception>
    public Table Select(params string[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("Select needs the name of at least one column.", nameof(columns));
        if (columns.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Select names column '{twice.Key}' twice; name each column once.", nameof(columns));
        return new Table(Source, columns.Select(name => this[name]).ToArray());
    }

    /// <summary>All columns except the named ones: <c>table.Drop("Sex")</c>.</summary>
    /// <exception cref="KeyNotFoundException">A name is not a column.</exception>
    public Table Drop(params string[] columns)
    {
        foreach (var name in columns) IndexOf(name);   // unknown names fail with the list of valid ones
        var kept = _columns.Where(c => !columns.Contains(c.Name)).ToArray();
        if (kept.Length == 0) throw new InvalidOperationException("Drop would remove every column; a table needs at least one.");
        return new Table(Source, kept);
    }

    /// <summary>
    /// The same table with every missing cell of column <paramref name="column"/> set to <paramref name="value"/>,
    /// e.g. the column's average: <c>table.FillMissing("age", table["age"].Mean())</c>.
    /// </summary>
    public Table FillMissing(string column, float value)
    {
        if (!float.IsFinite(value)) throw new ArgumentException($"FillMissing needs a finite number, not {value}.", nameof(value));
        return FillMissing(column, FormatText.Number(value));
    }

    /// <summary>
    /// The same table with every missing cell of column <paramref name="column"/> set to the text
    /// <paramref name="value"/>, e.g. a category name: <c>table.FillMissing("color", "unknown")</c>.
    /// </summary>
    public Table FillMissing(string column, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (TableColumn.IsMissing(value.Trim()))
            throw new ArgumentException($"FillMissing needs a value that is not itself missing (\"{value}\" counts as missing).", nameof(value));
        int index = IndexOf(column);
        var columns = (TableColumn[])_columns.Clone();
        columns[index] = _columns[index].Filled(value);
        return new Table(Source, columns);
    }

    /// <summary>The rows that have no missing cell in the named columns (in any column if none are named).</summary>
    /// <exception cref="InvalidOperationException">Every row has a missing cell.</exception>
    public Table DropMissing(params string[] columns)
    {
        var checkedColumns = columns.Length == 0 ? _columns : columns.Select(name => this[name]).ToArray();
        var rows = Enumerable.Range(0, RowCount).Where(r => !checkedColumns.Any(c => TableColumn.IsMissing(c.Cell(r)))).ToArray();
        if (rows.Length == RowCount) return this;
        if (rows.Length == 0) throw new InvalidOperationException("DropMissing would remove every row: each one has a missing cell.");
        return new Table(Source, _columns.Select(c => c.Rows(rows)).ToArray());
    }

    /// <summary>
    /// A summary line ("1,372 rows × 5 columns from …, all numeric") followed by the first 5 rows, with each
    /// column's name and kind above it.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        int numeric = _columns.Count(c => c.Kind == ColumnKind.Numeric);
        string kinds = numeric == _columns.Length ? "all numeric"
            : numeric == 0 ? "all categorical"
            : $"{numeric} numeric, {_columns.Length - numeric} categorical";
        sb.Append($"{FormatText.Plural(RowCount, "row")} × {FormatText.Plural(_columns.Length, "column")} from {Source}, {kinds}");
        var gaps = _columns.Where(c => c.Missing > 0).Select(c => $"{c.Name} {FormatText.Count(c.Missing)}").ToList();
        sb.AppendLine(gaps.Count == 0 ? "" : $"; missing cells: {string.Join(", ", gaps)}");

        int shown = Math.Min(5, RowCount);
        var lines = new List<string[]>
        {
            ColumnNames.ToArray(),
            _columns.Select(c => c.Kind == ColumnKind.Numeric ? "(number)" : "(text)").ToArray(),
        };
        for (int r = 0; r < shown; r++) lines.Add(_columns.Select(c => c.Cell(r)).ToArray());
        var widths = _columns.Select((_, c) => lines.Max(l => l[c].Length)).ToArray();
        foreach (var l in lines)
            sb.AppendLine(string.Join("  ", l.Select((cell, c) =>
                _columns[c].Kind == ColumnKind.Numeric ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        if (RowCount > shown) sb.AppendLine($"… {FormatText.Plural(RowCount - shown, "more row")}");
        return sb.ToString().TrimEnd();
    }

    private int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int index = Array.FindIndex(_columns, c => c.Name == name);
        if (index >= 0) return index;
        var sameIgnoringCase = _columns.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        throw new KeyNotFoundException(
            $"The table from {Source} has no column '{name}'." +
            (sameIgnoringCase is null ? "" : $" Did you mean '{sameIgnoringCase.Name}'? (Names are case-sensitive.)") +
            $" Its columns are: {string.Join(", ", ColumnNames)}.");
    }
}
