using CourseKit.Cli.Assignments;
using CourseKit.Cli.Running;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests.Assignments;

/// <summary>The assign command with a master "run" faked (<see cref="FakeMasterRunner"/>); the real run is in <see cref="AssignWorkerTests"/>.</summary>
public class AssignCommandTests
{
    sealed record Course(string Root, string Solutions, string Exercises, string Master)
    {
        public string Student => Path.Combine(Exercises, "a00-neuron.ipynb");
        public string Bundle => Path.Combine(Solutions, "a00-neuron.bundle.json");
    }

    static Course NewCourse()
    {
        var root = NewFolder();
        var solutions = Path.Combine(root, "solutions");
        Directory.CreateDirectory(solutions);
        return new Course(root, solutions, Path.Combine(root, "exercises"), Masters.Write(solutions, "a00-neuron.ipynb", Masters.Neuron));
    }

    static async Task<(int Code, string Log)> Assign(IMasterRunner runner, params string[] args)
    {
        var log = new StringWriter();
        int code = await AssignCommand.RunAsync(args, log, default, runner);
        return (code, log.ToString());
    }

    static Task<(int Code, string Log)> Check(Course course) =>
        Assign(new FakeMasterRunner([]), "--check", course.Solutions, "--out", course.Exercises);

    [Fact]
    public async Task Assign_writes_the_student_notebook_and_the_bundle_beside_the_master()
    {
        var course = NewCourse();

        var (code, log) = await Assign(new FakeMasterRunner(FakeMasterRunner.NeuronReports()), course.Master, "--out", course.Exercises);

        Assert.True(code == 0, log);
        Assert.Equal(StudentNotebook.Text(MarkerParser.Read(course.Master), course.Student), File.ReadAllText(course.Student));
        var bundle = Bundle.FromJson(File.ReadAllText(course.Bundle));
        Assert.Equal("values", bundle.Tests.Single(t => t.Id == "q1.many").Expectations.Single().Name);
        Assert.Contains("✓ 2 question(s), 3 test(s), 4 point(s); the master scores full marks, the student notebook 0", log);
    }

    [Fact]
    public async Task Two_runs_write_the_same_bytes()
    {
        var course = NewCourse();
        await Assign(new FakeMasterRunner(FakeMasterRunner.NeuronReports()), course.Master, "--out", course.Exercises);
        var (student, bundle) = (File.ReadAllBytes(course.Student), File.ReadAllBytes(course.Bundle));

        await Assign(new FakeMasterRunner(FakeMasterRunner.NeuronReports()), course.Master, "--out", course.Exercises);

        Assert.Equal(student, File.ReadAllBytes(course.Student));
        Assert.Equal(bundle, File.ReadAllBytes(course.Bundle));
    }

