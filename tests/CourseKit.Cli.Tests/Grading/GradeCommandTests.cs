using System.Text.Json.Nodes;
using CourseKit.Cli.Grading;
using static CourseKit.Cli.Tests.Grading.TestAssignment;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests.Grading;

public class GradeCommandTests
{
    static string WriteBundle(string folder, string? json = null)
    {
        var path = Path.Combine(folder, "a00-test.bundle.json");
        File.WriteAllText(path, json ?? Bundle().ToJson());
        return path;
    }

    [Fact]
    public async Task A_class_is_graded_in_parallel_into_a_folder_per_student_and_an_empty_submission_is_not_gradable()
    {
        await LocalBuilds.PackIntoRepositoryFeedAsync();
        var folder = NewCheckoutFolder();
        var bundle = Bundle();
        var bundlePath = WriteBundle(folder);
        Submission(Path.Combine(folder, "class", "alice"), "a00-test.ipynb", bundle);
        Submission(Path.Combine(folder, "class", "bob"), "a00-test.ipynb", bundle, new() { ["q1-answer"] = "double Sigmoid(double z) => z / 2 + 0.25;" });
        Directory.CreateDirectory(Path.Combine(folder, "class", "carl"));
        var outDir = Path.Combine(folder, "out");

        var (exitCode, log) = await RunCliAsync("grade", Path.Combine(folder, "class"), "--bundle", bundlePath, "--out", outDir, "--jobs", "2");

        Assert.True(exitCode == 1, log);
        var alice = SubmissionResult.FromJson(File.ReadAllText(Path.Combine(outDir, "alice", "results.json")));
        Assert.True(alice.Gradable, alice.Reason);
        Assert.Equal(8, alice.Points);
        var bob = SubmissionResult.FromJson(File.ReadAllText(Path.Combine(outDir, "bob", "results.json")));
        Assert.Equal(3, bob.Points);
        Assert.Equal("expected 0.5, got 0.25", bob.Tests.Single(t => t.Id == "q1.zero").Message);
        var carl = SubmissionResult.FromJson(File.ReadAllText(Path.Combine(outDir, "carl", "results.json")));
        Assert.False(carl.Gradable);
        Assert.Equal($"{Path.Combine(folder, "class", "carl")} holds no .ipynb notebook; the student handed in nothing to grade", carl.Reason);
        Assert.False(File.Exists(Path.Combine(outDir, "carl", "graded.ipynb")));
        // The graded notebook is the student's, as it ran, without the hidden tests.
        var graded = ReadJson(Path.Combine(outDir, "bob", "graded.ipynb"));
        var ids = graded["cells"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["setup", "intro", "q1-text", "q1-answer", "q1-zero", "q2-text", "q2-answer", "q3-text", "q3-why"], ids);
        Assert.Equal("CourseKit.CheckFailedException", OfType(Outputs(graded, 4), "error").Single()["ename"]!.GetValue<string>());
        // Each student gets feedback; the class a gradebook and a summary.
        Assert.All(["alice", "bob", "carl"], student =>
        {
            Assert.True(File.Exists(Path.Combine(outDir, student, "feedback.ipynb")));
            Assert.True(File.Exists(Path.Combine(outDir, student, "feedback.html")));
        });
        Assert.Contains("bob,0,2,1,3,8,37.5,", File.ReadAllText(Path.Combine(outDir, "gradebook.csv")));
        Assert.True(File.Exists(Path.Combine(outDir, "junit.xml")));
        Assert.Contains("a00-test: 3 submissions, 2 graded, 1 not gradable", log);
        // Graded in bubblewrap (./test.sh installs it): nothing warns, and the results say so.
        Assert.DoesNotContain("NOT ISOLATED", log);
        Assert.True(alice.Isolated);
    }

