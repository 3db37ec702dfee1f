using CourseKit.Cli.Assignments;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Tests.Assignments;

/// <summary>
/// <c>coursekit assign</c> on a tiny master, run for real in a worker process with CourseKit packed into the
/// repository's feed: the master lives in a folder inside the checkout, so that its nuget.config finds the package.
/// </summary>
public class AssignWorkerTests : IAsyncLifetime
{
    readonly string folder = Path.Combine(LocalBuilds.Root, "artifacts", "assign-tests", Guid.NewGuid().ToString("N")[..8]);

    static string[] Master(string publicCheck) =>
    [
        "md:# A01: one neuron",
        "// LOCKED\n#r \"nuget: CourseKit\"\nusing CourseKit;",
        "md:<!-- QUESTION q1 -->\n## 1. The sigmoid",
        "double Sigmoid(double z)\n{\n    // BEGIN SOLUTION\n    return 1 / (1 + Math.Exp(-z));\n    // END SOLUTION\n}",
        $"// TEST q1.zero public points=1 \"the sigmoid of 0\"\n{publicCheck}",
        "// TEST q1.many hidden points=2 \"the sigmoid at two points\"\nGrading.Report(\"values\", new[] { Sigmoid(-2), Sigmoid(3) }, Judge.Close(1e-9));",
    ];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        await LocalBuilds.PackIntoRepositoryFeedAsync();
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Assign_runs_the_master_and_keeps_what_its_public_and_hidden_tests_reported()
    {
        var master = Masters.Write(folder, "a01-neuron.ipynb", Master("Grading.Check(\"sigmoid(0)\", Sigmoid(0), 0.5);"));
        // Outside the checkout: the student notebook is graded with the packages the master's folder names.
        var exercises = Path.Combine(TestNotebooks.NewFolder(), "exercises");
        var log = new StringWriter();

        int code = await AssignCommand.RunAsync([master, "--out", exercises], log);

        Assert.True(code == 0, log.ToString());
        var bundle = Bundle.FromJson(File.ReadAllText(Path.Combine(folder, "a01-neuron.bundle.json")));
        var check = Assert.Single(bundle.Tests[0].Expectations);
        Assert.Equal("sigmoid(0)", check.Name);
        Assert.Equal(ReportedValue.Number(0.5), ReportedValue.FromJson(check.Expected));
        Assert.Equal(Judge.Close(), Judge.FromJson(check.Judge));
        var hidden = Assert.Single(bundle.Tests[1].Expectations);
        Assert.Equal("values", hidden.Name);
        Assert.Equal(ReportedValue.Array([2], [1 / (1 + Math.Exp(2)), 1 / (1 + Math.Exp(-3))]), ReportedValue.FromJson(hidden.Expected));
        Assert.Equal(Judge.Close(1e-9), Judge.FromJson(hidden.Judge));

        var student = NotebookReader.Read(Path.Combine(exercises, "a01-neuron.ipynb"));
        Assert.Equal(5, student.Cells.Count);
        Assert.DoesNotContain(student.Cells, c => c.Source.Contains("Grading.Report") || c.Source.Contains("Math.Exp"));
    }

    [Fact]
    public async Task A_master_whose_public_check_fails_is_refused_naming_the_test_cell()
    {
        var master = Masters.Write(folder, "a02-wrong.ipynb", Master("Grading.Check(\"sigmoid(0)\", Sigmoid(0), 0.6);"));
        var exercises = Path.Combine(folder, "exercises");
        var log = new StringWriter();

        int code = await AssignCommand.RunAsync([master, "--out", exercises], log);

        Assert.Equal(1, code);
        var expected = $"{master}: 1 problem; nothing was written:\n" +
                       "  - cell 5 («// TEST q1.zero public points=1 \"the sigmoid of 0\"») failed when the master ran: ✗ sigmoid(0): expected 0.6, got 0.5; " +
                       "the master must run from top to bottom without errors\n";
        Assert.True(log.ToString().Contains(expected), log.ToString());
        Assert.False(File.Exists(Path.Combine(exercises, "a02-wrong.ipynb")));
        Assert.False(File.Exists(Path.Combine(folder, "a02-wrong.bundle.json")));
    }

    [Fact]
    public async Task A_test_that_passes_without_an_answer_is_refused_after_grading_the_student_notebook()
    {
        var master = Masters.Write(folder, "a03-trivial.ipynb", Master("Grading.Check(\"one\", 1, 1);"));
        var log = new StringWriter();

        int code = await AssignCommand.RunAsync([master, "--out", Path.Combine(folder, "exercises")], log);

        Assert.Equal(1, code);
        var expected = $"{master}: 1 problem; nothing was written:\n" +
                       "  - cell 5: test q1.zero passes on the student notebook as generated, so it cannot tell a right answer from none; " +
                       "make it check what the student has to write (the stubs throw, so a test that uses the answer fails)\n";
        Assert.True(log.ToString().Contains(expected), log.ToString());
    }
}
