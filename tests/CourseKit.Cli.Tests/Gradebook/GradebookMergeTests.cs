using CourseKit.Cli.Gradebook;
using CourseKit.Cli.Grading;

namespace CourseKit.Cli.Tests.Gradebook;

public class GradebookMergeTests
{
    static string WriteResult(string path, SubmissionResult result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, result.ToJson());
        return path;
    }

    [Fact]
    public async Task Merging_results_files_and_folders_writes_what_writing_the_results_directly_writes()
    {
        var root = TestNotebooks.NewFolder();
        var graded = Path.Combine(root, "graded");
        WriteResult(Path.Combine(graded, "alice", "results.json"), ClassOfThree.Alice);
        WriteResult(Path.Combine(graded, "bob", "results.json"), ClassOfThree.Bob);
        var carol = WriteResult(Path.Combine(root, "containers", "carol.json"), ClassOfThree.Carol);
        var direct = Path.Combine(root, "direct");
        GradebookWriter.Write(ClassOfThree.All, direct);

        var (code, log) = await TestNotebooks.RunCliAsync("gradebook", "merge", graded, carol, "--out", Path.Combine(root, "merged"));

        Assert.Equal(1, code);   // carol could not be graded
        foreach (var file in new[] { "gradebook.csv", "junit.xml" })
            Assert.Equal(File.ReadAllText(Path.Combine(direct, file)), File.ReadAllText(Path.Combine(root, "merged", file)));
        Assert.Contains("a01-neuron: 3 submissions, 2 graded, 1 not gradable", log);
    }

    [Fact]
    public async Task Merging_only_graded_submissions_exits_0()
    {
        var root = TestNotebooks.NewFolder();
        var alice = WriteResult(Path.Combine(root, "alice.json"), ClassOfThree.Alice);

        var (code, _) = await TestNotebooks.RunCliAsync("gradebook", "merge", alice, "--out", root);

        Assert.Equal(0, code);
        Assert.StartsWith("student,q1 (3),q2 (3),total,max,percent,status\r\nalice,3,1.5,4.5,6,75,", File.ReadAllText(Path.Combine(root, "gradebook.csv")));
    }

    [Fact]
    public async Task Results_of_different_assignments_are_refused_and_nothing_is_written()
    {
        var root = TestNotebooks.NewFolder();
        var alice = WriteResult(Path.Combine(root, "alice.json"), ClassOfThree.Alice);
        var carol = WriteResult(Path.Combine(root, "carol.json"), ClassOfThree.Carol with { Assignment = "a02-shapes" });
        var output = Path.Combine(root, "out");

        var (code, log) = await TestNotebooks.RunCliAsync("gradebook", "merge", alice, carol, "--out", output);

        Assert.Equal(2, code);
        Assert.Contains("these results are for 2 different assignments: a01-neuron (", log);
        Assert.Contains("alice.json); a02-shapes (", log);
        Assert.Contains("merge each assignment's results separately", log);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }

    [Fact]
    public async Task Results_graded_with_two_versions_of_the_bundle_are_refused()
    {
        var root = TestNotebooks.NewFolder();
        var alice = WriteResult(Path.Combine(root, "alice.json"), ClassOfThree.Alice);
        var bob = WriteResult(Path.Combine(root, "bob.json"), ClassOfThree.Bob with { Questions = [new("q1", "The sigmoid neuron", 2, 4)] });

        var (code, log) = await TestNotebooks.RunCliAsync("gradebook", "merge", alice, bob, "--out", root);

        Assert.Equal(2, code);
        Assert.Contains("these results of a01-neuron have 2 different sets of questions and points", log);
        Assert.Contains("q1 (3), q2 (3) (", log);
        Assert.Contains("q1 (4) (", log);
        Assert.False(File.Exists(Path.Combine(root, "gradebook.csv")));
    }

    [Fact]
    public async Task Two_results_for_one_student_are_refused_naming_both_files()
    {
        var root = TestNotebooks.NewFolder();
        var first = WriteResult(Path.Combine(root, "run1", "results.json"), ClassOfThree.Alice);
        WriteResult(Path.Combine(root, "run2", "results.json"), ClassOfThree.Alice with { Points = 6, Score = 1 });

        var (code, log) = await TestNotebooks.RunCliAsync("gradebook", "merge", root, first, "--out", Path.Combine(root, "out"));

        Assert.Equal(2, code);
        Assert.Matches(@"student alice has 2 results \([^)]*run1/results\.json, [^)]*run2/results\.json\)", log);
        Assert.False(File.Exists(Path.Combine(root, "out", "gradebook.csv")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_results_file_is_named()
    {
        var root = TestNotebooks.NewFolder();
        var notebook = TestNotebooks.WriteIpynb(root, "results.json", "1 + 1");

        var (code, log) = await TestNotebooks.RunCliAsync("gradebook", "merge", notebook);

        Assert.Equal(2, code);
        Assert.Contains($"{notebook}: is not a results.json written by coursekit grade (", log);
    }

    [Theory]
    [InlineData(new[] { "gradebook", "merge" }, "no results.json files or folders given")]
    [InlineData(new[] { "gradebook", "merge", "/nonexistent/results.json" }, "/nonexistent/results.json: no such file or folder")]
    [InlineData(new[] { "gradebook", "split" }, "unknown gradebook command 'split'")]
    [InlineData(new[] { "gradebook", "merge", "x.json", "--bundle", "b" }, "unknown option '--bundle'")]
    public async Task Usage_errors_exit_2_with_a_message(string[] args, string message)
    {
        var (code, log) = await TestNotebooks.RunCliAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(message, log);
    }
}
