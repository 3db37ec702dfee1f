using System.Text;

using CourseKit.Tests.Data;
namespace CourseKit.Tests.Data.Formats;

/// <summary>
/// Damaged CSV files, many of them: every one must either read into a consistent table or fail with a
/// <see cref="DataFormatException"/>; never another exception, never a hang.
/// </summary>
public class CsvFuzzTests
{
    public static TheoryData<string> Files => ["banknote", "abalone", "hand-made"];

    private const string HandMade =
        "\uFEFFname,\"quote, with comma\",n,score\r\n" +
        "\"Smith, John\",\"He said \"\"hi\"\"\",1,0.5\r\n" +
        "\"two\nlines\",\"\",2,NA\r\n" +
        "  spaced  ,plain,3,-1e-3\r\n" +
        "\r\n" +
        "last,?,4,7\r\n";

    private static byte[] Bytes(string file) => file switch
    {
        "banknote" => File.ReadAllBytes(TestData.File("banknote", "data_banknote_authentication.txt")),
        // The first 400 lines of abalone keep each case fast; the categorical column is what matters here.
        "abalone" => Encoding.UTF8.GetBytes(string.Join("\n", File.ReadLines(TestData.File("abalone", "abalone.data")).Take(400)) + "\n"),
        "hand-made" => Encoding.UTF8.GetBytes(HandMade),
        _ => throw new ArgumentException(file),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void TruncatedFilesReadOrFailWithADataFormatException(string file)
    {
        var bytes = Bytes(file);
        Fuzz.Within(120, () =>
        {
            int index = 0;
            foreach (var truncated in Fuzz.Truncations(bytes, seed: 4000 + file.Length))
                Assert.True(Attempt(truncated) is null or DataFormatException, $"truncation {index++} (to {truncated.Length} bytes)");
        });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void CorruptedFilesReadOrFailWithADataFormatException(string file)
    {
        var bytes = Bytes(file);
        Fuzz.Within(120, () =>
        {
            int index = 0;
            foreach (var corrupted in Fuzz.Corruptions(bytes, seed: 5000 + file.Length))
            {
                var outcome = Attempt(corrupted);
                Assert.True(outcome is null or DataFormatException, $"corruption {index++}: {outcome}");
            }
        });
    }

    [Fact]
    public void EveryTruncationOfACleanFileStillReads()
    {
        // Cutting banknote anywhere at a line end leaves a valid file with that many rows.
        var text = File.ReadAllText(TestData.File("banknote", "data_banknote_authentication.txt"));
        var random = new Random(6000);
        for (int i = 0; i < 50; i++)
        {
            int lines = random.Next(1, 1_372);
            var prefix = string.Join("\n", text.Split('\n').Take(lines));
            var table = Csv.Parse(new StringReader(prefix), "banknote", hasHeader: false);
            Assert.Equal(lines, table.RowCount);
        }
    }

    /// <summary>Reads the bytes as UTF-8 CSV and uses the table; null when that works, else the exception.</summary>
    private static Exception? Attempt(byte[] bytes)
    {
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var table = Csv.Parse(reader, "fuzz.csv");
            Assert.True(table.RowCount > 0);
            Assert.NotEmpty(table.ToString());
            Assert.Equal(table.Columns.Count, table.Row(table.RowCount - 1).Count);
            foreach (var column in table.Columns)
            {
                Assert.Equal(table.RowCount, column.Count);
                if (column.Kind == ColumnKind.Categorical) Assert.True(column.Categories.Count > 0);
                else if (column.Missing == 0) Assert.Equal(table.RowCount, column.Numbers.Length);
            }
            if (table.Columns.Any(c => c.Kind == ColumnKind.Numeric && c.Missing == 0))
                table.ToTensor(table.Columns.Where(c => c.Kind == ColumnKind.Numeric && c.Missing == 0).Select(c => c.Name).ToArray());
            return null;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return e;
        }
    }
}
