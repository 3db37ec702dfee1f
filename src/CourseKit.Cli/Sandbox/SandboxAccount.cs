using System.Runtime.InteropServices;

namespace CourseKit.Cli.Sandbox;

/// <summary>
/// The unprivileged user a sandboxed worker runs as when the grader runs as root. Linux does not apply the process limit
/// (RLIMIT_NPROC) to root, and counts it per user: so each worker gets a user id of its own, unused by any account
/// (2,000,000,000 and up, picked from this process's id and a counter, so that parallel workers and parallel graders do not
/// share one), and its working folder is handed to that user.
/// </summary>
static class SandboxAccount
{
    const int FirstId = 2_000_000_000;
    const int PerProcess = 100;
    static int issued;

    [DllImport("libc", SetLastError = true)]
    static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    static extern int lchown(string path, uint owner, uint group);

    /// <summary>True when this process runs as root, so that a worker must be moved to a user of its own.</summary>
    public static bool IsRoot => OperatingSystem.IsLinux() && geteuid() == 0;

    /// <summary>A user id (also used as the group id) for one more worker.</summary>
    public static int Next() => FirstId + Environment.ProcessId % 1_000_000 * PerProcess + Interlocked.Increment(ref issued) % PerProcess;

    /// <summary>Makes <paramref name="user"/> the owner of <paramref name="folder"/> and everything in it (links themselves, never their targets).</summary>
    public static void GiveFolder(string folder, int user)
    {
        Own(folder, user);
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            Own(entry, user);
    }

    static void Own(string path, int user)
    {
        if (lchown(path, (uint)user, (uint)user) != 0)
            throw new IOException($"The sandbox could not hand {path} to its user {user}: {Marshal.GetLastPInvokeErrorMessage()}.");
    }
}
