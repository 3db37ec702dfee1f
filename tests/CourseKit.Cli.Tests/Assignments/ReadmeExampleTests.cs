using System.Text.RegularExpressions;
using CourseKit.Cli.Assignments;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests.Assignments;

/// <summary>The example master in exercises/README.md is a valid master and gives what the README says it gives.</summary>
public class AssignReadmeExampleTests
{
    /// <summary>The README's example cells: blocks separated by blank lines, markdown ones starting with "md:".</summary>
    static string[] ExampleCells()
    {
        var readme = File.ReadAllText(Path.Combine(LocalBuilds.Root, "exercises", "README.md"));
        var block = Regex.Match(readme, @"### A small example.*?```text\n(?<cells>.*?)```", RegexOptions.Singleline).Groups["cells"].Value;
        return block.Split("\n\n").Select(cell =>
        {
            var lines = cell.TrimEnd('\n').Split('\n');
            var source = string.Join("\n", lines.Select(l => l.Length > 5 ? l[5..] : ""));
            return lines[0].StartsWith("md:") ? "md:" + source : source;
        }).ToArray();
    }

    [Fact]
    public void The_example_master_parses_into_the_cells_the_readme_describes()
    {
        var cells = ExampleCells();
        var master = MarkerParser.Read(Masters.Write(NewFolder(), "a01-neuron.ipynb", cells));

        Assert.Equal("Assignment 1 · The neuron", master.Title);
        Assert.Equal(60, master.Limits.CellTimeoutSeconds);
        Assert.Equal(
            [CellRole.Markdown, CellRole.Markdown, CellRole.Locked, CellRole.Markdown, CellRole.Answer, CellRole.PublicTest,
             CellRole.HiddenTest, CellRole.Markdown, CellRole.Prose],
            master.Cells.Select(c => c.Role));
        Assert.Equal(["q1.zero", "q1.more", "q2.why"], master.Tests.Select(t => t.Id));

        var student = master.Cells.Where(c => c.InStudentVersion).Select(c => c.StudentSource).ToList();
        Assert.Equal(7, student.Count);   // no instructor note, no hidden test
        Assert.StartsWith("# Assignment 1 · The neuron", student[0]);
        Assert.Contains("    throw new NotImplementedException(\"your code here\");", student[3]);
        Assert.Equal("<!-- ANSWER q2.why points=1 \"why a saturated neuron learns slowly\" -->\n\n_Write your answer here._", student[6]);
    }
}
