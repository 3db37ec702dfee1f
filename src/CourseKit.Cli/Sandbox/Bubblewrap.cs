using System.Diagnostics;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Sandbox;

/// <summary>
/// Confines a worker with bubblewrap (<c>bwrap</c>, Debian package <c>bubblewrap</c>): new network, process, IPC and host
/// name namespaces (no network at all; a fresh /proc that shows only the sandbox's processes), a root made of the
/// system's /usr read-only and a few files of /etc, a private /tmp in memory, and nothing else but what the
/// <see cref="SandboxSpec"/> names. The worker runs in a session of its own and dies with the grader. Its limits are
/// set with <c>prlimit</c>; when the grader runs as root the worker is first moved to an unprivileged user of its own
/// with <c>setpriv</c> (without any capability or the right to gain one), since the process limit does not bind root.
/// </summary>
public sealed class Bubblewrap : ISandbox
{
    /// <summary>System folders every program needs, mounted read-only (or recreated as the links they are).</summary>
    static readonly string[] SystemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    /// <summary>The few files of /etc that programs a cell starts (and the runtime) read; the rest of /etc stays out.</summary>
    static readonly string[] SystemFiles =
    [
        "/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/timezone",
        "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/ssl", "/etc/ca-certificates",
    ];

    /// <summary>System data folders (Debian's datasets): course data reaches a cell only as the files its spec allows.</summary>
    static readonly string[] HiddenFolders = ["/usr/share/datasets"];

    readonly string bwrap, prlimit;
    readonly string? setpriv;

    /// <param name="bwrap">The bwrap program.</param>
    /// <param name="prlimit">util-linux's prlimit, which sets the limits.</param>
    /// <param name="setpriv">util-linux's setpriv, which moves the worker to its own user; null when the grader is not root.</param>
    public Bubblewrap(string bwrap, string prlimit, string? setpriv)
    {
        this.bwrap = bwrap;
        this.prlimit = prlimit;
        this.setpriv = setpriv;
    }

    public string Name => "bubblewrap";

    public string? Warning => null;

    public ProcessStartInfo Wrap(ProcessStartInfo worker, SandboxSpec spec, IReadOnlyList<string> channelFolders)
    {
        int? user = setpriv is null ? null : SandboxAccount.Next();
        if (user is { } id) SandboxAccount.GiveFolder(spec.WorkingFolder, id);

        var sandbox = new ProcessStartInfo(bwrap)
        {
            WorkingDirectory = spec.WorkingFolder,
            RedirectStandardInput = worker.RedirectStandardInput,
            RedirectStandardOutput = worker.RedirectStandardOutput,
            RedirectStandardError = worker.RedirectStandardError,
            UseShellExecute = false,
        };
        sandbox.Environment.Clear();
        foreach (var (name, value) in SandboxEnvironment.For(worker, spec)) sandbox.Environment[name] = value;

        var args = sandbox.ArgumentList;
        // As root, bwrap makes the namespaces itself and the worker changes user inside; otherwise a user namespace
        // gives bwrap the right to make them.
        Add(args, user is null ? ["--unshare-all"] : ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]);
        Add(args, "--die-with-parent", "--new-session");
        foreach (var folder in SystemFolders) MountSystem(args, folder);
        foreach (var file in SystemFiles) Add(args, "--ro-bind-try", file, file);
        Add(args, "--proc", "/proc", "--dev", "/dev", "--size", ((long)spec.Limits.TempMegabytes << 20).ToString(), "--tmpfs", "/tmp");
        foreach (var folder in HiddenFolders.Where(Directory.Exists)) Add(args, "--tmpfs", folder);
        foreach (var path in spec.ReadOnlyPaths) Add(args, "--ro-bind", path, path);
        MountData(args, spec);
        foreach (var folder in channelFolders) Add(args, "--ro-bind", folder, folder);
        Add(args, "--bind", spec.WorkingFolder, spec.WorkingFolder, "--chdir", spec.WorkingFolder);
        if (user is { } uid)
        {
            Add(args, "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--", setpriv!,
                $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--inh-caps=-all", "--no-new-privs");
        }
        var limits = spec.Limits;
        Add(args, "--", prlimit, $"--nproc={limits.Processes}", $"--fsize={(long)limits.FileMegabytes << 20}",
            $"--cpu={limits.CpuSeconds}", $"--as={(long)(limits.HeapMegabytes + limits.AddressSpaceReserveMegabytes) << 20}", "--core=0",
            "--", worker.FileName);
        foreach (var arg in worker.ArgumentList) args.Add(arg);
        return sandbox;
    }

    /// <summary>A system folder as it is here: a link is recreated as the same link, a folder is mounted read-only.</summary>
    static void MountSystem(IList<string> args, string folder)
    {
        if (new DirectoryInfo(folder) is { Exists: true, LinkTarget: { } target }) Add(args, "--symlink", target, folder);
        else if (Directory.Exists(folder)) Add(args, "--ro-bind", folder, folder);
    }

    /// <summary>The course data: the whole folder, or only the files the spec allows (each at its own path inside it).</summary>
    static void MountData(IList<string> args, SandboxSpec spec)
    {
        if (spec.DataFolder is not { } data) return;
        if (spec.DataFiles is null)
        {
            Add(args, "--ro-bind", data, data);
            return;
        }
        Add(args, "--dir", data);
        foreach (var file in DataFiles.Matching(data, spec.DataFiles)) Add(args, "--ro-bind", file, file);
    }

    static void Add(IList<string> args, params string[] more)
    {
        foreach (var arg in more) args.Add(arg);
    }
}
