using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace CourseKit.Cli.Notebooks;

/// <summary>
/// The temporary files an atomic write makes beside its target (<c>.NAME.PID.GUID.tmp</c>), and their cleanup, so that
/// none is left behind: a file is removed when its write ends, however it ends; the files being written are removed
/// when this process is stopped (Ctrl-C, SIGTERM, SIGHUP, SIGQUIT, <c>Environment.Exit</c>); and those a killed
/// process left behind (its id no longer runs) are removed the next time a file is written into their folder.
/// </summary>
public static partial class TemporaryFiles
{
    static readonly ConcurrentDictionary<string, byte> Pending = new(StringComparer.Ordinal);
    static readonly List<PosixSignalRegistration> Signals = new();

    static TemporaryFiles()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RemovePending();
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
        {
            // A handler that cancels the signal lets the process finish its writes; otherwise it ends right after this.
            try { Signals.Add(PosixSignalRegistration.Create(signal, context => { if (!context.Cancel) RemovePending(); })); }
            catch (PlatformNotSupportedException) { }
        }
    }

    [GeneratedRegex(@"^\..+\.(?<pid>\d{1,10})\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex TempName();

    /// <summary>A new temporary file name beside <paramref name="target"/>, removed if the process is stopped before <see cref="Release"/>.</summary>
    public static string Beside(string target)
    {
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Pending[temp] = 0;
        return temp;
    }

    /// <summary>Removes <paramref name="temp"/> if it is still there (its write failed or was stopped) and forgets it.</summary>
    public static void Release(string temp)
    {
        TryDelete(temp);
        Pending.TryRemove(temp, out _);
    }

    /// <summary>Removes the temporary files in <paramref name="folder"/> whose process no longer runs.</summary>
    public static void RemoveStale(string folder)
    {
        string[] files;
        try { files = Directory.GetFiles(folder, ".*.tmp"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (var file in files)
            if (TempName().Match(Path.GetFileName(file)) is { Success: true } m
                && int.TryParse(m.Groups["pid"].Value, out var pid) && !Writing(pid, file))
                TryDelete(file);
    }

    /// <summary>True when process <paramref name="pid"/> may still be writing <paramref name="file"/>: this process
    /// only while the write is pending; another while it runs and started before the file was last written
    /// (<see cref="WriterProcess"/>, shared with the library's model saves and downloads).</summary>
    static bool Writing(int pid, string file) =>
        pid == Environment.ProcessId ? Pending.ContainsKey(file) : WriterProcess.MayBeRunning(pid, File.GetLastWriteTimeUtc(file));

    static void RemovePending()
    {
        foreach (var temp in Pending.Keys) TryDelete(temp);
    }

    static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
