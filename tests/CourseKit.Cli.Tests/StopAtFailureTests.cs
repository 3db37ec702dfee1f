using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

/// <summary>
/// One notebook with a failing cell after markdown, run twice through the command line: as it is (it stops at the
/// failure, like Jupyter's "Run All") and with --keep-going --verbose.
/// </summary>
public sealed class FailingNotebook : IAsyncLifetime
{
    public string Folder { get; } = NewFolder();
    public (int ExitCode, string Log) Stopped { get; private set; }
    public (int ExitCode, string Log) KeptGoing { get; private set; }
    public string StoppedOut => Path.Combine(Folder, "stopped");
    public string KeptGoingOut => Path.Combine(Folder, "kept-going");

    public async Task InitializeAsync()
    {
        var path = WriteIpynb(Folder, "lesson.ipynb",
            "md:# Lesson",
            "var a = 1;",                                           // [1]
            "md:Now a check that fails.",
            "void Check(bool ok) { if (!ok) throw new Exception(\"Check failed\"); }\nCheck(a == 2);", // [2]
            "Console.WriteLine(\"after\");",
            "a + 1");
        Stopped = await RunCliAsync("run", path, "--out", StoppedOut);
        KeptGoing = await RunCliAsync("run", path, "--out", KeptGoingOut, "--keep-going", "--verbose");
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

public class StopAtFailureTests(FailingNotebook run) : IClassFixture<FailingNotebook>
{
    [Fact]
    public void A_failing_cell_stops_the_notebook_and_the_rest_is_not_run()
    {
        Assert.Equal(1, run.Stopped.ExitCode);
        var nb = ReadJson(Path.Combine(run.StoppedOut, "lesson.ipynb"));
        Assert.Single(OfType(Outputs(nb, 3), "error"));
        Assert.Empty(Outputs(nb, 4));
        Assert.Null(nb["cells"]![4]!["execution_count"]);
        Assert.Null(nb["cells"]![5]!["execution_count"]);
        Assert.Contains("2 later cell(s) not run: cell 2 failed (--keep-going runs the cells after a failure)", run.Stopped.Log);
    }

    [Fact]
    public void Cells_are_named_by_the_number_the_page_shows()
    {
        var nb = ReadJson(Path.Combine(run.StoppedOut, "lesson.ipynb"));
        Assert.Equal(2, nb["cells"]![3]!["execution_count"]!.GetValue<int>());   // the page shows [2]
        var trace = Assert.Single(OfType(Outputs(nb, 3), "error"))["traceback"]!.AsArray().Select(t => t!.GetValue<string>());
        Assert.Contains(trace, l => l.Contains("in cell 2, line 2"));
        Assert.Contains("[2] failed", run.Stopped.Log);
        Assert.Contains("lesson.ipynb cell 2: Check failed", run.Stopped.Log);
    }

    [Fact]
    public void The_summary_shows_failures_and_totals_but_not_each_passing_cell()
    {
        var summary = run.Stopped.Log[run.Stopped.Log.IndexOf("Notebook", StringComparison.Ordinal)..];
        Assert.DoesNotContain("var a = 1;", summary);
        Assert.Contains("1 of 4 cell(s) ok", summary);
        Assert.Contains("2 later cell(s)", summary);
        Assert.Contains("1 notebook(s), 1 cell(s) ok, 1 failed, 2 not run, 0 skipped", summary);
    }

    [Fact]
    public void Keep_going_runs_the_cells_after_a_failure_and_verbose_lists_every_cell()
    {
        Assert.Equal(1, run.KeptGoing.ExitCode);
        var nb = ReadJson(Path.Combine(run.KeptGoingOut, "lesson.ipynb"));
        Assert.Equal("after\n", Assert.Single(OfType(Outputs(nb, 4), "stream"))["text"]!.GetValue<string>());
        Assert.Equal(4, nb["cells"]![5]!["execution_count"]!.GetValue<int>());
        var summary = run.KeptGoing.Log[run.KeptGoing.Log.IndexOf("Notebook", StringComparison.Ordinal)..];
        Assert.Contains("var a = 1;", summary);
        Assert.Contains("Console.WriteLine(\"after\");", summary);
    }
}
