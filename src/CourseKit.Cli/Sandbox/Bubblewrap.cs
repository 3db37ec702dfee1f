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

        var args = new Mounts(sandbox.ArgumentList);
        // As root, bwrap makes the namespaces itself and the worker changes user inside; otherwise a user namespace
        // gives bwrap the right to make them.
        args.Add(user is null ? ["--unshare-all"] : ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]);
        args.Add(["--die-with-parent", "--new-session"]);
        foreach (var folder in SystemFolders) MountSystem(args, folder);
        foreach (var file in SystemFiles) args.Mount("--ro-bind-try", file);
        args.Mount("--proc", "/proc");
        args.Mount("--dev", "/dev");
        args.Add(["--perms", "1777", "--size", ((long)spec.Limits.TempMegabytes << 20).ToString()]);
        args.Mount("--tmpfs", "/tmp");
        foreach (var folder in HiddenFolders.Where(Directory.Exists)) args.Mount("--tmpfs", folder);
        foreach (var path in spec.ReadOnlyPaths) args.Mount("--ro-bind", path);
        MountData(args, spec);
        foreach (var folder in channelFolders) args.Mount("--ro-bind", folder);
        args.Mount("--bind", spec.WorkingFolder);
        args.Add(["--chdir", spec.WorkingFolder]);
        if (user is { } uid)
        {
            args.Add(["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--", setpriv!,
                $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--inh-caps=-all", "--no-new-privs"]);
        }
        var limits = spec.Limits;
        args.Add(["--", prlimit, $"--nproc={limits.Processes}", $"--fsize={(long)limits.FileMegabytes << 20}",
            $"--cpu={limits.CpuSeconds}", $"--as={(long)(limits.HeapMegabytes + limits.AddressSpaceReserveMegabytes) << 20}", "--core=0",
            "--", worker.FileName, .. worker.ArgumentList]);
        return sandbox;
    }

    /// <summary>A system folder as it is here: a link is recreated as the same link, a folder is mounted read-only.</summary>
    static void MountSystem(Mounts args, string folder)
    {
        if (new DirectoryInfo(folder) is { Exists: true, LinkTarget: { } target }) args.Add(["--symlink", target, folder]);
        else if (Directory.Exists(folder)) args.Mount("--ro-bind", folder);
    }

    /// <summary>The course data: the whole folder, or only the files the spec allows (each at its own path inside it).</summary>
    static void MountData(Mounts args, SandboxSpec spec)
    {
        if (spec.DataFolder is not { } data) return;
        if (spec.DataFiles is null)
        {
            args.Mount("--ro-bind", data);
            return;
        }
        args.Mount("--dir", data);
        foreach (var file in DataFiles.Matching(data, spec.DataFiles)) args.Mount("--ro-bind", file);
    }

    /// <summary>
    /// bwrap's arguments, and the places its mounts made. bwrap makes the folders above a mount that do not exist yet
    /// readable by root only; each is made first here, readable by everyone (the worker may run as another user), unless
    /// it lies in a folder bound before (which brings its contents; a new tmpfs or folder is empty).
    /// </summary>
    sealed class Mounts(IList<string> args)
    {
        readonly List<string> bound = [];
        readonly HashSet<string> made = ["/"];

        public void Add(IEnumerable<string> more)
        {
            foreach (var arg in more) args.Add(arg);
        }

        /// <summary>Mounts <paramref name="path"/> at the same path: <c>--ro-bind</c>, <c>--bind</c>, <c>--ro-bind-try</c>, or a new <c>--tmpfs</c>, <c>--dir</c>, <c>--proc</c>, <c>--dev</c>.</summary>
        public void Mount(string how, string path)
        {
            foreach (var folder in Above(path).Where(f => !bound.Any(b => f == b || f.StartsWith(b + "/", StringComparison.Ordinal)) && made.Add(f)))
                Add(["--perms", "0755", "--dir", folder]);
            if (how == "--dir") Add(["--perms", "0755"]);
            bool binds = how.Contains("bind");
            Add(binds ? [how, path, path] : [how, path]);
            if (binds) bound.Add(path);
            else made.Add(path);
        }

        /// <summary>The folders above <paramref name="path"/>, from the root down.</summary>
        static IEnumerable<string> Above(string path)
        {
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (int i = 1; i < parts.Length; i++) yield return "/" + string.Join('/', parts[..i]);
        }
    }
}
