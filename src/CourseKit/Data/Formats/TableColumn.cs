using System.Globalization;

namespace CourseKit;

/// <summary>Whether a column holds numbers or category names.</summary>
public enum ColumnKind
{
    /// <summary>Every cell is a number (or missing): measurements, counts, class indices.</summary>
    Numeric,

    /// <summary>At least one cell is not a number: names of categories such as "M", "F", "I".</summary>
    Categorical,
}

/// <summary>
/// One column of a <see cref="Table"/>: its name, the raw text of its cells, and whether they are numbers
/// (<see cref="ColumnKind.Numeric"/>) or category names (<see cref="ColumnKind.Categorical"/>).
/// </summary>
/// <remarks>
/// A cell counts as <b>missing</b> when it is empty or reads "NA", "NaN" or "?" (any upper/lower case): the usual
/// ways data sets mark a value nobody measured. A column is numeric when every cell that is not missing is a
/// number such as <c>3</c>, <c>-0.5</c> or <c>1e-3</c> (with "." as decimal point, whatever the computer's language).
/// Numbers too large for a 32-bit float, and "Infinity", do not count as numbers.
/// </remarks>
public sealed class TableColumn
{
    private readonly string[] _values;
    private readonly float[]? _numbers;   // numeric columns only; NaN where a cell is missing
    private readonly int _firstMissing = -1, _firstText = -1;

    internal TableColumn(string name, string[] values, RowOrigin? origin = null)
    {
        Name = name;
        Origin = origin;
        _values = values;
        Values = Array.AsReadOnly(values);
        var numbers = new float[values.Length];
        for (int row = 0; row < values.Length; row++)
        {
            if (IsMissing(values[row]))
            {
                numbers[row] = float.NaN;
                Missing++;
                if (_firstMissing < 0) _firstMissing = row;
            }
            else if (!TryParseNumber(values[row], out numbers[row]) && _firstText < 0)
            {
                _firstText = row;
            }
        }
        Kind = _firstText < 0 ? ColumnKind.Numeric : ColumnKind.Categorical;
        if (Kind == ColumnKind.Numeric) _numbers = numbers;
    }

    /// <summary>The file and lines the cells came from, when the column was read from a file.</summary>
    internal RowOrigin? Origin { get; }

    /// <summary>The first row whose cell is missing, or −1.</summary>
    internal int FirstMissing => _firstMissing;

    /// <summary>The first row whose cell is text rather than a number, or −1.</summary>
    internal int FirstText => _firstText;

    /// <summary>The column's name (from the header row, from <c>columnNames</c>, or "column0", "column1", …).</summary>
    public string Name { get; }

    /// <summary>Whether the column holds numbers or category names.</summary>
    public ColumnKind Kind { get; }

    /// <summary>The text of every cell, exactly as in the file (without surrounding spaces or quotes).</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The number of cells (the table's number of rows).</summary>
    public int Count => _values.Length;

    /// <summary>How many cells are missing: empty, "NA", "NaN" or "?".</summary>
    public int Missing { get; }

    /// <summary>
    /// The numbers of a numeric column, one per row (a new array each time). Fails for a categorical column, and for
    /// a column with missing cells: tensors need a number everywhere, so fill or drop those first
    /// (<see cref="Table.FillMissing(string, float)"/>, <see cref="Table.DropMissing"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The column is categorical or has missing cells.</exception>
    public float[] Numbers
    {
        get
        {
            var numbers = NumbersOrNaN;
            if (Missing > 0)
                throw new InvalidOperationException(
                    $"Column '{Name}' has {FormatText.Plural(Missing, "missing value")}, the first in {RowAndLine(_firstMissing)}, " +
                    $"which holds \"{_values[_firstMissing]}\"; tensors need a number in every cell. Fill them in, e.g. " +
                    $"table.FillMissing(\"{Name}\", table[\"{Name}\"].Mean()), or drop those rows with table.DropMissing(\"{Name}\").");
            return numbers;
        }
    }

