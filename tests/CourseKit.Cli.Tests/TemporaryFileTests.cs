using System.Diagnostics;
using CourseKit.Cli.Notebooks;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

/// <summary>No temporary file of an atomic write is left behind: not by a failed write, a stopped runner or a killed one.</summary>
public class TemporaryFileTests
{
    [Fact]
    public void Leftovers_of_a_killed_run_are_removed_the_next_time_the_folder_is_written()
    {
        var dir = NewFolder();
        // int.MaxValue is never a process id: these were left by a process that no longer runs.
        var stale = new[] { $".lesson.ipynb.{int.MaxValue}.{Guid.NewGuid():N}.tmp", $".lesson.html.{int.MaxValue}.{Guid.NewGuid():N}.tmp" };
        // This process runs and started before these were written: they may be another write of it in progress.
        var live = $".other.ipynb.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var running = Process.GetCurrentProcess().Id;
        foreach (var name in stale.Append(live).Append(".notes.tmp")) File.WriteAllText(Path.Combine(dir, name), "half");

        NotebookWriter.WriteAtomically(Path.Combine(dir, "lesson.ipynb"), "{}");

        Assert.Equal(new[] { ".notes.tmp", "lesson.ipynb" }, Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(running, Environment.ProcessId);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(dir, "lesson.ipynb")));
    }

    [Fact]
    public void A_temporary_file_of_this_process_that_no_write_owns_any_more_is_removed()
    {
        var dir = NewFolder();
        var orphan = Path.Combine(dir, $".a.ipynb.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(orphan, "half");
        NotebookWriter.WriteAtomically(Path.Combine(dir, "b.ipynb"), "{}");
        Assert.False(File.Exists(orphan));
    }

    [Fact]
    public void A_write_that_fails_halfway_leaves_neither_the_file_nor_a_temporary_file()
    {
        var dir = NewFolder();
        var target = Path.Combine(dir, "page.html");
        Assert.Throws<InvalidOperationException>(() => NotebookWriter.WriteAtomically(target, writer =>
        {
            writer.Write(new string('x', 100_000));
            throw new InvalidOperationException("export failed");
        }));
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    /// <summary>
    /// The real command, stopped while it writes an HTML page: plotly.js is read from a named pipe that nobody writes,
    /// so the page's temporary file stays open until the signal comes. (SIGTERM: a process started in the background,
    /// as a test's may be, ignores SIGINT; Ctrl-C ends the runner through the same cleanup, at process exit.)
    /// </summary>
    [SkippableFact]
    public async Task A_runner_stopped_while_writing_leaves_no_temporary_file()
    {
        Skip.IfNot(File.Exists("/usr/bin/mkfifo") || File.Exists("/bin/mkfifo"), "needs mkfifo (Linux, macOS)");
        var dir = NewFolder();
        // The figure's element (raw HTML in markdown is kept on the page) makes the exporter read plotly.js.
        var notebook = WriteIpynb(dir, "lesson.ipynb", "md:# A page that shows a plotly figure\n\n<div class=\"coursekit-plot\"></div>");
        var fifo = Path.Combine(dir, "plotly.min.js");
        Assert.Equal(0, await Exec("mkfifo", fifo));
        var output = Path.Combine(dir, "out");

        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "run", notebook, "--out", output, "--html"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["COURSEKIT_PLOTLY_JS"] = fifo;
        using var runner = Process.Start(start)!;
        var log = runner.StandardOutput.ReadToEndAsync();
        try
        {
            var waited = Stopwatch.StartNew();
            while (!(Directory.Exists(output) && Directory.GetFiles(output, ".lesson.html.*.tmp").Length > 0))
            {
                if (runner.HasExited) Assert.Fail("the runner ended before it wrote the page: " + await log);
                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "the page's temporary file never appeared");
                await Task.Delay(100);
            }
            Assert.Equal(0, await Exec("kill", "-TERM", runner.Id.ToString()));
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await runner.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!runner.HasExited) runner.Kill(entireProcessTree: true);
        }

        Assert.Equal(["lesson.ipynb"], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    static async Task<int> Exec(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false })!;
        await p.WaitForExitAsync();
        return p.ExitCode;
    }
}