    [Fact]
    public async Task Bundle_out_puts_the_bundle_elsewhere_but_never_among_the_students_files()
    {
        var course = NewCourse();
        var grader = Path.Combine(course.Root, "grader");

        var (code, _) = await Assign(new FakeMasterRunner(FakeMasterRunner.NeuronReports()), course.Master, "--out", course.Exercises, "--bundle-out", grader);
        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(grader, "a00-neuron.bundle.json")));

        var inside = Path.Combine(course.Exercises, "grader");
        (code, var log) = await Assign(new FakeMasterRunner(FakeMasterRunner.NeuronReports()), course.Master, "--out", course.Exercises, "--bundle-out", inside);
        Assert.Equal(1, code);
        Assert.Contains($"✗ the bundle {Path.Combine(inside, "a00-neuron.bundle.json")} would go into the students' folder {course.Exercises}; give --bundle-out a folder outside it", log);
    }

    [Fact]
    public async Task The_student_notebook_never_overwrites_the_master()
    {
        var course = NewCourse();
        var before = File.ReadAllText(course.Master);

        var (code, log) = await Assign(new FakeMasterRunner(FakeMasterRunner.NeuronReports()), course.Master, "--out", course.Solutions, "--bundle-out", course.Root);

        Assert.Equal(1, code);
        Assert.Contains("would overwrite the master itself; write the student notebooks to another folder (e.g. exercises/)", log);
        Assert.Equal(before, File.ReadAllText(course.Master));
    }

    [Fact]
    public async Task A_master_that_does_not_score_full_marks_is_refused_and_nothing_is_written()
    {
        var course = NewCourse();
        var reports = FakeMasterRunner.NeuronReports();
        reports.Remove("q1.many");

        var (code, log) = await Assign(new FakeMasterRunner(reports), course.Master, "--out", course.Exercises);

        Assert.Equal(1, code);
        Assert.Contains($"✗ {course.Master}: 1 problem; nothing was written:\n  - cell 7: test q1.many reported nothing when the master ran;", log.Replace("\r\n", "\n"));
        Assert.False(File.Exists(course.Student));
        Assert.False(File.Exists(course.Bundle));
    }

    [Fact]
    public async Task The_student_notebook_as_written_is_what_is_graded_to_check_that_it_scores_0()
    {
        var course = NewCourse();
        var runner = new FakeMasterRunner(FakeMasterRunner.NeuronReports());

        await Assign(runner, course.Master, "--out", course.Exercises);

        Assert.Equal(File.ReadAllText(course.Student), Notebooks.NotebookWriter.ToJsonText(runner.StudentVersion!));
    }

    [Fact]
    public async Task A_test_that_passes_on_the_student_notebook_as_generated_is_refused_and_nothing_is_written()
    {
        var course = NewCourse();
        var runner = new FakeMasterRunner(FakeMasterRunner.NeuronReports()) { PassingOnStudentVersion = ["q1.zero"] };

        var (code, log) = await Assign(runner, course.Master, "--out", course.Exercises);

        Assert.Equal(1, code);
        Assert.Contains($"✗ {course.Master}: 1 problem; nothing was written:\n  - cell 6: test q1.zero passes on the student notebook as generated, " +
                        "so it cannot tell a right answer from none; make it check what the student has to write (the stubs throw, so a test that uses the answer fails)", log);
        Assert.False(File.Exists(course.Student));
        Assert.False(File.Exists(course.Bundle));
    }

    [Fact]
    public async Task Marker_problems_are_reported_for_each_master_and_the_others_are_still_made()
    {
        var course = NewCourse();
        var broken = Masters.Write(course.Solutions, "a01-broken.ipynb", "md:# Broken", "md:<!-- QUESTION q1 -->\n## One");

        var (code, log) = await Assign(new FakeMasterRunner(FakeMasterRunner.NeuronReports()), course.Solutions, "--out", course.Exercises);

        Assert.Equal(1, code);
        Assert.Contains($"✗ {broken}: 1 problem; nothing was written:\n  - cell 2: question q1 has no test and no graded answer", log);
        Assert.True(File.Exists(course.Student));
        Assert.False(File.Exists(Path.Combine(course.Exercises, "a01-broken.ipynb")));
    }

    [Fact]
    public async Task Stopping_assign_exits_with_130_and_writes_nothing()
    {
        var course = NewCourse();
        var log = new StringWriter();

        int code = await AssignCommand.RunAsync([course.Master, "--out", course.Exercises], log, new CancellationToken(canceled: true),
            new FakeMasterRunner(FakeMasterRunner.NeuronReports()));

        Assert.Equal(130, code);
        Assert.Contains("coursekit assign: stopped; the master's worker was stopped, and nothing more was written.", log.ToString());
        Assert.False(File.Exists(course.Student));
    }

    [Fact]
    public async Task Usage_errors_exit_with_2()
    {
        var course = NewCourse();
        var (code, log) = await Assign(new FakeMasterRunner([]), course.Master);
        Assert.Equal(2, code);
        Assert.Contains("coursekit assign: --out DIR is needed: the folder for the student notebooks (e.g. exercises/)", log);
        Assert.Equal(2, (await Assign(new FakeMasterRunner([]), "--out", course.Exercises)).Code);
        Assert.Equal(2, (await Assign(new FakeMasterRunner([]), course.Master, "--out", course.Exercises, "--frobnicate")).Code);
    }

    [Fact]
    public async Task The_command_line_dispatches_assign()
    {
        var (code, log) = await RunCliAsync("assign", "--help");
        Assert.Equal(0, code);
        Assert.StartsWith("Usage: coursekit assign", log);
    }

    // ---- --check ----

    [Fact]
    public async Task Check_passes_when_the_exercises_are_what_assign_writes()
    {
        var course = NewCourse();
        await Assign(new FakeMasterRunner(FakeMasterRunner.NeuronReports()), course.Master, "--out", course.Exercises);

        var (code, log) = await Check(course);

        Assert.True(code == 0, log);
        Assert.Contains($"✓ all 1 student notebook(s) in {course.Exercises} are what their masters make", log);
    }

    [Fact]
    public async Task Check_names_a_changed_exercise()
    {
        var course = NewCourse();
        await Assign(new FakeMasterRunner(FakeMasterRunner.NeuronReports()), course.Master, "--out", course.Exercises);
        File.WriteAllText(course.Student, File.ReadAllText(course.Student).Replace("A warm-up.", "A warm up."));

        var (code, log) = await Check(course);

        Assert.Equal(1, code);
        Assert.Contains($"✗ differs: {course.Student} is not what {course.Master} makes", log);
    }

    [Fact]
    public async Task Check_names_a_master_changed_since_assign()
    {
        var course = NewCourse();
        await Assign(new FakeMasterRunner(FakeMasterRunner.NeuronReports()), course.Master, "--out", course.Exercises);
        Masters.Write(course.Solutions, "a00-neuron.ipynb", [.. Masters.Neuron[..10], "Console.WriteLine(\"another example\");"]);

        var (code, log) = await Check(course);

        Assert.Equal(1, code);
        Assert.Contains($"✗ differs: {course.Student}", log);
    }

    [Fact]
    public async Task Check_names_missing_and_extra_exercises()
    {
        var course = NewCourse();
        Directory.CreateDirectory(course.Exercises);
        var extra = Masters.Write(course.Exercises, "a09-old.ipynb", "md:# Old");

        var (code, log) = await Check(course);

        Assert.Equal(1, code);
        Assert.Contains($"✗ missing: {course.Student} (run coursekit assign {course.Master} --out {course.Exercises})", log);
        Assert.Contains($"✗ extra: {extra} has no master among the ones given; remove it, or add its master", log);
        Assert.Contains("✗ 2 problem(s) with the student notebooks in", log);
    }
}
