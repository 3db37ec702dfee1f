using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;
using CourseKit.Cli.Worker;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

/// <summary>One cell's outputs past the cap, with --keep-full-output's side file, without a worker.</summary>
public class CellOutputTests
{
    static Cell NewCell() => new() { Id = "c1", Kind = CellKind.Code, Source = "Console.Write(…);" };

    [Fact]
    public void The_full_text_goes_to_the_side_file_written_whole_and_named_in_the_truncation_line()
    {
        var stem = Path.Combine(NewFolder(), "nb");
        var cell = NewCell();
        var output = new CellOutput(cell, 1, 10, stem);
        output.Add(Protocol.Stream("stdout", "0123456789abcdef"));
        output.Add(Protocol.Stream("stdout", "ghij"));
        output.Finish();

        var side = stem + ".cell-1.stdout.txt";
        Assert.Equal("0123456789abcdefghij", File.ReadAllText(side));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(stem)!));  // no temporary file left beside it
        var text = cell.Outputs.Single()["text"]!.GetValue<string>();
        Assert.Equal("0123456789\noutput truncated: 10 more bytes (1 more line) beyond --max-output-per-cell 10; " +
                     $"the full text is in {side}\n", text);
    }

    [Fact]
    public void A_side_file_that_cannot_be_written_is_reported_in_the_cell_and_the_notebook_goes_on()
    {
        var stem = Path.Combine(NewFolder(), "nb");
        var side = stem + ".cell-1.stdout.txt";
        Directory.CreateDirectory(side); // a folder in the way of the side file
        var cell = NewCell();
        var output = new CellOutput(cell, 1, 10, stem);
        output.Add(Protocol.Stream("stdout", "0123456789abcdef"));
        output.Add(Protocol.Stream("stdout", "ghij"));
        output.Finish();

        var text = cell.Outputs.Single()["text"]!.GetValue<string>();
        Assert.StartsWith("0123456789\noutput truncated: 10 more bytes (1 more line) beyond --max-output-per-cell 10; " +
                          $"the full text could not be written to {side} (", text);
        Assert.EndsWith(")\n", text);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(stem)!));
    }

    static System.Text.Json.Nodes.JsonObject Display(string text) => new()
    {
        ["output_type"] = "display_data",
        ["data"] = new System.Text.Json.Nodes.JsonObject { ["text/plain"] = text },
        ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
    };

    [Fact]
    public void Displays_beyond_the_cap_are_left_out_with_one_line_but_an_error_is_always_kept()
    {
        var cell = NewCell();
        var output = new CellOutput(cell, 1, 300, null);
        var shown = Enumerable.Range(0, 20).Select(i => output.Add(Display(new string('x', 40) + i))).ToList();
        output.Add(Protocol.Error("System.Exception", "boom", ["System.Exception: boom"]));
        output.Finish();

        var displays = cell.Outputs.Where(o => o["output_type"]!.GetValue<string>() == "display_data").ToList();
        Assert.InRange(displays.Count, 1, 4);                      // about 100 bytes each, 300 bytes kept
        Assert.Equal(displays.Count, shown.Count(s => s is not null)); // a left-out display is not there to update
        Assert.Equal("boom", cell.Outputs.Single(o => o["output_type"]!.GetValue<string>() == "error")["evalue"]!.GetValue<string>());
        var note = cell.Outputs.Single(o => o["output_type"]!.GetValue<string>() == "stream")["text"]!.GetValue<string>();
        Assert.Matches($@"^output truncated: {20 - displays.Count} more displays \(\d+ more bytes\) beyond --max-output-per-cell 300\n$", note);
    }
}
