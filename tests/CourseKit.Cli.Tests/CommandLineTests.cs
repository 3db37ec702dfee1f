using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

/// <summary>Every option value is checked before anything runs: a bad one is a usage error (exit 2) naming the option.</summary>
public class CommandLineTests
{
    [Theory]
    [InlineData("--timeout-per-cell", "NaN")]
    [InlineData("--timeout-per-cell", "Infinity")]
    [InlineData("--timeout-per-cell", "-Infinity")]
    [InlineData("--timeout-per-cell", "1e308")]
    [InlineData("--timeout-per-cell", "0")]
    [InlineData("--timeout-per-cell", "1e-9")]
    [InlineData("--timeout-per-cell", "-5")]
    [InlineData("--timeout-per-cell", "soon")]
    [InlineData("--out", "")]
    [InlineData("--out", "a\0b")]
    [InlineData("--data", "")]
    [InlineData("--data", "/no/such/folder")]
    public async Task Bad_option_values_are_usage_errors_naming_the_option(string option, string value)
    {
        var dir = NewFolder();
        WriteIpynb(dir, "a.ipynb", "md:# only text");
        var (exitCode, log) = await RunCliAsync("run", dir, option, value);

        Assert.True(exitCode == 2, log);
        Assert.Contains($"coursekit: {option}", log);
        Assert.DoesNotContain("▶", log); // nothing ran
    }

    [Fact]
    public async Task Data_that_is_a_file_is_a_usage_error()
    {
        var dir = NewFolder();
        WriteIpynb(dir, "a.ipynb", "md:# only text");
        var file = Path.Combine(dir, "data.csv");
        File.WriteAllText(file, "1,2\n");
        var (exitCode, log) = await RunCliAsync("run", dir, "--data", file);

        Assert.Equal(2, exitCode);
        Assert.Contains($"--data {file}: is a file, not a folder", log);
    }

    [Theory]
    [InlineData("--out", "--out")]
    [InlineData("--html", "--html")]
    [InlineData("--timeout-per-cell", "--timeout-per-cell")]
    [InlineData("--out", "-o")]
    public async Task An_option_given_twice_is_a_usage_error(string first, string second)
    {
        var dir = NewFolder();
        WriteIpynb(dir, "a.ipynb", "md:# only text");
        string[] Value(string option) => option is "--html" ? [option] : option is "--timeout-per-cell" ? [option, "5"] : [option, Path.Combine(dir, "out")];
        var (exitCode, log) = await RunCliAsync(["run", dir, .. Value(first), .. Value(second)]);

        Assert.True(exitCode == 2, log);
        Assert.Contains("given twice", log);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\0b")]
    public async Task Bad_notebook_paths_are_usage_errors(string input)
    {
        var (exitCode, log) = await RunCliAsync("run", input);
        Assert.True(exitCode == 2, log);
    }
}
