using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Tests;

/// <summary>
/// The real .NET Interactive kernel (the <c>Microsoft.dotnet-interactive</c> tool, as the <c>.net-csharp</c> Jupyter
/// kernel), driven like Jupyter by Debian's nbclient through <c>run_in_kernel.py</c>. <c>./test.sh</c> installs the tool
/// into <c>.tools/</c>, registers its kernelspec in <c>.tools/jupyter</c> and installs the Python packages; these tests
/// put both folders on the kernel's PATH and JUPYTER_PATH.
/// When something is missing the tests fail and say to run <c>./test.sh</c>: a kernel test that skipped itself quietly
/// would let CI go green without ever starting the kernel. Setting <c>COURSEKIT_SKIP_REAL_KERNEL=1</c> skips them
/// instead, for a machine that cannot run the kernel (no apt, no /usr/bin/python3), knowingly.
/// </summary>
static class RealKernel
{
    /// <summary>The opt-out: set to 1 to skip the real-kernel tests.</summary>
    public const string SkipVariable = "COURSEKIT_SKIP_REAL_KERNEL";

    const string Python = "/usr/bin/python3";
    const int MissingExitCode = 3;

    static string Driver => Path.Combine(LocalBuilds.Root, "tests", "CourseKit.Cli.Tests", "RealKernel", "run_in_kernel.py");

    public static bool OptedOut => Environment.GetEnvironmentVariable(SkipVariable) == "1";

    /// <summary>Skips the calling test when the real-kernel tests were turned off.</summary>
    public static void SkipIfOptedOut() =>
        Skip.If(OptedOut, $"{SkipVariable}=1: the notebooks were not run in the real .NET Interactive kernel");

    /// <summary>
    /// Runs <paramref name="notebooks"/> in the real kernel, each in a fresh one from its own folder, and returns the
    /// driver's summary (one object per notebook); the executed notebooks are written to <paramref name="outDir"/>.
    /// </summary>
    public static async Task<JsonArray> RunAsync(string outDir, params string[] notebooks)
    {
        AssertInstalled();
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = LocalBuilds.Root,
        };
        foreach (var a in new[] { Driver, "--out", outDir }.Concat(notebooks)) start.ArgumentList.Add(a);
        string tools = Path.Combine(LocalBuilds.Root, ".tools");
        start.Environment["PATH"] = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["JUPYTER_PATH"] = Path.Combine(tools, "jupyter");
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["COURSEKIT_DATA"] = Environment.GetEnvironmentVariable("COURSEKIT_DATA") is { Length: > 0 } data
            ? data : Path.GetFullPath(Path.Combine(LocalBuilds.Root, "..", "shared", "datasets"));
        foreach (var v in DotnetHost.OuterBuildVariables) start.Environment.Remove(v);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        string log = await output + await errors;
        Assert.False(process.ExitCode == MissingExitCode, log + "\nRun ./test.sh once: it installs what the real-kernel tests need.");
        Assert.True(process.ExitCode == 0, $"run_in_kernel.py exited with {process.ExitCode}:\n{log}");
        return JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!.AsArray();
    }

    /// <summary>Fails, saying to run ./test.sh, when the kernel tool, its kernelspec or /usr/bin/python3 is missing.</summary>
    public static void AssertInstalled()
    {
        string missing = MissingTools();
        Assert.True(missing.Length == 0, missing);
    }

    /// <summary>What ./test.sh would install and is not there, as one message; empty when everything is there.</summary>
    static string MissingTools()
    {
        var missing = new List<string>();
        if (!File.Exists(Python)) missing.Add($"{Python} (Debian's python3)");
        if (!File.Exists(Path.Combine(LocalBuilds.Root, ".tools", "dotnet-interactive")))
            missing.Add(".tools/dotnet-interactive (the .NET Interactive kernel 1.0.712001)");
        if (!File.Exists(Path.Combine(LocalBuilds.Root, ".tools", "jupyter", "kernels", ".net-csharp", "kernel.json")))
            missing.Add(".tools/jupyter/kernels/.net-csharp (its Jupyter kernelspec)");
        return missing.Count == 0 ? "" :
            $"The real-kernel tests need {string.Join(", ", missing)}. Run ./test.sh once: it installs them " +
            $"(or set {SkipVariable}=1 to skip these tests on a machine that cannot run the kernel).";
    }
}
