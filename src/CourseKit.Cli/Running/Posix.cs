using System.Runtime.InteropServices;

namespace CourseKit.Cli.Running;

/// <summary>The few Linux system calls the runner and its worker need to own their processes.</summary>
static class Posix
{
    public const int SIGKILL = 9;
    const int PR_SET_CHILD_SUBREAPER = 36;
    const int F_DUPFD_CLOEXEC = 1030;
    const int SIGXFSZ = 25;
    const nint SIG_IGN = 1;

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    [DllImport("libc", SetLastError = true)]
    static extern int setsid();

    [DllImport("libc", SetLastError = true)]
    static extern int dup2(int oldFd, int newFd);

    [DllImport("libc", SetLastError = true)]
    static extern int fcntl(int fd, int command, int argument);

    [DllImport("libc", SetLastError = true)]
    static extern int mkfifo(string path, uint mode);

    [DllImport("libc", SetLastError = true)]
    static extern nint signal(int signal, nint handler);

    [DllImport("libc", SetLastError = true)]
    static extern int prctl(int option, nint arg2, nint arg3, nint arg4, nint arg5);

    /// <summary>Sends <paramref name="signal"/> to a process (or, with a negative id, to a process group); false when it failed.</summary>
    public static bool Kill(int pid, int signal = SIGKILL) => OperatingSystem.IsLinux() && kill(pid, signal) == 0;

    /// <summary>Makes this process the leader of a new session and process group, so that the group can be killed at once.</summary>
    public static void NewSession()
    {
        if (OperatingSystem.IsLinux()) setsid();
    }

    /// <summary>
    /// Makes this process the one that inherits its descendants' orphans (instead of init), so that a process a cell
    /// started and detached (setsid, double fork) is still below us and can be found and stopped.
    /// </summary>
    public static void AdoptOrphans()
    {
        if (OperatingSystem.IsLinux()) prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    }

    /// <summary>A copy of file descriptor <paramref name="fd"/> that processes started later do not inherit; -1 when it failed.</summary>
    public static int HiddenCopy(int fd) => OperatingSystem.IsLinux() ? fcntl(fd, F_DUPFD_CLOEXEC, 3) : -1;

    /// <summary>Makes file descriptor <paramref name="fd"/> refer to what <paramref name="with"/> refers to (dup2); false when it failed.</summary>
    public static bool Replace(int fd, int with) => OperatingSystem.IsLinux() && with >= 0 && dup2(with, fd) >= 0;

    /// <summary>Makes a named pipe (FIFO) at <paramref name="path"/>, readable and writable by its owner only.</summary>
    public static void MakeFifo(string path)
    {
        if (mkfifo(path, 0b110_000_000) != 0)
            throw new IOException($"Could not make the pipe {path}: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    /// <summary>
    /// Writing past the file size limit then fails with an exception in the cell (the kernel's "File too large") instead of
    /// killing the process with SIGXFSZ; processes started later inherit this.
    /// </summary>
    public static void IgnoreFileSizeSignal()
    {
        if (OperatingSystem.IsLinux()) signal(SIGXFSZ, SIG_IGN);
    }
}
