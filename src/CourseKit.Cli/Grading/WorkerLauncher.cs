using CourseKit.Cli.Assignments;
using CourseKit.Cli.Running;
using CourseKit.Cli.Sandbox;

namespace CourseKit.Cli.Grading;

/// <summary>
/// Everything a worker for one submission is started with: its private working folder (a copy of the submission
/// only), the course data folder and the files of it the assignment may read (the bundle's DataFiles; null: all), the
/// variables its cells see (COURSEKIT_GRADING=1), the assignment's limits, and the folders it must be able to read
/// besides the system (restored packages).
/// </summary>
public sealed record WorkerLaunch(
    string WorkingDirectory,
    string? DataDirectory,
    IReadOnlyList<string>? DataFiles,
    IReadOnlyDictionary<string, string> Environment,
    AssignmentLimits Limits,
    IReadOnlyList<string> ReadableFolders,
    TimeSpan StartTimeout);

/// <summary>
/// How the grader starts the worker that runs a submission's cells: the seam an isolation (bubblewrap, a container)
/// plugs into. <see cref="Isolated"/> says whether the student's code is kept away from everything else on the machine.
/// </summary>
public interface IWorkerLauncher
{
    /// <summary>True when the worker runs in a sandbox; false makes results and feedback say it ran unisolated.</summary>
    bool Isolated { get; }

    /// <summary>Starts a worker and waits until it is ready; throws <see cref="InvalidOperationException"/> when it cannot.</summary>
    Task<WorkerClient> StartAsync(WorkerLaunch launch, CancellationToken cancel);
}

/// <summary>Starts the worker as an ordinary child process: no isolation beyond its own working folder.</summary>
public sealed class UnisolatedWorkerLauncher : IWorkerLauncher
{
    public static readonly UnisolatedWorkerLauncher Instance = new();

    public bool Isolated => false;

    public Task<WorkerClient> StartAsync(WorkerLaunch launch, CancellationToken cancel) =>
        WorkerClient.StartAsync(launch.WorkingDirectory, launch.DataDirectory, launch.StartTimeout, cancel, environment: launch.Environment);
}

/// <summary>
/// Starts the worker inside a sandbox (<see cref="Sandboxes.Detect"/>: bubblewrap where it works): it sees its private
/// working folder, the runtime, coursekit, the restored packages and the assignment's data files, nothing else, with the
/// assignment's limits on processes, file size, CPU time and heap.
/// </summary>
public sealed class SandboxedWorkerLauncher(ISandbox sandbox) : IWorkerLauncher
{
    public bool Isolated => sandbox.Warning is null;

    /// <summary>The sandbox's name ("bubblewrap") for the grader's log.</summary>
    public string Name => sandbox.Name;

    public Task<WorkerClient> StartAsync(WorkerLaunch launch, CancellationToken cancel)
    {
        var worker = SandboxSpec.ForWorker(launch.WorkingDirectory);
        var spec = worker with
        {
            ReadOnlyPaths = [.. worker.ReadOnlyPaths, .. launch.ReadableFolders.Select(Path.GetFullPath)],
            DataFolder = launch.DataDirectory is null ? null : Path.GetFullPath(launch.DataDirectory),
            DataFiles = launch.DataFiles,
            Environment = launch.Environment,
            Limits = LimitsOf(launch.Limits),
        };
        return WorkerClient.StartAsync(launch.WorkingDirectory, launch.DataDirectory, launch.StartTimeout, cancel, sandbox, spec);
    }

    /// <summary>The assignment's limits as the sandbox applies them. CPU time: the submission's wall-clock limit on
    /// every core of the machine, so that only a runaway exhausts it.</summary>
    public static SandboxLimits LimitsOf(AssignmentLimits limits) => new()
    {
        Processes = limits.MaxProcesses,
        FileMegabytes = limits.MaxFileMegabytes,
        HeapMegabytes = limits.MemoryMegabytes,
        CpuSeconds = (int)Math.Ceiling(limits.SubmissionTimeoutSeconds * Environment.ProcessorCount),
    };
}
