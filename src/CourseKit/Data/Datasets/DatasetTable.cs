using CourseKit.Data;

namespace CourseKit;

/// <summary>
/// Reads a dataset file that is a CSV table without a header (banknote, abalone) and checks that it holds what the
/// dataset promises: no blank line between its rows, a number in every cell of the numeric columns, and as many rows as
/// the original file (a file cut at a line boundary parses, but is not the dataset). A problem is
/// a <see cref="DataFormatException"/> that names the file, quotes the bad value and gives its line, so the student can
/// open the file at that line.
/// </summary>
internal static class DatasetTable
{
    /// <summary>Reads <paramref name="path"/>, the file of <paramref name="spec"/>, with the given column names and checks it.</summary>
    public static Table Read(string path, DatasetSpec spec, IReadOnlyList<string> columnNames, IEnumerable<string> numericColumns)
    {
        var table = Csv.Load(path, hasHeader: false, columnNames: columnNames);
        var origin = Origin(table);
        int lastLine = origin.Line(table.RowCount - 1);
        if (origin.BlankLines.FirstOrDefault(line => line < lastLine) is > 0 and var blank)
            throw new DataFormatException(path,
                $"line {blank} is blank, but every line of this file holds one example: the file was edited or damaged.");
        foreach (var name in numericColumns)
        {
            var column = table[name];
            if (column.Kind == ColumnKind.Categorical)
                throw new DataFormatException(path,
                    $"line {origin.Line(column.FirstText)}: column '{name}' should hold a number but holds '{column.Values[column.FirstText]}'." +
                    (column.FirstText == 0 ? " The original file has no header row: if the first line names the columns, remove it." : ""));
            if (column.Missing > 0)
                throw new DataFormatException(path,
                    $"line {origin.Line(column.FirstMissing)}: column '{name}' has no value (\"{column.Values[column.FirstMissing]}\"), " +
                    "but every example of this dataset has all its values: the file was edited or damaged.");
        }
        if (spec.Examples is int examples && table.RowCount != examples)
            throw new DataFormatException(path,
                $"has {FormatText.Count(table.RowCount)} examples, but {spec.Title} has {FormatText.Count(examples)}: " +
                (table.RowCount < examples ? $"the file ends after line {lastLine}, so it was cut short or edited."
                                           : "it holds rows the original does not, so it was edited or joined with another file."));
        return table;
    }

    /// <summary>The line in the file that row <paramref name="row"/> of <paramref name="table"/> (read by <see cref="Read"/>) is on.</summary>
    public static int Line(Table table, int row) => Origin(table).Line(row);

    private static RowOrigin Origin(Table table) =>
        table.Columns[0].Origin ?? throw new InvalidOperationException("The table was not read from a file.");
}
