using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CourseKit.Cli.Assignments;
using CourseKit.Cli.Grading;
using CourseKit.Cli.Running;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests.Assignments;

public class BundleTests
{
    static MasterNotebook Neuron() => MarkerParser.Read(Masters.Write(NewFolder(), "a00-neuron.ipynb", Masters.Neuron));

    static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void The_bundle_holds_every_cell_but_instructor_notes_in_master_order_with_the_graders_sources_and_checksums()
    {
        var master = Neuron();
        var bundle = BundleBuilder.Skeleton(master, "student text");

        Assert.Equal(["c0", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10"], bundle.Cells.Select(c => c.Id));
        Assert.Equal(
            [CellRole.Markdown, CellRole.Locked, CellRole.Markdown, CellRole.Answer, CellRole.PublicTest, CellRole.HiddenTest,
             CellRole.Markdown, CellRole.Prose, CellRole.Answer, CellRole.Code],
            bundle.Cells.Select(c => c.Role));
        var locked = bundle.Cells[1];
        Assert.Equal(Masters.Neuron[2], locked.Source);
        Assert.Equal(Sha256(Masters.Neuron[2]), locked.Sha256);
        var hidden = bundle.Cells[5];
        Assert.Equal(Masters.Neuron[6], hidden.Source);
        Assert.Equal(Sha256(Masters.Neuron[6]), hidden.Sha256);
        Assert.Equal(("q1", "q1.many"), (hidden.Question, hidden.Test));
        Assert.Equal("double Sigmoid(double z)\n{\n    throw new NotImplementedException(\"your code here\");\n}", bundle.Cells[3].Source);
        Assert.Null(bundle.Cells[3].Sha256);
        Assert.Equal(Sha256("student text"), bundle.StudentNotebookSha256);
        Assert.Equal(["banknote/*"], bundle.DataFiles);
        Assert.Equal(60, bundle.Limits.CellTimeoutSeconds);
    }

    [Fact]
    public void Checksums_read_windows_line_endings_as_unix_ones()
    {
        Assert.Equal(Sha256("// LOCKED\nvar x = 1;"), BundleCell.ChecksumOf("// LOCKED\r\nvar x = 1;"));
    }

    [Fact]
    public void Questions_score_the_sum_of_their_tests_points_and_tests_keep_what_feedback_shows()
    {
        var bundle = BundleBuilder.Skeleton(Neuron(), "");

        Assert.Equal([("q1", "1. The sigmoid", 3.0), ("q2", "2. Saturation", 1.0)], bundle.Questions.Select(q => (q.Id, q.Title, q.Points)));
        Assert.Equal(
            [
                ("q1.zero", "q1", "public", 1.0, "the sigmoid of 0 is one half", "1 / (1 + e^0)", "c5"),
                ("q1.many", "q1", "hidden", 2.0, "the sigmoid at a few points", null, "c6"),
                ("q2.why", "q2", "prose", 1.0, "why a saturated sigmoid learns slowly", "think of the slope", "c8"),
            ],
            bundle.Tests.Select(t => (t.Id, t.Question, t.Visibility, t.Points, t.Description, t.Hint, t.Cell)));
        Assert.Equal(["saturat", "gradient"], bundle.Tests[2].Patterns);
    }

    [Fact]
    public void The_master_runs_as_a_submission_with_its_solutions_and_hidden_tests_under_the_bundles_ids()
    {
        var master = StudentNotebook.MasterAsSubmission(Neuron());

        Assert.Equal(["c0", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10"], master.Cells.Select(c => c.Id));
        Assert.Equal(Masters.Neuron[4], master.Cells[3].Source);
        Assert.Equal(Masters.Neuron[6], master.Cells[5].Source);
        Assert.Equal("hidden-test", master.Cells[5].Metadata["coursekit"]!["role"]!.GetValue<string>());
    }

    [Fact]
    public void Expectations_are_the_values_each_tests_cell_reported_with_their_judges()
    {
        var master = Neuron();
        var run = new FakeMasterRunner(FakeMasterRunner.NeuronReports()).Run(BundleBuilder.Skeleton(master, ""));

        var bundle = BundleBuilder.WithExpectations(BundleBuilder.Skeleton(master, ""), run, new LabelFiles(null));

        var many = Assert.Single(bundle.Tests[1].Expectations);
        Assert.Equal("values", many.Name);
        Assert.Equal("""{"kind":"array","shape":[2],"numbers":[0.11920292202211755,0.9525741268224334]}""", many.Expected.ToJsonString());
        Assert.Equal("""{"kind":"close","rtol":1E-05,"atol":1E-06,"low":0,"high":0,"labels":null}""", many.Judge.ToJsonString());
        Assert.Equal(0.5, ReportedValue.FromJson(Assert.Single(bundle.Tests[0].Expectations).Expected).Numbers.Single());
        Assert.Empty(bundle.Tests[2].Expectations);
        Assert.Empty(bundle.LabelFiles);
    }

    [Fact]
    public void An_accuracy_test_expects_the_true_labels_from_the_data_folder_and_names_the_file()
    {
        var data = NewFolder();
        File.WriteAllText(Path.Combine(data, "labels.txt"), "1\n0\n\n2\n");
        var master = Neuron();
        var reports = FakeMasterRunner.NeuronReports();
        reports["q1.many"] = [new("predicted", ReportedValue.Array([3], [1, 0, 2]), Judge.Accuracy(0.9, "labels.txt"))];
        var run = new FakeMasterRunner(reports).Run(BundleBuilder.Skeleton(master, ""));

        var bundle = BundleBuilder.WithExpectations(BundleBuilder.Skeleton(master, ""), run, new LabelFiles(data));

        Assert.Equal("""{"kind":"array","shape":[3],"numbers":[1,0,2]}""", bundle.Tests[1].Expectations[0].Expected.ToJsonString());
        Assert.Equal(["labels.txt"], bundle.LabelFiles);
        Assert.Empty(MasterValidation.FullMarksProblems(master, bundle, run));
    }

    [Fact]
    public void Accuracy_labels_the_students_session_could_read_are_refused()
    {
        var data = NewFolder();
        File.WriteAllText(Path.Combine(data, "labels.txt"), "1\n0\n2\n");
        var reports = FakeMasterRunner.NeuronReports();
        reports["q1.many"] = [new("predicted", ReportedValue.Array([3], [1, 0, 2]), Judge.Accuracy(0.9, "labels.txt"))];
        List<string> ProblemsWith(IReadOnlyList<string>? dataFiles)
        {
            var master = Neuron();
            var skeleton = BundleBuilder.Skeleton(master, "") with { DataFiles = dataFiles };
            var run = new FakeMasterRunner(reports).Run(skeleton);
            return MasterValidation.FullMarksProblems(master, BundleBuilder.WithExpectations(skeleton, run, new LabelFiles(data)), run);
        }

        Assert.Equal(["cell 7: test q1.many judges accuracy against labels.txt, but the assignment lets the student's session read the whole data " +
                      "folder, those labels too; list the files the notebook reads in <!-- ASSIGNMENT data=\"…\" -->, without labels.txt"],
            ProblemsWith(null));
        Assert.Equal(["cell 7: test q1.many judges accuracy against labels.txt, but the assignment's data=\"images.txt *.txt\" lets the student's " +
                      "session read them; leave labels.txt out of it"],
            ProblemsWith(["images.txt", "*.txt"]));
        Assert.Empty(ProblemsWith(["images.txt", "train-*"]));
    }

    [Fact]
    public void The_bundle_reads_back_from_its_json()
    {
        var master = Neuron();
        var run = new FakeMasterRunner(FakeMasterRunner.NeuronReports()).Run(BundleBuilder.Skeleton(master, ""));
        var bundle = BundleBuilder.WithExpectations(BundleBuilder.Skeleton(master, "x"), run, new LabelFiles(null));

        var again = Bundle.FromJson(bundle.ToJson());

        Assert.Equal(bundle.ToJson(), again.ToJson());
        Assert.Contains("\"source\": \"<!-- QUESTION q1 -->\\n## 1. The sigmoid\\n\\nWrite it.\"", bundle.ToJson());
    }

    // ---- the master must score full marks ----

    static List<string> Problems(Dictionary<string, CapturedReport[]> reports, params MasterCellRun[] failures)
    {
        var data = NewFolder();
        File.WriteAllText(Path.Combine(data, "labels.txt"), "1\n0\n2\n");
        var master = Neuron();
        var run = new FakeMasterRunner(reports, failures).Run(BundleBuilder.Skeleton(master, ""));
        return MasterValidation.FullMarksProblems(master, BundleBuilder.WithExpectations(BundleBuilder.Skeleton(master, ""), run, new LabelFiles(data)), run);
    }

    [Fact]
    public void A_master_that_could_not_be_run_at_all_is_refused_with_the_reason()
    {
        var master = Neuron();
        var bundle = BundleBuilder.Skeleton(master, "");
        var run = new MasterRun(new Dictionary<string, IReadOnlyList<CapturedReport>>(), [], "restoring CourseKit failed: NU1101");

        Assert.Equal(["the master could not be run: restoring CourseKit failed: NU1101"], MasterValidation.FullMarksProblems(master, bundle, run));
    }

    [Fact]
    public void A_master_whose_tests_pass_on_their_own_values_scores_full_marks()
    {
        Assert.Empty(Problems(FakeMasterRunner.NeuronReports()));
    }

    [Fact]
    public void A_cell_that_failed_when_the_master_ran_is_named()
    {
        Assert.Equal(
            [
                "cell 5 («double Sigmoid(double z)») failed when the master ran: CS0103: The name 'Exp' does not exist; the master must run from top to bottom without errors",
                "cells 6, 7 did not run after that, so their tests were not checked",
            ],
            Problems(FakeMasterRunner.NeuronReports(),
                new MasterCellRun("c4", CellStatus.Failed, "CS0103: The name 'Exp' does not exist"),
                new MasterCellRun("c5", CellStatus.NotRun, "an earlier cell of the master did not succeed"),
                new MasterCellRun("c6", CellStatus.NotRun, "an earlier cell of the master did not succeed")));
    }

    [Fact]
    public void A_test_that_reported_nothing_or_one_name_twice_is_refused()
    {
        var reports = FakeMasterRunner.NeuronReports();
        reports.Remove("q1.zero");
        reports["q1.many"] = [reports["q1.many"][0], reports["q1.many"][0]];

        Assert.Equal(
            [
                "cell 6: test q1.zero reported nothing when the master ran; its cell must call Grading.Check or Grading.Report itself (reports from other cells do not count)",
                "cell 7: test q1.many reported «values» 2 times; give each value it reports its own name",
            ],
            Problems(reports));
    }

    [Fact]
    public void A_value_that_fails_its_own_judge_is_refused()
    {
        var reports = FakeMasterRunner.NeuronReports();
        reports["q1.zero"] = [new("sigmoid(0)", ReportedValue.Number(double.NaN), Judge.Close())];
        reports["q1.many"] = [new("predicted", ReportedValue.Array([3], [1, 1, 2]), Judge.Accuracy(0.9, "labels.txt"))];

        Assert.Equal(
            [
                "cell 6: test q1.zero fails on the master's own «sigmoid(0)»: got NaN: a result that is not a finite number (look for a division by zero or an overflowing exp); fix the master or the judge",
                "cell 7: test q1.many fails on the master's own «predicted»: accuracy 0.667 (2 of 3); it needs at least 0.9; fix the master or the judge",
            ],
            Problems(reports));
    }
}
