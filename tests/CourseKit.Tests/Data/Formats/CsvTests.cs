using System.Text;

using CourseKit.Tests.Data;
namespace CourseKit.Tests.Data.Formats;

/// <summary>Csv.Load and Csv.Parse: the UCI files of the mirror, RFC 4180 quoting, blank lines, encodings, and the exact
/// problem text of every kind of broken file.</summary>
public class CsvTests
{
    private static Table Parse(string text, bool? hasHeader = null, char separator = ',', IReadOnlyList<string>? columnNames = null) =>
        Csv.Parse(new StringReader(text), "test.csv", hasHeader, separator, columnNames);

    private static string Problem(string text, bool? hasHeader = null, IReadOnlyList<string>? columnNames = null)
    {
        var e = Assert.Throws<DataFormatException>(() => Parse(text, hasHeader, columnNames: columnNames));
        Assert.Equal("test.csv", e.File);
        Assert.Equal($"test.csv: {e.Problem}", e.Message);
        return e.Problem;
    }

    // ---- real files ----

    [Fact]
    public void BanknoteIsReadAsItIsPublished()
    {
        var path = TestData.File("banknote", "data_banknote_authentication.txt");
        var table = Csv.Load(path);   // header detection must see that the first row is data
        Assert.Equal(path, table.Source);
        Assert.Equal(1_372, table.RowCount);
        Assert.Equal(["column0", "column1", "column2", "column3", "column4"], table.ColumnNames);
        Assert.All(table.Columns, c => Assert.Equal(ColumnKind.Numeric, c.Kind));
        Assert.All(table.Columns, c => Assert.Equal(0, c.Missing));
        Assert.Equal(["3.6216", "8.6661", "-2.8073", "-0.44699", "0"], table.Row(0));      // the file's first line
        Assert.Equal(["-2.5419", "-0.65804", "2.6842", "1.1952", "1"], table.Row(1_371));  // and its last
        Assert.Equal(610, table["column4"].Numbers.Count(v => v == 1));
        Assert.Equal(762, table["column4"].Numbers.Count(v => v == 0));
        Assert.Equal(595.0848, table["column0"].Numbers.Sum(v => (double)v), 3);   // computed with Python

        var x = table.ToTensor();
        Assert.Equal([1_372, 5], x.Shape);
        Assert.Equal([3.6216f, 8.6661f, -2.8073f, -0.44699f, 0f], x[0].ToArray());
    }

    [Fact]
    public void BanknoteWithTheLoadersColumnNames()
    {
        string[] names = ["variance", "skewness", "curtosis", "entropy", "class"];
        var table = Csv.Load(TestData.File("banknote", "data_banknote_authentication.txt"), hasHeader: false, columnNames: names);
        Assert.Equal(names, table.ColumnNames);
        Assert.Equal(1_372, table.RowCount);
        Assert.Equal(3.6216f, table["variance"].Numbers[0]);
        var x = table.ToTensor("variance", "skewness", "curtosis", "entropy");
        Assert.Equal([1_372, 4], x.Shape);
        var y = table["class"].ToTensor();
        Assert.Equal([1_372], y.Shape);
        Assert.Equal(610f, y.ToArray().Sum());
    }

    [Fact]
    public void AbaloneHasACategoricalSexColumnAndEightNumericOnes()
    {
        var table = Csv.Load(TestData.File("abalone", "abalone.data"));
        Assert.Equal(4_177, table.RowCount);
        Assert.Equal(9, table.Columns.Count);
        var sex = table["column0"];
        Assert.Equal(ColumnKind.Categorical, sex.Kind);
        Assert.Equal(["F", "I", "M"], sex.Categories);
        // Counted with: python3 -c "import collections; print(collections.Counter(l.split(',')[0] for l in open('abalone.data') if l.strip()))"
        Assert.Equal(1_307, sex.Values.Count(v => v == "F"));
        Assert.Equal(1_342, sex.Values.Count(v => v == "I"));
        Assert.Equal(1_528, sex.Values.Count(v => v == "M"));
        Assert.All(table.Columns.Skip(1), c => Assert.Equal(ColumnKind.Numeric, c.Kind));
        Assert.Equal(["M", "0.455", "0.365", "0.095", "0.514", "0.2245", "0.101", "0.15", "15"], table.Row(0));
        Assert.Equal(41_493, table["column8"].Numbers.Sum(v => (double)v));   // total rings, computed with Python
        Assert.Equal(0.815f, table["column1"].Numbers.Max());

        Assert.Equal([4_177, 8], table.ToTensor().Shape);   // all numeric columns: Sex is left out
        Assert.Equal([4_177, 8], table.Drop("column0").ToTensor().Shape);
    }

