using CourseKit.Cli.Running;

namespace CourseKit.Cli.Grading;

/// <summary>How submissions are graded, the same for every submission of a run.</summary>
public sealed record GradeOptions
{
    /// <summary>The course data folder, given to the student's cells as COURSEKIT_DATA.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// The folder whose nuget.config (there or above) names the package sources cells restore from: the bundle's
    /// folder, so that the course decides where packages come from, never a submission. Null: the current folder.
    /// </summary>
    public string? PackageSourcesFolder { get; init; }

    /// <summary>Overrides the bundle's per-cell time limit (<c>--timeout-per-cell</c>).</summary>
    public TimeSpan? TimeoutPerCell { get; init; }

    /// <summary>Starts the worker; the coordinator plugs a sandbox in here. Default: an unisolated child process.</summary>
    public IWorkerLauncher Launcher { get; init; } = UnisolatedWorkerLauncher.Instance;

    /// <summary>How many times a submission's worker is restarted after a cell timed out or crashed it (then the
    /// remaining cells are not run).</summary>
    public int MaxRestarts { get; init; } = 5;

    /// <summary>How long a worker may take to start.</summary>
    public TimeSpan WorkerStartTimeout { get; init; } = NotebookRunner.WorkerStartTimeout;

    /// <summary>Restores packages; share one between the submissions of a run, so each package set is restored once.</summary>
    public PackageRestorer Restorer { get; init; } = new();

    /// <summary>Progress lines (one per cell run).</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;
}
