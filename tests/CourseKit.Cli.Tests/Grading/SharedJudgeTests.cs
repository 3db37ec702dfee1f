using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests.Grading;

public class SharedJudgeTests
{
    /// <summary>
    /// The command compiles its own copy of CourseKit's Judge and ReportedValue (to judge outside the worker), and the
    /// worker's cells reference the command's assembly (for their globals): without an alias on that reference,
    /// <c>Judge</c> in a cell that uses CourseKit was "CS0433: the type exists in both" and every test cell naming a judge failed.
    /// </summary>
    [Fact]
    public async Task A_cell_that_uses_CourseKit_names_Judge_and_ReportedValue_without_ambiguity()
    {
        await LocalBuilds.PackIntoRepositoryFeedAsync();
        var folder = TestAssignment.NewCheckoutFolder();
        var notebook = WriteIpynb(folder, "judges.ipynb", "#r \"nuget: CourseKit\"\nusing CourseKit;",
            "Judge.Exact().Kind + \" \" + ReportedValue.Number(2).Describe()");

        var (exitCode, log) = await RunCliAsync("run", notebook);

        Assert.True(exitCode == 0, log);
        var result = OfType(Outputs(ReadJson(Path.Combine(folder, "judges.executed.ipynb")), 1), "execute_result").Single();
        Assert.Equal("exact a number", Data(result, "text/plain"));
    }
}