    [Fact]
    public void AbaloneWithTheLoadersColumnNames()
    {
        string[] names = ["Sex", "Length", "Diameter", "Height", "Whole", "Shucked", "Viscera", "Shell", "Rings"];
        var table = Csv.Load(TestData.File("abalone", "abalone.data"), hasHeader: false, columnNames: names);
        Assert.Equal("M", table["Sex"].Values[0]);
        var e = Assert.Throws<InvalidOperationException>(() => table.ToTensor("Length", "Sex"));
        Assert.Equal($"Column 'Sex' is categorical: row 0 (line 1 of {table.Source}) holds \"M\", which is not a number, so it has no numbers to put in a tensor. " +
                     "Turn its categories into numbers first, e.g. new OneHotEncoder().FitTransform(table[\"Sex\"].Values), " +
                     "or leave it out with table.Drop(\"Sex\").", e.Message);
        Assert.Contains("new OneHotEncoder().FitTransform(table[\"Sex\"].Values)",
                        Assert.Throws<InvalidOperationException>(() => table["Sex"].Numbers).Message);
        Assert.Equal(15f, table.ToTensor("Rings", "Length").ToArray()[0]);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-folder-coursekit", "abalone.data");
        var e = Assert.Throws<FileNotFoundException>(() => Csv.Load(path));
        Assert.Equal(path, e.FileName);
        Assert.Contains(path, e.Message);
    }

    // ---- the format ----

    [Fact]
    public void QuotedFieldsMayHoldSeparatorsQuotesAndLineBreaks()
    {
        var table = Parse("name,quote,n\r\n\"Smith, John\",\"He said \"\"hi\"\"\",1\r\n\"two\nlines\",\"\",2\r\n");
        Assert.Equal(["name", "quote", "n"], table.ColumnNames);
        Assert.Equal(["Smith, John", "He said \"hi\"", "1"], table.Row(0));
        Assert.Equal(["two\nlines", "", "2"], table.Row(1));
    }

    [Fact]
    public void SpacesAroundFieldsAreTrimmedButNotInsideQuotes()
    {
        var table = Parse("a , b\n  1 ,\t2  \n \" x \" , 3\n", hasHeader: true);
        Assert.Equal(["a", "b"], table.ColumnNames);
        Assert.Equal(["1", "2"], table.Row(0));
        Assert.Equal([" x ", "3"], table.Row(1));
    }

    [Fact]
    public void BlankLinesAreSkipped()
    {
        var table = Parse("\n\nx,y\n\n1,2\n   \n3,4\n\n");
        Assert.Equal(2, table.RowCount);
        Assert.Equal([1f, 3f], table["x"].Numbers);
    }

    [Fact]
    public void LinesMayEndWithLfCrLfOrCr()
    {
        foreach (var end in new[] { "\n", "\r\n", "\r" })
        {
            var table = Parse($"x,y{end}1,2{end}3,4");
            Assert.Equal([2f, 4f], table["y"].Numbers);
        }
    }

