using System.Diagnostics;

namespace CourseKit.Cli.Sandbox;

/// <summary>
/// Where a student's code runs when it is graded: a sandbox turns the command that starts a worker into one that starts
/// it confined (<see cref="Bubblewrap"/>), or, where no confinement is available, unchanged with a loud warning
/// (<see cref="Unisolated"/>). <see cref="Sandboxes.Detect"/> picks the best one this machine offers. Another isolation
/// (a container per worker) only has to implement this interface.
/// </summary>
public interface ISandbox
{
    /// <summary>A short name for reports, e.g. "bubblewrap".</summary>
    string Name { get; }

    /// <summary>
    /// Null when student code is confined; otherwise the warning the grader prints before grading and puts into every
    /// result, naming why there is no sandbox and what student code can therefore reach.
    /// </summary>
    string? Warning { get; }

    /// <summary>
    /// The command that starts <paramref name="worker"/> inside the sandbox <paramref name="spec"/> describes. Its output
    /// redirections are kept; its environment is replaced by the sandbox's own (see <see cref="SandboxSpec.Environment"/>).
    /// <paramref name="channelFolders"/> are the folders the runner talks to the worker through (its socket and the
    /// cells' pipes): the worker can reach them, read-only, at the same paths.
    /// </summary>
    ProcessStartInfo Wrap(ProcessStartInfo worker, SandboxSpec spec, IReadOnlyList<string> channelFolders);
}