    [Fact]
    public async Task Exit_code_is_0_when_every_submission_is_graded()
    {
        await LocalBuilds.PackIntoRepositoryFeedAsync();
        var folder = NewCheckoutFolder();
        var bundlePath = WriteBundle(folder);
        var dana = Submission(folder, "dana.ipynb", Bundle(), new() { ["q2-answer"] = "double Square(double x) => x + x;" });
        var outDir = Path.Combine(folder, "out");

        var (exitCode, log) = await RunCliAsync("grade", dana, "--bundle", bundlePath, "--out", outDir);

        Assert.True(exitCode == 0, log);
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "dana", "results.json")))!;
        Assert.Equal(6, result["points"]!.GetValue<double>());   // Square(3) = 6 and Square(-1.5) = -3: q2's 2 points lost
    }

    [Theory]
    [InlineData("no-bundle", "--bundle is missing: name the assignment's grader bundle (NAME.bundle.json, written by coursekit assign)")]
    [InlineData("missing-bundle", "no such file (coursekit assign writes NAME.bundle.json next to the master notebook)")]
    [InlineData("not-json", "is not a grader bundle (")]
    [InlineData("format-2", "has format 2, which this coursekit does not know (it reads format 1)")]
    [InlineData("notebook-bundle", "is a notebook; the grader needs the bundle coursekit assign wrote for it (NAME.bundle.json)")]
    [InlineData("no-submissions", "no submissions given: name notebooks or folders of them")]
    [InlineData("missing-submission", "nobody.ipynb: no such file or folder")]
    [InlineData("jobs-0", "--jobs needs a whole number from 1 to 64, not '0'")]
    [InlineData("no-out", "--out is missing: name the folder the results go into")]
    [InlineData("out-twice", "--out given twice")]
    public async Task Usage_errors_exit_2_and_say_what_is_wrong(string what, string message)
    {
        var folder = NewCheckoutFolder();
        var bundle = WriteBundle(folder);
        var submission = Submission(folder, "erin.ipynb", Bundle());
        var outDir = Path.Combine(folder, "out");
        string[] args = what switch
        {
            "no-bundle" => ["grade", submission, "--out", outDir],
            "missing-bundle" => ["grade", submission, "--bundle", Path.Combine(folder, "none.bundle.json"), "--out", outDir],
            "not-json" => ["grade", submission, "--bundle", WriteBundle(folder, "{ not json"), "--out", outDir],
            "format-2" => ["grade", submission, "--bundle", WriteBundle(folder, Bundle().ToJson().Replace("\"format\": 1", "\"format\": 2")), "--out", outDir],
            "notebook-bundle" => ["grade", submission, "--bundle", submission, "--out", outDir],
            "no-submissions" => ["grade", "--bundle", bundle, "--out", outDir],
            "missing-submission" => ["grade", Path.Combine(folder, "nobody.ipynb"), "--bundle", bundle, "--out", outDir],
            "jobs-0" => ["grade", submission, "--bundle", bundle, "--out", outDir, "--jobs", "0"],
            "out-twice" => ["grade", submission, "--bundle", bundle, "-o", outDir, "--out", outDir],
            _ => ["grade", submission, "--bundle", bundle],
        };

        var (exitCode, log) = await RunCliAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, log);
        Assert.Contains("Run 'coursekit grade --help' for usage.", log);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Submissions_are_named_by_file_by_folder_with_one_notebook_and_by_each_notebook_of_a_folder()
    {
        var folder = NewCheckoutFolder();
        var single = Submission(folder, "single/work.ipynb", Bundle());
        var several = Path.Combine(folder, "several");
        Submission(several, "fay.ipynb", Bundle());
        Submission(several, "gus.ipynb", Bundle());
        var file = Submission(folder, "hal.ipynb", Bundle());
        var classFolder = Path.Combine(folder, "class");
        Submission(Path.Combine(classFolder, "ida"), "any-name.ipynb", Bundle());
        Directory.CreateDirectory(Path.Combine(classFolder, "jon"));

        var found = Submissions.Find([Path.GetDirectoryName(single)!, several, file, classFolder]);

        Assert.Equal(["single", "fay", "gus", "hal", "ida", "jon"], found.Select(s => s.Student));
        Assert.Equal(single, found[0].Path);
        Assert.Equal(Path.Combine(classFolder, "ida", "any-name.ipynb"), found[4].Path);
        Assert.Null(found[4].Problem);
        Assert.Equal($"{Path.Combine(classFolder, "jon")} holds no .ipynb notebook; the student handed in nothing to grade", found[5].Problem);
    }

    [Fact]
    public void Two_submissions_with_one_student_id_are_refused_naming_both()
    {
        var folder = NewCheckoutFolder();
        var first = Submission(Path.Combine(folder, "a"), "kim.ipynb", Bundle());
        var second = Submission(Path.Combine(folder, "b"), "kim.ipynb", Bundle());

        var e = Assert.Throws<UsageException>(() => Submissions.Find([first, second]));

        Assert.Equal($"two submissions have the student id 'kim': {first} and {second}; grade them in separate runs or rename one", e.Message);
    }
}
