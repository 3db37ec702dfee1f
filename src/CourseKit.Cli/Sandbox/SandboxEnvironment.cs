using System.Diagnostics;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Sandbox;

/// <summary>
/// The environment a sandboxed worker gets: never the grader's own (which may hold tokens, home and repository paths),
/// only what a worker needs, its tree mark, the course data folder, the heap limit and the spec's own variables.
/// </summary>
static class SandboxEnvironment
{
    /// <summary>Variables taken over from the worker's start as they are: its tree mark and the language settings.</summary>
    static readonly string[] Kept = [ProcessTree.MarkVariable, "LANG", "LC_ALL", "TZ"];

    public static Dictionary<string, string> For(ProcessStartInfo worker, SandboxSpec spec)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = "/tmp",
            ["TMPDIR"] = "/tmp",
            ["DOTNET_ROOT"] = SandboxSpec.DotnetRoot,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            // No debugger, profiler or diagnostics socket: nothing in the sandbox listens or attaches.
            ["DOTNET_EnableDiagnostics"] = "0",
            ["DOTNET_GCHeapHardLimit"] = spec.Limits.HeapHardLimitVariable,
        };
        foreach (var name in Kept)
            if (worker.Environment.TryGetValue(name, out var value) && value is not null) environment[name] = value;
        if (spec.DataFolder is { } data) environment["COURSEKIT_DATA"] = data;
        foreach (var (name, value) in spec.Environment) environment[name] = value;
        return environment;
    }
}
