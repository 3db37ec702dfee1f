using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

/// <summary>
/// Notebooks that hang or take their process down, run through the command line: the hanging one with a 2 s limit
/// per cell, the crashing ones (in a second run, at the same time) with the default limit.
/// </summary>
public sealed class BrokenNotebooks : IAsyncLifetime
{
    public string Folder { get; } = NewFolder();
    public string Out => Path.Combine(Folder, "out");
    public int ExitCode { get; private set; }
    public string Log { get; private set; } = "";
    public int CrashExitCode { get; private set; }
    public string CrashLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var hang = WriteIpynb(Folder, "hang.ipynb", "Console.WriteLine(\"start\");", "while (true) { }", "1 + 1", "2 + 2");
        var exit = WriteIpynb(Folder, "exit.ipynb", "Console.WriteLine(\"bye\");\nEnvironment.Exit(3);", "1");
        var overflow = WriteIpynb(Folder, "overflow.ipynb", "int Deep(int n) => n == 0 ? 0 : 1 + Deep(n - 1);\nDeep(100_000_000)", "1");
        var hanging = RunCliAsync("run", hang, "--out", Out, "--timeout-per-cell", "2");
        var crashing = RunCliAsync("run", exit, overflow, "--out", Out);
        (ExitCode, Log) = await hanging;
        (CrashExitCode, CrashLog) = await crashing;
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

public class IsolationTests(BrokenNotebooks run) : IClassFixture<BrokenNotebooks>
{
    [Fact]
    public void Run_fails_with_exit_code_1_and_a_summary()
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("timed out", run.Log);
        Assert.Contains("not run", run.Log);
        Assert.Equal(1, run.CrashExitCode);
        Assert.Contains("crashed", run.CrashLog);
    }

    [Fact]
    public void Infinite_loop_times_out_and_the_rest_is_not_run()
    {
        var nb = ReadJson(Path.Combine(run.Out, "hang.ipynb"));
        Assert.Equal("start\n", OfType(Outputs(nb, 0), "stream").Single()["text"]!.GetValue<string>());
        var error = Assert.Single(OfType(Outputs(nb, 1), "error"));
        Assert.Equal("TimeoutException", error["ename"]!.GetValue<string>());
        Assert.Contains("Cell 2 (while (true) { })", error["evalue"]!.GetValue<string>());
        Assert.Contains("2 s", error["evalue"]!.GetValue<string>());
        Assert.Empty(Outputs(nb, 2));
        Assert.Null(nb["cells"]![2]!["execution_count"]);
        Assert.Null(nb["cells"]![3]!["execution_count"]);
    }

    [Fact]
    public void Environment_exit_is_reported_as_a_crash_naming_the_cell()
    {
        var nb = ReadJson(Path.Combine(run.Out, "exit.ipynb"));
        Assert.Equal("bye\n", OfType(Outputs(nb, 0), "stream").Single()["text"]!.GetValue<string>());
        var error = Assert.Single(OfType(Outputs(nb, 0), "error"));
        Assert.Equal("WorkerCrashedException", error["ename"]!.GetValue<string>());
        Assert.Contains("Cell 1 (Console.WriteLine(\"bye\");)", error["evalue"]!.GetValue<string>());
        Assert.Contains("exited with code 3", error["evalue"]!.GetValue<string>());
        Assert.Empty(Outputs(nb, 1));
    }

    [Fact]
    public void Stack_overflow_is_reported_as_a_crash_naming_the_cell()
    {
        var nb = ReadJson(Path.Combine(run.Out, "overflow.ipynb"));
        var error = Assert.Single(OfType(Outputs(nb, 0), "error"));
        Assert.Equal("WorkerCrashedException", error["ename"]!.GetValue<string>());
        Assert.Contains("Cell 1 (int Deep(int n)", error["evalue"]!.GetValue<string>());
        Assert.Contains("Stack overflow", string.Join("\n", error["traceback"]!.AsArray().Select(t => t!.GetValue<string>())));
        Assert.Empty(Outputs(nb, 1));
    }
}
