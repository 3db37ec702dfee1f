using System.Diagnostics;
using CourseKit.Cli.Running;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

/// <summary>
/// The runner owns every process a notebook starts: a child a cell starts (also one in a session of its own), the
/// worker running an endless cell, and threads that keep printing must all be gone when the notebook ends or the
/// runner is stopped with Ctrl-C, SIGTERM or SIGHUP, or even killed outright (also a daemon that double-forks and clears
/// its environment); late output never lands in another cell.
/// </summary>
public class OrphanTests
{
    /// <summary>
    /// Starts two sleeps (one with setsid) and a daemon (a double fork into a session of its own, with an empty
    /// environment, so no tree mark), writes "worker sleep setsid-sleep daemon" pids to pids.txt.
    /// </summary>
    const string StartChildren = """
        var plain = System.Diagnostics.Process.Start("sleep", "123");
        var own = System.Diagnostics.Process.Start("setsid", "sleep 124");
        System.Diagnostics.Process.Start("env", new[] { "-i", "setsid", "-f", "sh", "-c", "echo $$ > daemon.txt; exec sleep 125" })!.WaitForExit();
        for (int i = 0; i < 100 && !(File.Exists("daemon.txt") && File.ReadAllText("daemon.txt").EndsWith('\n')); i++) Thread.Sleep(50);
        Thread.Sleep(300);
        File.WriteAllText("pids.txt", $"{Environment.ProcessId} {plain.Id} {own.Id} {File.ReadAllText("daemon.txt").Trim()}");
        """;

