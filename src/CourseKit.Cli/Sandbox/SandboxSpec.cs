using System.Runtime.InteropServices;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Sandbox;

/// <summary>
/// What one sandboxed worker may see and use: its private working folder (read-write, holding a copy of one submission
/// and nothing else), the folders it needs read-only (the .NET runtime, coursekit itself, the restored NuGet packages),
/// the course data files it may read, its limits and its environment. Everything else of the machine — home folders,
/// the repository, the bundle, other submissions, the grade output — is not there at all.
/// </summary>
/// <param name="WorkingFolder">The worker's current folder, the only place it can write to besides its private /tmp.</param>
public sealed record SandboxSpec(string WorkingFolder)
{
    /// <summary>Folders and files the worker reads, mounted read-only at the same paths.</summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>The course data folder (null: none); cells find it as COURSEKIT_DATA, read-only, at the same path.</summary>
    public string? DataFolder { get; init; }

    /// <summary>
    /// The files of <see cref="DataFolder"/> the worker may read, as paths relative to it, each possibly with wildcards
    /// (<c>*</c> and <c>?</c> within one folder name, <c>**</c> for any folders); null: the whole folder.
    /// </summary>
    public IReadOnlyList<string>? DataFiles { get; init; }

    public SandboxLimits Limits { get; init; } = new();

    /// <summary>Variables the worker gets besides the sandbox's own (e.g. COURSEKIT_GRADING=1).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A spec for a coursekit worker in <paramref name="workingFolder"/>: the .NET installation and coursekit's own folder
    /// are readable, and so is <paramref name="packagesFolder"/>, where the runner restores <c>#r "nuget: …"</c> packages
    /// (outside the sandbox, see <see cref="PackageRestorer.PackagesFolder"/>).
    /// </summary>
    public static SandboxSpec ForWorker(string workingFolder, string? packagesFolder = null) => new(Path.GetFullPath(workingFolder))
    {
        ReadOnlyPaths = [DotnetRoot, CoursekitFolder, .. packagesFolder is null ? Array.Empty<string>() : [Path.GetFullPath(packagesFolder)]],
    };

    /// <summary>The .NET installation the worker runs on (the folder of the real <c>dotnet</c>, with shared/ beside it).</summary>
    public static string DotnetRoot => Path.GetDirectoryName(RealPath.Of(DotnetHost.Path)) ?? RuntimeEnvironment.GetRuntimeDirectory();

    /// <summary>The folder of CourseKit.Cli.dll, which the worker runs.</summary>
    public static string CoursekitFolder => Path.GetDirectoryName(typeof(SandboxSpec).Assembly.Location)!;
}
