using CourseKit.Cli.Running;

namespace CourseKit.Cli.Worker;

/// <summary>
/// The worker's process group: the worker leads a session of its own, so every process its cells start belongs to it
/// unless it detaches itself; when the runner goes away, the worker takes the whole group down with it.
/// </summary>
static class WorkerSession
{
    /// <summary>
    /// Called first thing in the worker: a new session and process group led by the worker, which also adopts the
    /// orphans of the processes its cells start, and lets a write past the file size limit (a sandbox's) fail with an
    /// exception rather than kill it. A daemon that double-forks, calls setsid and clears its environment
    /// (so it carries no tree mark) then stays below the worker, where <see cref="EndAll"/> and the runner find it,
    /// rather than below the runner, where nobody finds it once the runner is killed outright.
    /// </summary>
    public static void Begin()
    {
        Posix.NewSession();
        Posix.AdoptOrphans();
        Posix.IgnoreFileSizeSignal();
    }

    /// <summary>
    /// The runner is gone (even killed outright, which no signal handler sees): stops every process the cells started,
    /// also detached ones carrying the worker's tree mark, then the worker's group, the worker included.
    /// </summary>
    public static void EndAll()
    {
        if (Environment.GetEnvironmentVariable(ProcessTree.MarkVariable) is { Length: > 0 } mark)
            ProcessTree.KillAll(Environment.ProcessId, mark);
        Posix.Kill(0, Posix.SIGKILL);
        Environment.Exit(137);
    }
}