    /// <summary>The numbers of a numeric column with <see cref="float.NaN"/> where a cell is missing (a new array each time).</summary>
    /// <exception cref="InvalidOperationException">The column is categorical.</exception>
    public float[] NumbersOrNaN => (float[])(_numbers ?? throw NotNumeric("Numbers")).Clone();

    /// <summary>The distinct values of a categorical column, sorted (missing cells are not a category).</summary>
    /// <exception cref="InvalidOperationException">The column is numeric.</exception>
    public IReadOnlyList<string> Categories
    {
        get
        {
            if (Kind == ColumnKind.Numeric)
                throw new InvalidOperationException(
                    $"Column '{Name}' is numeric, so it has no categories; use table[\"{Name}\"].Numbers for its values.");
            return _values.Where(v => !IsMissing(v)).Distinct().Order(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>The average of the numbers that are present (missing cells are left out), e.g. to fill the gaps with.</summary>
    /// <exception cref="InvalidOperationException">The column is categorical or every cell is missing.</exception>
    public float Mean()
    {
        var numbers = _numbers ?? throw NotNumeric("Mean()");
        if (Missing == Count) throw new InvalidOperationException($"Column '{Name}' has no numbers at all: every cell is missing.");
        double sum = 0;
        foreach (float x in numbers) if (!float.IsNaN(x)) sum += x;
        return (float)(sum / (Count - Missing));
    }

    /// <summary>A numeric column as a rank-1 tensor with one number per row.</summary>
    /// <exception cref="InvalidOperationException">The column is categorical or has missing cells.</exception>
    public Tensor ToTensor(Device? device = null) => Tensor.FromData(Numbers, [Count], device);

    /// <summary>One line: name, kind, size and missing cells.</summary>
    public override string ToString() =>
        $"{Name}: {(Kind == ColumnKind.Numeric ? "numeric" : $"categorical ({Categories.Count} {(Categories.Count == 1 ? "category" : "categories")})")}, " +
        $"{FormatText.Plural(Count, "value")}" + (Missing > 0 ? $" ({FormatText.Count(Missing)} missing)" : "");

    /// <summary>The same column with only the given rows.</summary>
    internal TableColumn Rows(IReadOnlyList<int> rows) => new(Name, rows.Select(r => _values[r]).ToArray(), Origin?.Rows(rows));

    /// <summary>The same column with every missing cell replaced by <paramref name="text"/>.</summary>
    internal TableColumn Filled(string text) => new(Name, _values.Select(v => IsMissing(v) ? text : v).ToArray(), Origin);

    internal string Cell(int row) => _values[row];

    /// <summary>"row 4 (line 6 of data.csv)" when the column came from a file, else "row 4".</summary>
    private string RowAndLine(int row) => Origin?.Describe(row) ?? $"row {row}";

    /// <summary>Why a categorical column cannot give numbers, and what to do instead.</summary>
    internal InvalidOperationException NotNumeric(string what) =>
        new($"Column '{Name}' is categorical: {RowAndLine(_firstText)} holds \"{_values[_firstText]}\", which is not a number, so it has no {what}. " +
            $"Turn its categories into numbers first, e.g. new OneHotEncoder().FitTransform(table[\"{Name}\"].Values), " +
            $"or leave it out with table.Drop(\"{Name}\").");

    /// <summary>Whether a cell is missing: empty, "NA", "NaN" or "?" (any case).</summary>
    public static bool IsMissing(string cell) =>
        cell.Length == 0 || cell == "?" || cell.Equals("NA", StringComparison.OrdinalIgnoreCase) ||
        cell.Equals("NaN", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a cell as a number with "." as decimal point ("3", "-0.5", "1e-3"); false for anything else,
    /// including infinities and numbers beyond the range of a float.</summary>
    internal static bool TryParseNumber(string cell, out float value)
    {
        value = 0;
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return false;
        if (double.IsNaN(d) || Math.Abs(d) > float.MaxValue) return false;
        value = (float)d;
        return true;
    }
}
