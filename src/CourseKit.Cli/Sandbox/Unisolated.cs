using System.Diagnostics;

namespace CourseKit.Cli.Sandbox;

/// <summary>
/// No sandbox: the worker runs as the grader's own process would, with only the heap limit and the spec's variables
/// added. Grading still works, but <see cref="Warning"/> says loudly (and why) that student code is not confined.
/// </summary>
/// <param name="reason">Why no sandbox is available, e.g. "bubblewrap (bwrap) is not installed".</param>
public sealed class Unisolated(string reason) : ISandbox
{
    public string Name => "none";

    /// <summary>Why there is no sandbox.</summary>
    public string Reason => reason;

    public string? Warning =>
        $"WARNING: student code is NOT ISOLATED: {reason}. Submissions run with the grader's own rights: they can read the " +
        "bundle with its hidden tests, other submissions and the grade output, reach the network, and use up the machine's " +
        "processes, memory and disk. Grade untrusted submissions only where bubblewrap works (Debian: apt-get install bubblewrap).";

    public ProcessStartInfo Wrap(ProcessStartInfo worker, SandboxSpec spec, IReadOnlyList<string> channelFolders)
    {
        worker.WorkingDirectory = spec.WorkingFolder;
        worker.Environment["DOTNET_GCHeapHardLimit"] = spec.Limits.HeapHardLimitVariable;
        if (spec.DataFolder is { } data) worker.Environment["COURSEKIT_DATA"] = data;
        foreach (var (name, value) in spec.Environment) worker.Environment[name] = value;
        return worker;
    }
}
