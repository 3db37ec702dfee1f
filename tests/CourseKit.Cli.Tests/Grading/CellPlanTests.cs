using System.Text.Json.Nodes;
using CourseKit.Cli.Grading;
using CourseKit.Cli.Notebooks;
using static CourseKit.Cli.Tests.Grading.TestAssignment;

namespace CourseKit.Cli.Tests.Grading;

/// <summary>The cell plan alone: no worker runs.</summary>
public class CellPlanTests
{
    static Cell Code(string id, string source, string? mark = null) => new()
    {
        Id = id, Kind = CellKind.Code, Language = "csharp", Source = source,
        Metadata = mark is null ? new JsonObject() : new JsonObject { ["coursekit"] = new JsonObject { ["cell"] = mark } },
    };

    static Notebook NotebookOf(params Cell[] cells)
    {
        var notebook = new Notebook { Path = "student.ipynb" };
        notebook.Cells.AddRange(cells);
        return notebook;
    }

    [Fact]
    public void Cells_match_by_their_mark_first_then_by_id_and_follow_the_bundles_order()
    {
        // The answers are swapped in the student's notebook, q1's only by its nbformat id; the cell with id "q2-answer"
        // carries the mark of q1-answer, so the id does not count for it.
        var plan = CellPlan.Build(Bundle(), NotebookOf(
            Code("q2-answer", "double Sigmoid(double z) => 0.5;", mark: "q1-answer"),
            Code("other", "double Square(double x) => x * x;", mark: "q2-answer"),
            Code("setup", "// LOCKED\n#r \"nuget: CourseKit\"\nusing CourseKit;")));

        var cells = plan.Cells.ToDictionary(c => c.Id);
        Assert.Equal("double Sigmoid(double z) => 0.5;", cells["q1-answer"].Cell.Source);
        Assert.Equal("double Square(double x) => x * x;", cells["q2-answer"].Cell.Source);
        Assert.Equal(["setup", "intro", "q1-text", "q1-answer", "q1-zero", "q1-hidden", "q2-text", "q2-answer", "q2-positive", "q2-negative", "q3-text", "q3-why"],
            plan.Cells.Select(c => c.Id));
        Assert.Equal(["setup", "intro", "q1-text", "q2-answer", "q1-zero", "q2-text", "other", "q3-text", "q3-why"],
            plan.Graded.Cells.Select(c => c.Id));   // the student's own ids are kept; hidden tests are left out
    }

    [Fact]
    public void Added_cells_follow_the_matched_cell_above_them_and_those_above_all_come_first()
    {
        var plan = CellPlan.Build(Bundle(), NotebookOf(
            Code("mine-first", "var a = 1;"),
            Code("q1-answer", CorrectSigmoid),
            Code("mine-after", "var b = 2;"),
            Code("q1-zero", "// my own copy of the test, ignored")));

        Assert.Equal(["mine-first", "setup", "intro", "q1-text", "q1-answer", "mine-after", "q1-zero"], plan.Graded.Cells.Select(c => c.Id).Take(7));
        Assert.Equal("extra", plan.Cells.Single(c => c.Id == "mine-after").Role);
        Assert.Equal(Bundle().Cells.Single(c => c.Id == "q1-zero").Source, plan.Cells.Single(c => c.Id == "q1-zero").Cell.Source);
    }

    [Fact]
    public void Deleted_and_changed_locked_cells_are_restored_and_missing_answers_become_stubs_each_with_a_notice()
    {
        var plan = CellPlan.Build(Bundle(), NotebookOf(
            Code("q1-answer", CorrectSigmoid),
            Code("q1-zero", "Grading.Check(\"sigmoid(0)\", 0.5, 0.5);")));

        Assert.Equal(
        [
            "The locked cell \"// LOCKED\" was missing from your notebook; the grader put the original back.",
            "The public test q1.zero was changed in your notebook; the grader ran the original instead (changes to locked cells are not graded).",
            "Your answer cell for q2 (\"double Square(double x) => throw new NotImplementedExcept…\") was missing from your notebook; the grader used the empty starting version.",
            "Your written answer for q3 was missing from your notebook; the grader used the empty starting version.",
        ], plan.Notices);
        var setup = plan.Graded.Cells.Single(c => c.Id == "setup");
        Assert.Equal(CellKind.Code, setup.Kind);
        Assert.Equal("locked", setup.Metadata["coursekit"]!["role"]!.GetValue<string>());
        Assert.False(setup.Metadata["editable"]!.GetValue<bool>());
    }

    [Fact]
    public void An_added_cell_with_the_id_of_a_restored_cell_gets_an_id_of_its_own()
    {
        // The student deleted the setup cell and gave an added cell its id, with another cell's mark that matches nothing.
        var plan = CellPlan.Build(Bundle(), NotebookOf(Code("q1-answer", CorrectSigmoid), Code("setup", "var c = 3;", mark: "nothing")));

        Assert.Equal(["setup", "intro", "q1-text", "q1-answer", "setup-2", "q1-zero"], plan.Graded.Cells.Select(c => c.Id).Take(6));
        Assert.Equal("var c = 3;", plan.Graded.Cells[4].Source);
    }
}
