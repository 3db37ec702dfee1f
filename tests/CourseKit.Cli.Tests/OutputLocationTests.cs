using System.Diagnostics;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

/// <summary>
/// Where executed notebooks go is checked before any cell runs: a bad --out stops the run at once (exit 2), a problem
/// with one notebook's file fails that notebook only, and the others still run and are written.
/// The notebooks here hold only markdown, so no worker process is needed.
/// </summary>
public class OutputLocationTests
{
    [Fact]
    public async Task Out_that_is_a_file_is_refused_before_anything_runs()
    {
        var dir = NewFolder();
        WriteIpynb(dir, "a.ipynb", "md:# only text");
        var file = Path.Combine(dir, "results.txt");
        File.WriteAllText(file, "keep me");

        var (exitCode, log) = await RunCliAsync("run", Path.Combine(dir, "a.ipynb"), "--out", file);

        Assert.True(exitCode == 2, log);
        Assert.Contains($"--out {file}: is a file, not a folder", log);
        Assert.DoesNotContain("▶", log);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public async Task Out_below_a_file_is_refused_before_anything_runs()
    {
        var dir = NewFolder();
        WriteIpynb(dir, "a.ipynb", "md:# only text");
        File.WriteAllText(Path.Combine(dir, "results.txt"), "keep me");
        var below = Path.Combine(dir, "results.txt", "out");

        var (exitCode, log) = await RunCliAsync("run", dir, "--out", below);

        Assert.True(exitCode == 2, log);
        Assert.Contains($"--out {below}: {Path.Combine(dir, "results.txt")} is a file, not a folder", log);
    }

    [Fact]
    public async Task Out_that_is_a_dangling_link_is_named_as_one_not_as_a_file()
    {
        var dir = NewFolder();
        WriteIpynb(dir, "a.ipynb", "md:# only text");
        var link = Path.Combine(dir, "results");
        var missing = Path.Combine(dir, "gone", "results");
        File.CreateSymbolicLink(link, missing);

        var (exitCode, log) = await RunCliAsync("run", dir, "--out", link);

        Assert.True(exitCode == 2, log);
        Assert.Contains($"--out {link}: is a symbolic link to {missing}, which does not exist", log);
        Assert.DoesNotContain("is a file", log);
        Assert.DoesNotContain("▶", log);
    }

    [SkippableFact]
    public async Task Out_where_no_folder_can_be_made_is_refused_before_anything_runs()
    {
        Skip.IfNot(Directory.Exists("/proc/self"), "needs Linux's /proc");
        var dir = NewFolder();
        WriteIpynb(dir, "a.ipynb", "md:# only text");

        var (exitCode, log) = await RunCliAsync("run", dir, "--out", "/proc/coursekit-out");

        Assert.True(exitCode == 2, log);
        Assert.Contains("--out /proc/coursekit-out: ", log);
        Assert.Contains("choose a folder you can write to", log);
        Assert.DoesNotContain("▶", log);
    }

    [SkippableFact]
    public async Task Out_that_is_an_immutable_folder_is_refused_before_anything_runs()
    {
        var dir = NewFolder();
        WriteIpynb(dir, "a.ipynb", "md:# only text");
        var locked = Path.Combine(dir, "locked");
        Directory.CreateDirectory(locked);
        Skip.IfNot(Chattr("+i", locked), "chattr +i needs root and a file system that supports it");
        try
        {
            var (exitCode, log) = await RunCliAsync("run", dir, "--out", locked);

            Assert.True(exitCode == 2, log);
            Assert.Contains($"--out {locked}: cannot write there", log);
            Assert.Empty(Directory.EnumerateFileSystemEntries(locked));
        }
        finally { Chattr("-i", locked); }
    }

    [Fact]
    public async Task A_folder_in_the_way_of_one_notebook_fails_that_notebook_and_the_others_are_written()
    {
        var dir = NewFolder();
        WriteIpynb(dir, "a.ipynb", "md:# first");
        WriteIpynb(dir, "b.ipynb", "md:# second");
        var output = Path.Combine(dir, "out");
        Directory.CreateDirectory(Path.Combine(output, "a.ipynb"));

        var (exitCode, log) = await RunCliAsync("run", dir, "--out", output);

        Assert.True(exitCode == 1, log);
        Assert.Contains($"{Path.Combine(output, "a.ipynb")} is a folder", log);
        Assert.True(File.Exists(Path.Combine(output, "b.ipynb")), log);
        Assert.Contains("2 notebook(s)", log); // the summary
    }

    [Fact]
    public async Task A_folder_in_the_way_of_the_html_page_fails_that_notebook_before_it_runs()
    {
        var dir = NewFolder();
        WriteIpynb(dir, "a.ipynb", "md:# first");
        WriteIpynb(dir, "b.ipynb", "md:# second");
        var output = Path.Combine(dir, "out");
        Directory.CreateDirectory(Path.Combine(output, "a.html"));

        var (exitCode, log) = await RunCliAsync("run", dir, "--out", output, "--html");

        Assert.True(exitCode == 1, log);
        Assert.Contains($"{Path.Combine(output, "a.html")} is a folder", log);
        Assert.False(File.Exists(Path.Combine(output, "a.ipynb")));
        Assert.True(File.Exists(Path.Combine(output, "b.html")), log);
    }

    [Fact]
    public async Task Two_notebooks_with_the_same_output_name_do_not_overwrite_each_other()
    {
        var dir = NewFolder();
        WriteIpynb(dir, "a.ipynb", "md:# from ipynb");
        File.WriteAllText(Path.Combine(dir, "a.dib"), "#!markdown\n\n# from dib\n");
        var output = Path.Combine(dir, "out");

        var (exitCode, log) = await RunCliAsync("run", dir, "--out", output);

        Assert.True(exitCode == 1, log);
        Assert.Contains($"{Path.Combine(output, "a.ipynb")}: {Path.Combine(dir, "a.dib")} is written there too", log);
        Assert.Contains("# from dib", File.ReadAllText(Path.Combine(output, "a.ipynb"))); // a.dib sorts first
    }

    [Fact]
    public async Task An_executed_copy_never_replaces_a_notebook_beside_it()
    {
        var dir = NewFolder();
        File.WriteAllText(Path.Combine(dir, "a.dib"), "#!markdown\n\n# from dib\n");
        var mine = WriteIpynb(dir, "a.ipynb", "md:# my own notebook");
        var before = File.ReadAllText(mine);

        var (exitCode, log) = await RunCliAsync("run", Path.Combine(dir, "a.dib"), "--out", dir);

        Assert.True(exitCode == 1, log);
        Assert.Contains($"{mine} is a notebook of yours", log);
        Assert.Equal(before, File.ReadAllText(mine));
    }

    static bool Chattr(string flag, string path)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