    [Fact]
    public void AByteOrderMarkIsNotPartOfTheFirstName()
    {
        Assert.Equal("x", Parse("\uFEFFx,y\n1,2\n").ColumnNames[0]);
        var folder = Directory.CreateTempSubdirectory("coursekit-csv-");
        try
        {
            var withBom = Path.Combine(folder.FullName, "bom.csv");
            var withoutBom = Path.Combine(folder.FullName, "plain.csv");
            File.WriteAllText(withBom, "größe,x\n1,2\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            File.WriteAllText(withoutBom, "größe,x\n1,2\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            Assert.Equal(3, File.ReadAllBytes(withBom).Length - File.ReadAllBytes(withoutBom).Length);
            Assert.Equal(["größe", "x"], Csv.Load(withBom).ColumnNames);
            Assert.Equal(["größe", "x"], Csv.Load(withoutBom).ColumnNames);
        }
        finally { folder.Delete(recursive: true); }
    }

    [Fact]
    public void OtherSeparators()
    {
        var semicolons = Parse("a;b\n1,5;2\n", separator: ';');
        Assert.Equal(["1,5", "2"], semicolons.Row(0));
        Assert.Equal(ColumnKind.Categorical, semicolons["a"].Kind);   // "1,5" is not a number: the decimal point is "."
        var tabs = Csv.Parse(new StringReader("a\tb\tc\n1\t\t\n"), "tabs", separator: '\t', hasHeader: true);
        Assert.Equal(["1", "", ""], tabs.Row(0));   // a trailing separator means an empty last field
        Assert.Throws<ArgumentException>(() => Parse("a\n", separator: '"'));
    }

    [Fact]
    public void NumbersAreReadTheSameWayEverywhere()
    {
        var table = Parse("a,b,c,d,e,f\n1e-3,-0.5,+2,.5,1E3,Infinity\n7,3.25,0,-1,2,1e39\n");
        Assert.Equal([0.001f, 7f], table["a"].Numbers);
        Assert.Equal([-0.5f, 3.25f], table["b"].Numbers);
        Assert.Equal([2f, 0f], table["c"].Numbers);
        Assert.Equal([0.5f, -1f], table["d"].Numbers);
        Assert.Equal([1000f, 2f], table["e"].Numbers);
        Assert.Equal(ColumnKind.Categorical, table["f"].Kind);   // infinities and numbers beyond float are not numbers
    }

    [Fact]
    public void MissingCellsKeepAColumnNumericButMustBeFilledOrDropped()
    {
        var table = Parse("x,y\n1,a\nNA,b\n?,c\n,d\nnan,e\n6,f\n");
        var x = table["x"];
        Assert.Equal(ColumnKind.Numeric, x.Kind);
        Assert.Equal(4, x.Missing);
        Assert.Equal(6, x.Count);
        var e = Assert.Throws<InvalidOperationException>(() => x.Numbers);
        Assert.Equal($"Column 'x' has 4 missing values, the first in row 1 (line 3 of {table.Source}), which holds \"NA\"; tensors need a number in every cell. " +
                     "Fill them in, e.g. table.FillMissing(\"x\", table[\"x\"].Mean()), or drop those rows with table.DropMissing(\"x\").", e.Message);
        Assert.Throws<InvalidOperationException>(() => x.ToTensor());
        Assert.Throws<InvalidOperationException>(() => table.ToTensor("x"));
        Assert.Equal(3.5f, x.Mean());
        Assert.Equal(1f, x.NumbersOrNaN[0]);
        Assert.True(float.IsNaN(x.NumbersOrNaN[1]));

        var filled = table.FillMissing("x", x.Mean());
        Assert.Equal([1f, 3.5f, 3.5f, 3.5f, 3.5f, 6f], filled["x"].Numbers);
        Assert.Equal(4, x.Missing);   // the original table is unchanged
        var dropped = table.DropMissing();
        Assert.Equal(2, dropped.RowCount);
        Assert.Equal(["a", "f"], dropped["y"].Values);
    }

    [Fact]
    public void ColumnNamesReplaceTheHeaderOrTheDefaultNames()
    {
        Assert.Equal(["column0", "column1"], Parse("1,2\n3,4\n").ColumnNames);
        Assert.Equal(["p", "q"], Parse("1,2\n3,4\n", columnNames: ["p", "q"]).ColumnNames);
        var replaced = Parse("x,y\n1,2\n", hasHeader: true, columnNames: ["p", "q"]);
        Assert.Equal(["p", "q"], replaced.ColumnNames);
        Assert.Equal(1, replaced.RowCount);
        Assert.Equal("has 2 columns, but 3 column names were given (a, b, c): give one name per column.",
                     Problem("1,2\n3,4\n", columnNames: ["a", "b", "c"]));
        Assert.Throws<ArgumentException>(() => Parse("1,2\n", columnNames: ["a", "a"]));
        Assert.Equal(["column0", "b"], Parse(",b\n1,2\n", hasHeader: true).ColumnNames);   // an empty header cell
    }

    // ---- broken files: the exact problem each one reports ----

    [Fact]
    public void ARowWithTheWrongNumberOfFieldsNamesBothLines()
    {
        Assert.Equal("line 3 has 2 fields, but the file's rows have 3 (line 1). Every row needs one value per column: " +
                     "a value may be missing, or the line may have been cut short.",
                     Problem("a,b,c\n1,2,3\n4,5\n"));
        // Line numbers count blank lines and the line breaks inside quoted fields.
        Assert.Equal("line 7 has 4 fields, but the file's rows have 3 (line 2). Every row needs one value per column: " +
                     "a value that contains the separator ',' must be written in quotes (\"a, b\").",
                     Problem("\na,b,c\n\"x\ny\",2,3\n\n4,5,6\n7,8,9,10\n"));
    }

    [Fact]
    public void AnUnterminatedQuoteNamesTheLineWhereItOpens()
    {
        Assert.Equal("line 3: field 2 opens a quote (\") that never closes: the file ends inside it. " +
                     "Close the quote, or write a quote that is part of the text twice (\"\").",
                     Problem("a,b\n1,2\n3,\"4\n5,6\n7,8\n"));
    }

    [Fact]
    public void TextAfterAClosingQuoteIsAnError()
    {
        Assert.Equal("line 2: field 1 has text after its closing quote (\"inch,2\"). " +
                     "A quoted field ends at its closing quote; a quote inside it must be written twice (\"\").",
                     Problem("a,b\n\"5\"inch,2\n"));
    }

    [Fact]
    public void AnEmptyFileHasNoRows()
    {
        Assert.Equal("has no rows: it is empty or holds only blank lines.", Problem(""));
        Assert.Equal("has no rows: it is empty or holds only blank lines.", Problem("\n \r\n\t\n"));
        Assert.Equal("has a header row (x, y) but no rows of data below it.", Problem("x,y\n"));
    }

    [Fact]
    public void AFileThatIsNotCsvTextSaysWhatItIs()
    {
        Assert.StartsWith("is a web page (HTML), not data", Problem(" <!DOCTYPE html>\n<html><body>Moved</body></html>\n"));
        Assert.StartsWith("is a zip archive, not CSV text", Problem("PK\u0003\u0004\u0014\0\0\0"));
        Assert.StartsWith("holds binary data (a zero byte near the start)", Problem("a,b\n1,\0\0\0\n"));
        using var gz = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write("1,2\n3,4\n"u8);
        string file = Path.Combine(Path.GetTempPath(), $"coursekit-test-{Guid.NewGuid():N}.csv.gz");
        File.WriteAllBytes(file, gz.ToArray());
        try
        {
            Assert.StartsWith("is gzip-compressed, not CSV text", Assert.Throws<DataFormatException>(() => Csv.Load(file)).Problem);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void ADuplicateHeaderNameIsAnError()
    {
        Assert.Equal("line 1: the header names two columns 'x' (columns 0 and 2, counting from 0). " +
                     "Give every column its own name, e.g. with Csv.Load(path, hasHeader: true, columnNames: [...]).",
                     Problem("x,y,x\n1,2,3\n"));
    }

    // ---- header detection ----

    [Theory]
    [InlineData("x,y\n1,2\n3,4", true)]                      // names above numbers
    [InlineData("1,2\n3,4", false)]                          // numbers above numbers
    [InlineData("M,0.4,7\nF,0.5,8\nM,0.6,9", false)]         // abalone-like: a category above categories, numbers above numbers
    [InlineData("sex,length\nM,0.4\nF,0.5", true)]           // one name above numbers is enough
    [InlineData("id,2019,2020\n1,3,4\n2,5,6", true)]         // even when other header cells look like numbers
    [InlineData("x,NA\n1,2\n3,4", true)]
    [InlineData("NA,1\n2,3\n4,5", false)]                    // a missing value above numbers is data
    [InlineData("\"x\",\"y\"\n1,2", true)]
    [InlineData("name,color\nalice,red\nbob,blue", true)]     // all text, all different: taken as a header (pass hasHeader when unsure)
    [InlineData("red,red\nblue,green", false)]               // a header names each column differently
    [InlineData("a,b\na,c\nd,e", false)]                     // "a" appears again below: it is a value, not a name
    [InlineData("1,2", false)]                               // a single row of numbers is data
    [InlineData("x,1\ny,2\nz,3", false)]                     // numbers above numbers in column 1
    public void TheFirstRowIsAHeaderWhenItLooksLikeOne(string text, bool header)
    {
        var rows = CsvTokenizer.Split(text, "test.csv", ',');
        Assert.Equal(header, Csv.LooksLikeHeader(rows));
        Assert.Equal(header ? rows.Count - 1 : rows.Count, Parse(text).RowCount);
    }

    [Fact]
    public void ASingleRowOfNamesIsAHeaderWithoutData() =>
        Assert.Equal("has a header row (a, b) but no rows of data below it.", Problem("a,b\n"));

    [Fact]
    public void AnExplicitHasHeaderOverridesDetection()
    {
        Assert.Equal(1, Parse("1,2\n3,4\n", hasHeader: true).RowCount);
        Assert.Equal(["1", "2"], Parse("1,2\n3,4\n", hasHeader: true).ColumnNames);
        Assert.Equal(3, Parse("x,y\n1,2\n3,4\n", hasHeader: false).RowCount);
        Assert.Equal(ColumnKind.Categorical, Parse("x,y\n1,2\n3,4\n", hasHeader: false)["column0"].Kind);
    }
}
