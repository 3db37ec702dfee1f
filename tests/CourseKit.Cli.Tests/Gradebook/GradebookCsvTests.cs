using System.Globalization;
using System.Text;
using CourseKit.Cli.Gradebook;

namespace CourseKit.Cli.Tests.Gradebook;

public class GradebookCsvTests
{
    const string Expected =
        "student,q1 (3),q2 (3),total,max,percent,status\r\n" +
        "alice,3,1.5,4.5,6,75,\"graded, 1 answer to grade by hand\"\r\n" +
        "carol,,,,6,,\"not gradable: the package CourseKit 9.9 could not be restored, the feed was unreachable\"\r\n" +
        "\"Smith, Bob \"\"the builder\"\"\",2,0,2,6,33.3333,not isolated\r\n";

    [Fact]
    public void Three_results_make_the_expected_csv_sorted_by_student_with_quoted_fields()
    {
        Assert.Equal(Expected, GradebookCsv.ToText(ClassOfThree.All));
    }

    [Fact]
    public void Numbers_have_a_decimal_point_on_a_machine_that_writes_decimal_commas()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(Expected, GradebookCsv.ToText(ClassOfThree.All));
        }
        finally { CultureInfo.CurrentCulture = before; }
    }

    [Fact]
    public void Written_file_is_utf8_without_byte_order_mark_and_a_student_id_that_is_a_formula_is_defused()
    {
        var folder = TestNotebooks.NewFolder();
        var hostile = ClassOfThree.Alice with { Student = "=HYPERLINK(\"http://evil.example\",\"Ünïcode\")" };

        GradebookWriter.Write([hostile], folder);

        var bytes = File.ReadAllBytes(Path.Combine(folder, "gradebook.csv"));
        Assert.Equal((byte)'s', bytes[0]);
        var second = Encoding.UTF8.GetString(bytes).Split("\r\n")[1];
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Ünïcode\"\")\",3,1.5,4.5,6,75,\"graded, 1 answer to grade by hand\"", second);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("-bob", "'-bob")]
    [InlineData("@sum", "'@sum")]
    [InlineData("a\nb", "\"a\nb\"")]
    [InlineData("", "")]
    public void Fields_are_quoted_or_defused_only_when_needed(string value, string field)
    {
        Assert.Equal(field, GradebookCsv.Field(value));
    }

    [Fact]
    public void Writing_results_of_two_assignments_is_refused()
    {
        var folder = TestNotebooks.NewFolder();
        var other = ClassOfThree.Carol with { Assignment = "a02-shapes" };

        var e = Assert.Throws<ArgumentException>(() => GradebookWriter.Write([ClassOfThree.Alice, other], folder));

        Assert.Contains("2 different assignments: a01-neuron (result 1 of 2); a02-shapes (result 2 of 2)", e.Message);
        Assert.Empty(Directory.GetFiles(folder));
    }
}
