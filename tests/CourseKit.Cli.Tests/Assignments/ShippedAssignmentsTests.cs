using System.Text.Json.Nodes;
using CourseKit.Cli.Grading;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests.Assignments;

/// <summary>
/// The assignments the course ships, assigned once for all the tests of this class (as <c>coursekit assign solutions
/// --out …</c>): in a temporary folder, so the committed exercises/ can be compared with what assign writes.
/// </summary>
public sealed class ShippedAssignments : IAsyncLifetime
{
    public string Root { get; } = LocalBuilds.Root;
    /// <summary>Inside the checkout (artifacts/ is ignored by git): the grader restores packages with the nuget.config
    /// found from the bundle's folder up, here the repository's, which serves the CourseKit just packed.</summary>
    public string Folder { get; } = Directory.CreateDirectory(Path.Combine(LocalBuilds.Root, "artifacts", "shipped-assignments", Guid.NewGuid().ToString("N")[..8])).FullName;
    public string Exercises => Path.Combine(Folder, "exercises");
    public string Bundles => Path.Combine(Folder, "bundles");
    public string Data { get; } = Environment.GetEnvironmentVariable("COURSEKIT_DATA") is { Length: > 0 } d ? d : Path.Combine(LocalBuilds.Root, "..", "shared", "datasets");
    public int ExitCode { get; private set; }
    public string Log { get; private set; } = "";

    public IEnumerable<string> Masters => Directory.GetFiles(Path.Combine(Root, "solutions"), "*.ipynb").Order();

    public async Task InitializeAsync()
    {
        await LocalBuilds.PackIntoRepositoryFeedAsync();
        (ExitCode, Log) = await RunCliAsync("assign", Path.Combine(Root, "solutions"), "--out", Exercises, "--bundle-out", Bundles, "--data", Data);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }   // a sandbox's leftover: the next run uses a new folder
        return Task.CompletedTask;
    }
}

public class ShippedAssignmentsTests(ShippedAssignments course) : IClassFixture<ShippedAssignments>
{
    [Fact]
    public void EveryMasterScoresFullMarksAndEveryStudentNotebookZero()
    {
        Assert.True(course.ExitCode == 0, course.Log);
        Assert.Equal(9, course.Masters.Count());
        Assert.Equal(course.Masters.Count(), course.Log.Split('\n').Count(l => l.Contains("the master scores full marks, the student notebook 0")));
    }

    [Fact]
    public void TheCommittedExercisesAreExactlyWhatAssignWrites()
    {
        Assert.True(course.ExitCode == 0, course.Log);
        var committed = Directory.GetFiles(Path.Combine(course.Root, "exercises"), "*.ipynb").Select(Path.GetFileName).Order();
        Assert.Equal(course.Masters.Select(Path.GetFileName).Order(), committed);
        foreach (var master in course.Masters)
        {
            var name = Path.GetFileName(master);
            Assert.True(File.ReadAllText(Path.Combine(course.Root, "exercises", name)) == File.ReadAllText(Path.Combine(course.Exercises, name)),
                $"exercises/{name} is not what `coursekit assign solutions --out exercises` writes: run it and commit the result");
        }
    }

    /// <summary>A class of three for assignment 1: every answer right; only questions 1 and 2; question 2 ending the
    /// process after printing PASS and question 3 looping forever.</summary>
    [Fact]
    public async Task AClassIsGradedWithTheShippedBundle()
    {
        Assert.True(course.ExitCode == 0, course.Log);
        const string name = "a01-neuron-forward-pass";
        var master = ReadJson(Path.Combine(course.Root, "solutions", name + ".ipynb"));
        var answers = master["cells"]!.AsArray().Where(c => c!["id"] is not null)
            .ToDictionary(c => c!["id"]!.GetValue<string>(), c => string.Concat(c!["source"]!.AsArray().Select(s => s!.GetValue<string>())));
        var submissions = Path.Combine(course.Folder, "class");
        Directory.CreateDirectory(submissions);
        Submit(submissions, "ada", name, id => answers[id]);
        Submit(submissions, "ben", name, id => id is "cell-04" or "cell-08" ? answers[id] : null);
        Submit(submissions, "cy", name, id => id switch
        {
            "cell-04" => answers[id],
            "cell-08" => "double Neuron(double[] w, double b, double[] x) { Console.WriteLine(\"PASS\"); Environment.Exit(0); return 0; }",
            "cell-12" => "Tensor DenseForward(Tensor X, Tensor W, Tensor b) { while (true) { } }",
            _ => null,
        });
        var outDir = Path.Combine(course.Folder, "graded");

        var (code, log) = await RunCliAsync("grade", submissions, "--bundle", Path.Combine(course.Bundles, name + ".bundle.json"),
            "--out", outDir, "--jobs", "2", "--data", course.Data, "--timeout-per-cell", "20");

        Assert.True(code == 0, log);
        var results = new[] { "ada", "ben", "cy" }.ToDictionary(s => s, s => SubmissionResult.FromJson(File.ReadAllText(Path.Combine(outDir, s, "results.json"))));
        Assert.Equal((16, 16), (results["ada"].Points, results["ada"].MaxPoints));
        Assert.Equal(7, results["ben"].Points);    // q1: 1 + 2, q2: 2 + 2
        Assert.Equal(3, results["cy"].Points);     // q1 only: q2 exits, q3 never ends
        Assert.Equal("timeout", results["cy"].Tests.Single(t => t.Id == "q3.banknotes").Status);
        Assert.All(results.Values, r => Assert.True(r.Gradable && r.Isolated, r.Reason));
        Assert.Contains("ada,3,4,4,5,16,16,100", File.ReadAllText(Path.Combine(outDir, "gradebook.csv")));
        Assert.True(File.Exists(Path.Combine(outDir, "cy", "feedback.html")));
    }

    /// <summary>The student notebook of <paramref name="assignment"/> with the answer cells <paramref name="answer"/>
    /// gives text for (null: left as handed out), saved as class/STUDENT.ipynb.</summary>
    static void Submit(string folder, string student, string assignment, Func<string, string?> answer)
    {
        var notebook = ReadJson(Path.Combine(LocalBuilds.Root, "exercises", assignment + ".ipynb"));
        foreach (var cell in notebook["cells"]!.AsArray())
            if (cell!["metadata"]?["coursekit"]?["role"]?.GetValue<string>() is "answer" or "prose" && answer(cell["id"]!.GetValue<string>()) is { } text)
                cell["source"] = new JsonArray((JsonNode)text);
        File.WriteAllText(Path.Combine(folder, student + ".ipynb"), notebook.ToJsonString());
    }
}
