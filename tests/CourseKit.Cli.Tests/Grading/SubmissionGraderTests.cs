using CourseKit.Cli.Grading;
using static CourseKit.Cli.Tests.Grading.TestAssignment;

namespace CourseKit.Cli.Tests.Grading;

/// <summary>Grading one submission of <see cref="TestAssignment"/> in a real worker.</summary>
public class SubmissionGraderTests
{
    [Fact]
    public async Task A_correct_submission_gets_full_marks_and_its_notebook_back_without_hidden_tests()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle();

        var graded = await GradeAsync(bundle, Submission(folder, "alice.ipynb", bundle));

        var result = graded.Result;
        Assert.True(result.Gradable, result.Reason);
        Assert.Equal("alice", result.Student);
        Assert.Equal("a00-test", result.Assignment);
        Assert.Equal(8, result.MaxPoints);
        Assert.True(result.Points == 8, result.ToJson());
        Assert.Equal(1, result.Score);
        Assert.False(result.Isolated);
        Assert.All(result.Tests, t => Assert.Equal("passed", t.Status));
        Assert.Equal([5.0, 2.0, 1.0], result.Questions.Select(q => q.Points));
        Assert.Empty(result.Notices);
        Assert.Equal(["setup", "intro", "q1-text", "q1-answer", "q1-zero", "q2-text", "q2-answer", "q3-text", "q3-why"],
            graded.Notebook.Cells.Select(c => c.Id));
        var publicTest = graded.Notebook.Cells.Single(c => c.Id == "q1-zero");
        Assert.Contains(publicTest.Outputs, o => o["text"]?.GetValue<string>() == "✓ sigmoid(0)\n");
        Assert.Equal("✓ sigmoid(0)\n", result.Tests.Single(t => t.Id == "q1.zero").Output);
        // Every test's own report was captured (what assign keeps as the expected values).
        Assert.Equal(0.5, graded.Reports["q1.zero"].Single(r => r.Name == "sigmoid(0)").Value.Numbers[0]);
        Assert.Equal(HiddenExpected, graded.Reports["q1.hidden"].Single().Value.Numbers[0], 12);
        Assert.Equal("exact", graded.Reports["q2.positive"].Single().Judge.Kind);
        Assert.Contains(result.Cells, c => c.Id == "q2-negative" && c.Role == "hidden-test" && c.Status == "ok");
    }

    /// <summary>What <c>coursekit assign</c> does with a master: grades it, as a notebook in memory, against a bundle whose
    /// tests have no expected values yet, and keeps what each test reported.</summary>
    [Fact]
    public async Task Grading_against_a_bundle_without_expected_values_captures_every_tests_reports()
    {
        await LocalBuilds.PackIntoRepositoryFeedAsync();
        var folder = NewCheckoutFolder();
        var full = Bundle();
        var bundle = full with { Tests = [.. full.Tests.Select(t => t with { Expectations = [] })] };
        var master = Notebooks.NotebookReader.Read(Submission(folder, "master.ipynb", full,
            new() { ["q2-answer"] = "double Square(double x) => x * x;\ndouble Broken() => throw new InvalidOperationException(\"only here\");" }));
        master.Cells.Add(new Notebooks.Cell { Id = "added", Kind = Notebooks.CellKind.Code, Source = "Broken()" });

        var graded = await SubmissionGrader.GradeAsync(bundle, master, "master", Options(folder));

        Assert.Equal(8, graded.Result.Points);   // a test without expected values passes when its cell runs to the end
        var hidden = graded.Reports["q1.hidden"].Single();
        Assert.Equal("sigmoid(x)", hidden.Name);
        Assert.Equal(HiddenExpected, hidden.Value.Numbers[0], 12);
        Assert.Equal(Judge.Close(), hidden.Judge);
        Assert.Equal(new CapturedReport("square(3)", ReportedValue.Number(9), Judge.Exact()), graded.Reports["q2.positive"].Single());
        Assert.Equal(new CapturedReport("sigmoid(0)", ReportedValue.Number(0.5), Judge.Close()), graded.Reports["q1.zero"].Single());
        Assert.Empty(graded.Reports["q3.why"]);
        Assert.Equal(["setup", "q1-answer", "q1-zero", "q1-hidden", "q2-answer", "q2-positive", "q2-negative", "added"],
            graded.Cells.Where(c => c.Runs).Select(c => c.Id));
        var added = graded.Cells.Single(c => c.Id == "added").Run!;
        Assert.Equal(Running.CellStatus.Failed, added.Status);
        Assert.Equal("only here", added.Note);
    }

    [Fact]
    public async Task A_wrong_answer_fails_its_tests_with_the_judges_messages_and_the_hidden_one_shows_no_input_or_expected_value()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle();

        var graded = await GradeAsync(bundle, Submission(folder, "bob.ipynb", bundle,
            new() { ["q1-answer"] = "double Sigmoid(double z) => z / 2 + 0.25;" }));

        var zero = graded.Test("q1.zero");
        Assert.Equal("failed", zero.Status);
        Assert.Equal(0, zero.Points);
        Assert.Equal(2, zero.MaxPoints);
        Assert.Equal("expected 0.5, got 0.25", zero.Message);
        Assert.Equal("σ(z) = 1 / (1 + e^(−z))", zero.Hint);
        var hidden = graded.Test("q1.hidden");
        Assert.Equal("failed", hidden.Status);
        Assert.Equal(0, hidden.Points);
        // 0.8125 / 2 + 0.25 = 0.65625, off from 0.692642 by 5.25 %.
        Assert.Equal("your result is not the expected one (within a relative tolerance of 1e-5); it is off by 5.25 %", hidden.Message);
        Assert.DoesNotContain(HiddenInput, hidden.Message);
        Assert.DoesNotContain("0.69", hidden.Message);
        Assert.DoesNotContain("0.656", hidden.Message);
        Assert.Equal(0, graded.Question("q1"));
        Assert.Equal(3, graded.Result.Points);
        Assert.Equal(3.0 / 8, graded.Result.Score);
    }

    [Fact]
    public async Task A_partly_right_answer_gets_the_points_of_the_tests_it_passes()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle();

        var graded = await GradeAsync(bundle, Submission(folder, "carol.ipynb", bundle,
            new() { ["q2-answer"] = "double Square(double x) => x > 0 ? x * x : x;" }));

        Assert.Equal("passed", graded.Test("q2.positive").Status);
        Assert.Equal("failed", graded.Test("q2.negative").Status);
        Assert.Equal(1, graded.Question("q2"));
        Assert.Equal(7, graded.Result.Points);
    }

    [Fact]
    public async Task An_answer_cell_that_throws_fails_only_its_own_questions_tests()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle();

        var graded = await GradeAsync(bundle, Submission(folder, "dan.ipynb", bundle,
            new() { ["q2-answer"] = "double Square(double x) => throw new InvalidOperationException(\"secret detail\");" }));

        Assert.Equal(5, graded.Question("q1"));
        Assert.Equal(0, graded.Question("q2"));
        Assert.Equal(1, graded.Question("q3"));
        var positive = graded.Test("q2.positive");
        Assert.Equal("error", positive.Status);
        Assert.Equal("your code threw InvalidOperationException while this test ran", positive.Message);
    }

    /// <summary>Packages are restored outside the sandbox: a student's cell cannot make the grader fetch other packages
    /// or reach a package source of its choosing. The cell fails with the reason; the other questions still score.</summary>
    [Fact]
    public async Task A_students_cell_cannot_load_other_packages_or_add_package_sources()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle();

        var graded = await GradeAsync(bundle, Submission(folder, "hal.ipynb", bundle,
            new() { ["q2-answer"] = "#i \"nuget: https://example.invalid/v3/index.json\"\n#r \"nuget: Newtonsoft.Json\"\ndouble Square(double x) => x * x;" }));

        Assert.True(graded.Result.Gradable, graded.Result.Reason);
        Assert.Equal(5, graded.Question("q1"));
        Assert.Equal(0, graded.Question("q2"));
        var error = graded.Notebook.Cells.Single(c => c.Id == "q2-answer").Outputs.Single(o => o["output_type"]!.GetValue<string>() == "error");
        Assert.Equal("A graded notebook cannot add package sources (#i \"nuget: https://example.invalid/v3/index.json\"): " +
                     "the grader restores packages only from the course's sources. Remove the line.", error["evalue"]!.GetValue<string>());

        graded = await GradeAsync(bundle, Submission(folder, "ida.ipynb", bundle,
            new() { ["q2-answer"] = "#r \"nuget: Newtonsoft.Json\"\ndouble Square(double x) => x * x;" }));
        error = graded.Notebook.Cells.Single(c => c.Id == "q2-answer").Outputs.Single(o => o["output_type"]!.GetValue<string>() == "error");
        Assert.StartsWith("A graded notebook can load only the packages its assignment loads (CourseKit), not Newtonsoft.Json.", error["evalue"]!.GetValue<string>());
        Assert.True(graded.Result.Gradable, graded.Result.Reason);
    }

    [Fact]
    public async Task An_endless_loop_costs_its_question_and_the_rest_is_scored_after_a_restart_and_replay()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle(cellTimeoutSeconds: 15);

        var graded = await GradeAsync(bundle, Submission(folder, "erin.ipynb", bundle,
            new() { ["q2-answer"] = "double Square(double x) => x * x;\nwhile (true) { }" }));

        var result = graded.Result;
        Assert.True(result.Gradable, result.Reason);
        Assert.Contains(result.Cells, c => c.Id == "q2-answer" && c.Status == "timeout");
        Assert.Equal(0, graded.Question("q2"));
        // The cells before the loop were replayed in the fresh worker, so q1's Sigmoid is still there for later cells.
        Assert.Equal(5, graded.Question("q1"));
        Assert.Equal(1, graded.Question("q3"));
        Assert.Equal(6, result.Points);
        Assert.Contains(result.Notices, n => n.StartsWith("Your answer cell for q2") && n.Contains("did not finish within 15 s") && n.Contains("restarted"));
        Assert.Equal("error", graded.Test("q2.positive").Status);
        Assert.Contains(graded.Notebook.Cells.Single(c => c.Id == "q2-answer").Outputs, o => o["ename"]?.GetValue<string>() == "TimeoutException");
    }

    [Fact]
    public async Task When_the_submissions_time_runs_out_the_running_cell_is_stopped_and_the_cells_after_it_are_not_run()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle() with { Limits = new CourseKit.Cli.Assignments.AssignmentLimits { CellTimeoutSeconds = 600, SubmissionTimeoutSeconds = 30 } };

        var graded = await GradeAsync(bundle, Submission(folder, "gil.ipynb", bundle, new() { ["q2-answer"] = "while (true) { }" }));

        var result = graded.Result;
        Assert.True(result.Gradable, result.Reason);
        Assert.Contains(result.Cells, c => c.Id == "q2-answer" && c.Status == "timeout" && c.Note == "the submission's time limit of 30 s ran out while it ran");
        var positive = graded.Test("q2.positive");
        Assert.Equal("not-run", positive.Status);
        Assert.Equal("not run: the submission's time limit of 30 s ran out", positive.Message);
        Assert.Equal(["Your answer cell for q2 (\"while (true) { }\") was stopped because the submission's time limit of 30 s ran out " +
                      "while it ran; the cells after it were not run."], result.Notices);
        Assert.Equal(5, graded.Question("q1"));
        Assert.Equal(1, graded.Question("q3"));   // a prose answer is judged on its text, with nothing to run
    }

    [Fact]
    public async Task Exiting_the_process_after_printing_PASS_restarts_the_worker_and_scores_that_question_0()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle();

        var graded = await GradeAsync(bundle, Submission(folder, "frank.ipynb", bundle,
            new() { ["q2-answer"] = "double Square(double x) => x * x;\nConsole.WriteLine(\"PASS\");\nEnvironment.Exit(0);" }));

        var result = graded.Result;
        Assert.True(result.Gradable, result.Reason);
        Assert.Contains(result.Cells, c => c.Id == "q2-answer" && c.Status == "crashed");
        Assert.Equal(0, graded.Question("q2"));
        Assert.Equal(5, graded.Question("q1"));
        Assert.Equal(6, result.Points);
        Assert.Contains(result.Notices, n => n.StartsWith("Your answer cell for q2") && n.Contains("ended the session"));
    }

    [Fact]
    public async Task A_changed_public_test_is_restored_and_named_in_the_notices()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle();
        var original = bundle.Cells.Single(c => c.Id == "q1-zero").Source;

        var graded = await GradeAsync(bundle, Submission(folder, "gina.ipynb", bundle,
            new() { ["q1-answer"] = "double Sigmoid(double z) => 0.25;", ["q1-zero"] = "Console.WriteLine(\"✓ sigmoid(0)\");" }));

        Assert.Equal(original, graded.Notebook.Cells.Single(c => c.Id == "q1-zero").Source);
        Assert.Equal(["The public test q1.zero was changed in your notebook; the grader ran the original instead (changes to locked cells are not graded)."],
            graded.Result.Notices);
        Assert.Equal("expected 0.5, got 0.25", graded.Test("q1.zero").Message);
        Assert.Equal(0, graded.Question("q1"));
    }

    [Fact]
    public async Task Cells_the_student_added_are_kept_after_the_cell_they_followed_and_run()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle();

        var graded = await GradeAsync(bundle, Submission(folder, "hana.ipynb", bundle,
            added: [("q1-answer", "md:My own note"), ("q1-answer", "var tried = Sigmoid(0) * 84;\ntried")]));

        var ids = graded.Notebook.Cells.Select(c => c.Id).ToList();
        int answer = ids.IndexOf("q1-answer");
        Assert.Equal("My own note", graded.Notebook.Cells[answer + 1].Source);
        var tried = graded.Notebook.Cells[answer + 2];
        Assert.Equal("var tried = Sigmoid(0) * 84;\ntried", tried.Source);
        Assert.Equal("42", tried.Outputs.Single(o => o["output_type"]!.GetValue<string>() == "execute_result")["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("q1-zero", graded.Notebook.Cells[answer + 3].Id);
        Assert.Contains(graded.Result.Cells, c => c.Role == "extra" && c.Status == "ok");
        Assert.Equal(8, graded.Result.Points);
    }

    [Fact]
    public async Task A_missing_answer_cell_is_run_as_its_stub_with_a_notice()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle();

        var graded = await GradeAsync(bundle, Submission(folder, "ivan.ipynb", bundle, new() { ["q2-answer"] = null }));

        Assert.Equal(bundle.Cells.Single(c => c.Id == "q2-answer").Source, graded.Notebook.Cells.Single(c => c.Id == "q2-answer").Source);
        Assert.Equal(["Your answer cell for q2 (\"double Square(double x) => throw new NotImplementedExcept…\") was missing " +
                      "from your notebook; the grader used the empty starting version."], graded.Result.Notices);
        Assert.Equal("your code threw NotImplementedException while this test ran", graded.Test("q2.negative").Message);
        Assert.Equal(0, graded.Question("q2"));
        Assert.Equal(6, graded.Result.Points);
    }

    [Fact]
    public async Task Reports_sent_by_a_cell_other_than_the_tests_own_count_for_nothing()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle();

        var graded = await GradeAsync(bundle, Submission(folder, "jack.ipynb", bundle,
            new() { ["q2-answer"] = "Grading.Report(\"square(3)\", 9.0, Judge.Exact());\nGrading.Report(\"square(-1.5)\", 2.25);\n" +
                                    "double Square(double x) => throw new InvalidOperationException();" }));

        Assert.Equal("error", graded.Test("q2.positive").Status);
        Assert.Equal("error", graded.Test("q2.negative").Status);
        Assert.Equal(0, graded.Question("q2"));
    }

    [Fact]
    public async Task A_value_the_student_s_code_reports_while_a_test_runs_is_ignored_named_and_voids_the_public_tests()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle();

        // Square sends a square(3) of its own each time it is called: only the test cell's own report counts.
        var graded = await GradeAsync(bundle, Submission(folder, "kate.ipynb", bundle,
            new() { ["q2-answer"] = "double Square(double x) { Grading.Report(\"square(3)\", 9.0, Judge.Exact()); return x * x; }" }));

        Assert.Equal("passed", graded.Test("q2.positive").Status);
        Assert.Equal(new CapturedReport("square(3)", ReportedValue.Number(9), Judge.Exact()), graded.Reports["q2.positive"].Single());
        Assert.Equal(2, graded.Question("q2"));
        Assert.Contains("The hidden test q2.positive received a report that did not come from the test cell: your code sent it while the test ran, and it was ignored.",
            graded.Result.Notices);
        Assert.Equal(0, graded.Test("q1.zero").Points);
        Assert.Equal(SubmissionGrader.PublicTestsVoid, graded.Test("q1.zero").Message);
        Assert.Equal(3, graded.Question("q1"));
    }

    [Fact]
    public async Task A_value_reported_twice_by_the_test_cell_fails_that_test()
    {
        var folder = NewCheckoutFolder();
        var bundle = Bundle();
        bundle = bundle with
        {
            Cells = [.. bundle.Cells.Select(c => c.Id == "q2-positive"
                ? c with { Source = c.Source + "\nGrading.Report(\"square(3)\", Square(3), Judge.Exact());" } : c)],
        };

        var graded = await GradeAsync(bundle, Submission(folder, "kate.ipynb", bundle));

        var positive = graded.Test("q2.positive");
        Assert.Equal("failed", positive.Status);
        Assert.Equal("the value was reported 2 times; a test reports each value once, so none of them counts", positive.Message);
        Assert.Equal("passed", graded.Test("q2.negative").Status);
        Assert.Equal(1, graded.Question("q2"));
        Assert.Empty(graded.Result.Notices);
    }

    /// <summary>A package the assignment's own setup loads that cannot be restored is the course's problem, not the
    /// student's: the submission is not gradable, with the reason, and gets no 0. The worker starts while that first
    /// cell's packages are restored; it must not be left running.</summary>
    [Fact]
    public async Task A_package_the_assignment_loads_that_cannot_be_restored_makes_the_submission_not_gradable()
    {
        await LocalBuilds.PackIntoRepositoryFeedAsync();
        var folder = NewCheckoutFolder();
        var bundle = Bundle();
        bundle = bundle with
        {
            Cells = [.. bundle.Cells.Select(c => c.Id == "setup" ? c with { Source = c.Source.Replace("#r \"nuget: CourseKit\"", "#r \"nuget: CourseKit.No.Such.Package, 1.0.0\"") } : c)],
        };
        var launcher = new MarkingLauncher();

        var graded = await SubmissionGrader.GradeAsync(bundle, Submission(folder, "liam.ipynb", bundle), Options(folder) with { Launcher = launcher });

        var result = graded.Result;
        Assert.False(result.Gradable);
        Assert.StartsWith("the packages of the locked cell \"// LOCKED\" could not be restored: ", result.Reason);
        Assert.Contains("CourseKit.No.Such.Package", result.Reason);
        Assert.Equal(0, result.Points);
        Assert.Equal(8, result.MaxPoints);
        Assert.Empty(result.Tests);
        Assert.Equal(1, launcher.Starts);
        Assert.Empty(launcher.Running());
    }

    /// <summary>Starts unisolated workers marked with a variable of its own, so that a test can look for them afterwards.</summary>
    sealed class MarkingLauncher : IWorkerLauncher
    {
        public readonly string Mark = Guid.NewGuid().ToString("N");
        public int Starts;
        public bool Isolated => false;

        public Task<Running.WorkerClient> StartAsync(WorkerLaunch launch, CancellationToken cancel)
        {
            Interlocked.Increment(ref Starts);
            var marked = new Dictionary<string, string>(launch.Environment) { ["COURSEKIT_TEST_MARK"] = Mark };
            return UnisolatedWorkerLauncher.Instance.StartAsync(launch with { Environment = marked }, cancel);
        }

        /// <summary>The processes still running with this launcher's mark in their environment.</summary>
        public int[] Running() => [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit)).Select(int.Parse!)
            .Where(pid =>
            {
                try { return File.ReadAllText($"/proc/{pid}/environ").Contains("COURSEKIT_TEST_MARK=" + Mark); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
            })];
    }

    /// <summary>A launcher standing in for a sandbox that is broken: it notes what it was asked to start, then fails.</summary>
    sealed class BrokenSandbox : IWorkerLauncher
    {
        public WorkerLaunch? Launch;
        public string[] FilesSeen = [];
        public bool Isolated => true;

        public Task<Running.WorkerClient> StartAsync(WorkerLaunch launch, CancellationToken cancel)
        {
            Launch = launch;
            FilesSeen = [.. Directory.GetFileSystemEntries(launch.WorkingDirectory).Select(Path.GetFileName)!];
            throw new InvalidOperationException("bwrap: cannot create a user namespace\nmore detail");
        }
    }

    [Fact]
    public async Task A_worker_that_cannot_be_started_makes_the_submission_not_gradable_and_the_launcher_gets_a_private_copy()
    {
        await LocalBuilds.PackIntoRepositoryFeedAsync();
        var folder = NewCheckoutFolder();
        var bundle = Bundle() with { DataFiles = ["banknote/data_banknote_authentication.txt"] };
        var sandbox = new BrokenSandbox();
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);

        var graded = await SubmissionGrader.GradeAsync(bundle, Submission(folder, "nina.ipynb", bundle),
            Options(folder) with { Launcher = sandbox, DataDirectory = data });

        Assert.False(graded.Result.Gradable);
        Assert.True(graded.Result.Isolated);
        Assert.Equal("the worker that runs the cells could not be started: bwrap: cannot create a user namespace", graded.Result.Reason);
        var launch = sandbox.Launch!;
        Assert.Equal(["nina.ipynb"], sandbox.FilesSeen);   // a copy of the submission, alone
        Assert.NotEqual(folder, launch.WorkingDirectory);
        Assert.False(Directory.Exists(launch.WorkingDirectory));   // removed after grading
        Assert.Equal("1", launch.Environment["COURSEKIT_GRADING"]);
        Assert.Equal(data, launch.DataDirectory);
        Assert.Equal(["banknote/data_banknote_authentication.txt"], launch.DataFiles);
        Assert.Equal(bundle.Limits, launch.Limits);
    }

    [Fact]
    public async Task A_file_that_is_not_a_notebook_is_not_gradable()
    {
        var folder = NewCheckoutFolder();
        var path = Path.Combine(folder, "mia.txt");
        File.WriteAllText(path, "my answers");

        var graded = await SubmissionGrader.GradeAsync(Bundle(), path, Options(folder));

        Assert.False(graded.Result.Gradable);
        Assert.Equal("mia", graded.Result.Student);
        Assert.Equal($"{path} is not a Jupyter notebook (.ipynb); hand in the assignment's .ipynb file", graded.Result.Reason);
    }
}
