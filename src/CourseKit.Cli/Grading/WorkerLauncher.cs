using CourseKit.Cli.Assignments;
using CourseKit.Cli.Running;

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
        WorkerClient.StartAsync(launch.WorkingDirectory, launch.DataDirectory, launch.StartTimeout, cancel, launch.Environment);
}
