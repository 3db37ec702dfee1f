using CourseKit.Tests.Data;
namespace CourseKit.Tests.Data.Formats;

/// <summary>The Table API: looking up columns, choosing rows and columns, tensors, and the printed summary.</summary>
public class TableTests
{
    private static readonly Table People = Csv.Parse(new StringReader(
        "name,age,height,city\n" +
        "Ada,36,1.65,London\n" +
        "Alan,41,1.78,Wilmslow\n" +
        "Grace,85,1.52,Arlington\n" +
        "Edsger,72,1.85,Nuenen\n" +
        "Barbara,NA,1.60,Boston\n" +
        "Donald,,1.81,Stanford\n"), "people.csv");

    [Fact]
    public void ColumnsKnowTheirKindCountAndMissingCells()
    {
        Assert.Equal("people.csv", People.Source);
        Assert.Equal(6, People.RowCount);
        Assert.Equal(["name", "age", "height", "city"], People.ColumnNames);
        Assert.Equal([ColumnKind.Categorical, ColumnKind.Numeric, ColumnKind.Numeric, ColumnKind.Categorical], People.Columns.Select(c => c.Kind));
        Assert.Equal(2, People["age"].Missing);
        Assert.Equal(0, People["height"].Missing);
        Assert.Equal(6, People["city"].Count);
        Assert.Equal(["Ada", "Alan", "Barbara", "Donald", "Edsger", "Grace"], People["name"].Categories);
        Assert.Equal("age: numeric, 6 values (2 missing)", People["age"].ToString());
        Assert.Equal("city: categorical (6 categories), 6 values", People["city"].ToString());
    }

    [Fact]
    public void AnUnknownColumnListsTheValidNames()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => People["Age"]);
        Assert.Equal("The table from people.csv has no column 'Age'. Did you mean 'age'? (Names are case-sensitive.) " +
                     "Its columns are: name, age, height, city.", e.Message);
        Assert.Equal("The table from people.csv has no column 'weight'. Its columns are: name, age, height, city.",
                     Assert.Throws<KeyNotFoundException>(() => People.Select("weight")).Message);
        Assert.Throws<KeyNotFoundException>(() => People.Drop("weight"));
        Assert.True(People.HasColumn("age"));
        Assert.False(People.HasColumn("Age"));
    }

    [Fact]
    public void NumbersAndCategoriesAreOnlyForTheirKind()
    {
        Assert.Equal([1.65f, 1.78f, 1.52f, 1.85f, 1.60f, 1.81f], People["height"].Numbers);
        Assert.Equal("Column 'height' is numeric, so it has no categories; use table[\"height\"].Numbers for its values.",
                     Assert.Throws<InvalidOperationException>(() => People["height"].Categories).Message);
        Assert.Throws<InvalidOperationException>(() => People["city"].Numbers);
        Assert.Throws<InvalidOperationException>(() => People["city"].Mean());
    }

    [Fact]
    public void NumbersIsACopy()
    {
        People["height"].Numbers[0] = 99;
        Assert.Equal(1.65f, People["height"].Numbers[0]);
    }

    [Fact]
    public void ToTensorStacksColumnsInTheOrderGiven()
    {
        var x = People.DropMissing().ToTensor("height", "age");
        Assert.Equal([4, 2], x.Shape);
        Assert.Equal([1.65f, 36, 1.78f, 41, 1.52f, 85, 1.85f, 72], x.ToArray());
        Assert.Equal([4, 2], People.DropMissing().ToTensor().Shape);   // every numeric column: age and height
        Assert.Equal([6], People["height"].ToTensor().Shape);
    }

    [Fact]
    public void ToTensorWithoutNumericColumnsSaysSo()
    {
        var e = Assert.Throws<InvalidOperationException>(() => People.Select("name", "city").ToTensor());
        Assert.Equal("The table from people.csv has no numeric columns (name, city are all categorical). " +
                     "Turn categories into numbers first, e.g. new OneHotEncoder().FitTransform(table[\"name\"].Values).", e.Message);
    }

    [Fact]
    public void HeadSelectAndDropReturnNewTables()
    {
        var head = People.Head(2);
        Assert.Equal(2, head.RowCount);
        Assert.Equal(["Alan", "41", "1.78", "Wilmslow"], head.Row(1));
        Assert.Same(People, People.Head(100));
        Assert.Equal(6, People.RowCount);

        var selected = People.Select("city", "age");
        Assert.Equal(["city", "age"], selected.ColumnNames);
        Assert.Equal(["London", "36"], selected.Row(0));

        var dropped = People.Drop("name", "city");
        Assert.Equal(["age", "height"], dropped.ColumnNames);
        Assert.Throws<InvalidOperationException>(() => People.Drop("name", "age", "height", "city"));
        Assert.Throws<ArgumentException>(() => People.Select());
        Assert.Throws<ArgumentException>(() => People.Select("age", "age"));
        Assert.Throws<ArgumentOutOfRangeException>(() => People.Head(0));
    }

    [Fact]
    public void RowsAreReadable()
    {
        Assert.Equal(["Donald", "", "1.81", "Stanford"], People.Row(5));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => People.Row(6));
        Assert.Contains("The table has 6 rows, numbered 0 to 5.", e.Message);
    }

    [Fact]
    public void FillMissingWithTextOrNumbers()
    {
        Assert.Equal([36f, 41, 85, 72, 0, 0], People.FillMissing("age", 0).ToTensor("age").ToArray());
        var cities = Csv.Parse(new StringReader("city\nParis\n?\nRome\n"), "c", hasHeader: true);
        Assert.Equal(["Paris", "unknown", "Rome"], cities.FillMissing("city", "unknown")["city"].Values);
        Assert.Equal(["Paris", "Rome"], cities["city"].Categories);
        Assert.Throws<ArgumentException>(() => cities.FillMissing("city", "NA"));
        Assert.Throws<ArgumentException>(() => People.FillMissing("age", float.NaN));
    }

    [Fact]
    public void ToStringSummarisesAndShowsTheFirstFiveRows()
    {
        var lines = People.ToString().Split(Environment.NewLine);
        Assert.Equal(
        [
            "6 rows × 4 columns from people.csv, 2 numeric, 2 categorical; missing cells: age 2",
            "name          age    height  city",
            "(text)   (number)  (number)  (text)",
            "Ada            36      1.65  London",
            "Alan           41      1.78  Wilmslow",
            "Grace          85      1.52  Arlington",
            "Edsger         72      1.85  Nuenen",
            "Barbara        NA      1.60  Boston",
            "… 1 more row",
        ], lines);
    }

    [Fact]
    public void ToStringOfTheBanknoteFile()
    {
        var table = Csv.Load(TestData.File("banknote", "data_banknote_authentication.txt"));
        var lines = table.ToString().Split(Environment.NewLine);
        Assert.Equal($"1,372 rows × 5 columns from {table.Source}, all numeric", lines[0]);
        Assert.Equal("  3.6216    8.6661   -2.8073  -0.44699         0", lines[3]);   // numbers right-aligned under "(number)"
        Assert.Equal("… 1,367 more rows", lines[^1]);
        Assert.Equal(9, lines.Length);
    }
}