    [SkippableTheory]
    [InlineData("INT")]
    [InlineData("TERM")]
    [InlineData("KILL")]
    [InlineData("HUP")]
    [InlineData("QUIT")]
    public void A_signal_to_the_runner_stops_the_worker_and_every_process_a_cell_started(string signal)
    {
        // A process started with SIGINT ignored (a background job of a script) keeps ignoring it, as POSIX shells intend.
        // So does a process started under nohup (SIGHUP ignored) or as a background job of a script (SIGINT and SIGQUIT).
        Skip.If(SignalIgnoredHere(signal), $"SIG{signal} is ignored by this test process, so the runner inherits that");
        // Synchronous on purpose: this test waits on real processes only, never on continuations of its own.
        var folder = NewFolder();
        var nb = WriteIpynb(folder, "endless.ipynb", StartChildren, "while (true) { }", "Console.WriteLine(\"never\");");
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder,
        };
        foreach (var a in new[] { typeof(Program).Assembly.Location, "run", nb, "--out", Path.Combine(folder, "out") }) start.ArgumentList.Add(a);
        var log = new System.Text.StringBuilder();
        using var runner = Process.Start(start)!;
        runner.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        runner.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        runner.BeginOutputReadLine();
        runner.BeginErrorReadLine();
        var pidsFile = Path.Combine(folder, "pids.txt");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(pidsFile) && waited.Elapsed < TimeSpan.FromSeconds(120) && !runner.HasExited) Thread.Sleep(100);
        Assert.True(File.Exists(pidsFile), "the first cell never ran: " + log);
        Thread.Sleep(1500); // the endless cell is running now
        var pids = File.ReadAllText(pidsFile).Split(' ').Select(int.Parse).ToArray();
        Assert.All(pids, pid => Assert.True(IsRunning(pid), $"process {pid} should be running before the signal"));

        Process.Start("kill", $"-{signal} {runner.Id}")!.WaitForExit();
        Assert.True(runner.WaitForExit(TimeSpan.FromSeconds(30)), "the runner did not stop within 30 s");
        runner.WaitForExit(); // a timed wait does not wait for the last output lines to be read; this one does
        WaitUntilGone(pids);
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} outlived the runner ({signal})"));
        Assert.NotEqual(0, runner.ExitCode);
        // Every signal but KILL (which no process sees) stops the run in order: it says so before it exits.
        if (signal != "KILL") Assert.True(log.ToString().Contains("coursekit: stopped;"), $"{signal} did not stop the run in order: {log}");
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Threads_that_keep_printing_and_children_do_not_outlive_the_notebook_or_print_into_other_cells()
    {
        var folder = NewFolder();
        var nb = WriteIpynb(folder, "ticking.ipynb",
            "new Thread(() => { while (true) { Console.WriteLine(\"tick\"); Thread.Sleep(1); } }) { IsBackground = true }.Start();\n" +
            "Task.Run(async () => { while (true) { Console.Error.WriteLine(\"tock\"); await Task.Delay(1); } });\nThread.Sleep(200);",
            "Thread.Sleep(500);\nConsole.WriteLine(\"second\");",
            StartChildren,
            "Thread.Sleep(300);\n\"last\"");
        var (code, log) = await RunCliAsync("run", nb, "--out", Path.Combine(folder, "out"));
        Assert.Equal(0, code);
        var output = ReadJson(Path.Combine(folder, "out", "ticking.ipynb"));
        var first = string.Concat(OfType(Outputs(output, 0), "stream").Select(o => o["text"]!.GetValue<string>()));
        Assert.Contains("tick\n", first);
        Assert.Contains("tock\n", first);
        var second = Outputs(output, 1);
        Assert.Equal("second\n", Assert.Single(second)!["text"]!.GetValue<string>());
        Assert.Empty(OfType(Outputs(output, 2), "stream"));
        Assert.Equal("last", Data(Assert.Single(Outputs(output, 3))!.AsObject(), "text/plain"));
        var pids = File.ReadAllText(Path.Combine(folder, "pids.txt")).Split(' ').Select(int.Parse).ToArray();
        WaitUntilGone(pids);
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} outlived the notebook"));
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task What_a_child_process_prints_after_its_cell_finished_stays_in_that_cell()
    {
        var folder = NewFolder();
        var nb = WriteIpynb(folder, "late.ipynb",
            "System.Diagnostics.Process.Start(\"bash\", \"-c \\\"sleep 1; echo LATE\\\"\");",
            "Thread.Sleep(2000);\nConsole.WriteLine(\"second\");");
        var (code, log) = await RunCliAsync("run", nb, "--out", Path.Combine(folder, "out"));
        Assert.Equal(0, code);
        var output = ReadJson(Path.Combine(folder, "out", "late.ipynb"));
        Assert.Equal("second\n", Assert.Single(Outputs(output, 1))!["text"]!.GetValue<string>());
        Assert.Equal("LATE\n", string.Concat(OfType(Outputs(output, 0), "stream").Select(o => o["text"]!.GetValue<string>())));
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_cell_that_closes_its_raw_stdout_does_not_silence_the_next_cells_processes()
    {
        var folder = NewFolder();
        var nb = WriteIpynb(folder, "closed.ipynb",
            "class Native { [System.Runtime.InteropServices.DllImport(\"libc\")] public static extern int close(int fd); }\nNative.close(1);",
            "System.Diagnostics.Process.Start(\"echo\", \"after\")!.WaitForExit();");
        var (code, log) = await RunCliAsync("run", nb, "--out", Path.Combine(folder, "out"));
        Assert.Equal(0, code);
        var output = ReadJson(Path.Combine(folder, "out", "closed.ipynb"));
        Assert.Empty(Outputs(output, 0));
        Assert.Equal("after\n", Assert.Single(Outputs(output, 1))!["text"]!.GetValue<string>());
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>Gives processes being killed a moment to go (at most 15 s; the assertions after it decide).</summary>
    static void WaitUntilGone(int[] pids)
    {
        var waited = Stopwatch.StartNew();
        while (pids.Any(IsRunning) && waited.Elapsed < TimeSpan.FromSeconds(15)) Thread.Sleep(100);
    }

    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>True when this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), which its children inherit.</summary>
    /// <summary>Whether this process ignores the signal (bit n − 1 of SigIgn in /proc/self/status for signal n); KILL
    /// cannot be ignored.</summary>
    static bool SignalIgnoredHere(string signal) =>
        signal switch { "HUP" => 1, "INT" => 2, "QUIT" => 3, "TERM" => 15, _ => 0 } is int number and > 0
        && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:")) is { } line
        && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (number - 1))) != 0;
}
