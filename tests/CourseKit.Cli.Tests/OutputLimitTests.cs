using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

/// <summary>
/// Cells that print a lot, run through the command line twice: once with the defaults, once with a small output cap
/// and <c>--keep-full-output</c>.
/// </summary>
public sealed class LoudNotebooks : IAsyncLifetime
{
    /// <summary>The repro: the cell holds Console.Out's own lock while it prints more than one chunk.</summary>
    public const string LockedConsole =
        "Console.Write(\"pending…\");\nlock (Console.Out) { Thread.Sleep(1000); Console.Write(new string('y', 9000)); }\nConsole.WriteLine();";

    public const string MillionLines = "for (int i = 0; i < 1_000_000; i++) Console.WriteLine(i);";

    public string Folder { get; } = NewFolder();
    public string Out => Path.Combine(Folder, "out");
    public string CappedOut => Path.Combine(Folder, "capped");
    public int ExitCode { get; private set; }
    public string Log { get; private set; } = "";
    public int CappedExitCode { get; private set; }
    public string CappedLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var loud = WriteIpynb(Folder, "loud.ipynb", LockedConsole, MillionLines, "Console.WriteLine(\"after\");");
        var capped = WriteIpynb(Folder, "capped.ipynb", "Console.Write(new string('a', 5000));\nConsole.Error.WriteLine(\"err\");", "Console.WriteLine(\"small\");");
        (ExitCode, Log) = await RunCliAsync("run", loud, "--out", Out, "--timeout-per-cell", "120");
        (CappedExitCode, CappedLog) = await RunCliAsync("run", capped, "--out", CappedOut, "--max-output-per-cell", "1000", "--keep-full-output");
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

public class OutputLimitTests(LoudNotebooks run) : IClassFixture<LoudNotebooks>
{
    static string StreamText(System.Text.Json.Nodes.JsonArray outputs, string name = "stdout") =>
        string.Concat(OfType(outputs, "stream").Where(o => o["name"]!.GetValue<string>() == name).Select(o => o["text"]!.GetValue<string>()));

    [Fact]
    public void A_cell_holding_the_console_lock_while_printing_does_not_hang()
    {
        Assert.Equal(0, run.ExitCode);
        var nb = ReadJson(Path.Combine(run.Out, "loud.ipynb"));
        Assert.Equal("pending…" + new string('y', 9000) + "\n", StreamText(Outputs(nb, 0)));
    }

    [Fact]
    public void A_million_lines_are_cut_at_the_default_cap_with_one_truncation_line()
    {
        var nb = ReadJson(Path.Combine(run.Out, "loud.ipynb"));
        var text = StreamText(Outputs(nb, 1));
        Assert.StartsWith("0\n1\n2\n3\n", text);
        Assert.InRange(text.Length, 1_000_000, 8_000_000);
        var lines = text.TrimEnd('\n').Split('\n');
        var last = lines[^1];
        Assert.StartsWith("output truncated: ", last);
        Assert.Contains("more lines", last);
        Assert.Contains("--max-output-per-cell", last);
        Assert.Single(lines, l => l.StartsWith("output truncated"));
        // Everything before the note is the beginning of what the cell printed, whole lines in order.
        for (int i = 0; i < lines.Length - 1; i++) Assert.Equal(i.ToString(), lines[i]);
        Assert.Equal("after\n", StreamText(Outputs(nb, 2)));
    }

    [Fact]
    public void A_small_cap_truncates_and_keeps_the_full_text_in_a_side_file()
    {
        Assert.Equal(0, run.CappedExitCode);
        var nb = ReadJson(Path.Combine(run.CappedOut, "capped.ipynb"));
        var text = StreamText(Outputs(nb, 0));
        var side = Path.Combine(run.CappedOut, "capped.cell-1.stdout.txt");
        Assert.StartsWith(new string('a', 1000), text);
        Assert.Contains("output truncated: 4000 more bytes", text);
        Assert.Contains(side, text);
        Assert.Equal(new string('a', 5000), File.ReadAllText(side));
        Assert.Equal("err\n", StreamText(Outputs(nb, 0), "stderr"));
        Assert.Equal("small\n", StreamText(Outputs(nb, 1)));
        Assert.False(File.Exists(Path.Combine(run.CappedOut, "capped.cell-2.stdout.txt")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("lots")]
    [InlineData("NaN")]
    [InlineData("1e308")]
    public async Task A_bad_output_cap_is_a_usage_error(string value)
    {
        var (code, log) = await RunCliAsync("run", run.Folder, "--max-output-per-cell", value);
        Assert.Equal(2, code);
        Assert.Contains("--max-output-per-cell", log);
    }
}
