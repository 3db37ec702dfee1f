using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseKit;

/// <summary>
/// Writes a file so that a crash never leaves a half-written one: the bytes go to a temporary file in the same folder,
/// which then replaces the target in one rename (the old file stays intact until that moment). The temporary file is
/// named <c>.NAME.PID.GUID.tmp</c>; one left behind by a killed process is removed by the next write to that folder.
/// Errors name the file the caller asked for (never the temporary file) and the reason.
/// </summary>
internal static partial class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/> (given a readable, seekable stream); a symbolic link is written through (the
    /// file it points to is replaced). <paramref name="what"/> ("Model.Save") starts error messages. Without
    /// <paramref name="createFolder"/>, a missing folder is an error (as in Keras's <c>model.save</c>).</summary>
    /// <exception cref="IOException">The file cannot be written there; the message names it and says why.</exception>
    public static void Write(string path, Action<Stream> write, string what, bool overwrite = true, bool createFolder = false)
    {
        string target = Target(path, what, overwrite, createFolder);
        RemoveLeftovers(Path.GetDirectoryName(target)!);
        string temporary = TemporaryPath(target, Environment.ProcessId);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failure(e, what, target, temporary); }
        finally { Delete(temporary); }
    }

    /// <summary>Checks, before long work whose result goes to <paramref name="path"/>, that the file can be written
    /// there (by writing and deleting an empty temporary file beside it); fails as <see cref="Write"/> would.</summary>
    public static void CheckWritable(string path, string what, bool createFolder = false)
    {
        string target = Target(path, what, overwrite: true, createFolder);
        string temporary = TemporaryPath(target, Environment.ProcessId);
        try { new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failure(e, what, target, temporary); }
        finally { Delete(temporary); }
    }

    /// <summary>The error for a failed write, naming the target, never the temporary file.</summary>
    private static Exception Failure(Exception e, string what, string target, string temporary)
    {
        string reason = e is FileNotFoundException or DirectoryNotFoundException
            ? $"the folder '{Path.GetDirectoryName(target)}' does not accept new files (a system folder such as /proc?)."
            : e.Message.Replace(temporary, target);
        return e is UnauthorizedAccessException
            ? new UnauthorizedAccessException($"{what}: cannot write '{target}': {reason} Save to a folder you can write to, e.g. next to your notebook.", e)
            : new IOException($"{what}: cannot write '{target}': {reason}", e);
    }

    private static void Delete(string temporary)
    {
        try { File.Delete(temporary); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* nothing was created */ }
    }

    /// <summary>The temporary file that process <paramref name="pid"/> writes before it becomes <paramref name="path"/>.</summary>
    internal static string TemporaryPath(string path, int pid)
    {
        string full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{pid}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>The checked full path to write: not a folder, in a folder that exists, links followed.</summary>
    private static string Target(string path, string what, bool overwrite, bool createFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string target = Path.GetFullPath(path);
        if (new FileInfo(target).LinkTarget is not null)
            target = new FileInfo(target).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? target;
        if (Directory.Exists(target))
            throw new IOException($"{what}: '{target}' is a folder; give the path of a file inside it, e.g. '{Path.Combine(target, "model.keras")}'.");
        string folder = Path.GetDirectoryName(target)
            ?? throw new IOException($"{what}: '{target}' is not a file path; give the path of a file, e.g. 'model.keras'.");
        if (!Directory.Exists(folder))
        {
            if (FileInTheWay(folder) is string file)
                throw new IOException($"{what}: cannot write '{target}': '{file}' is a file, not a folder. Check the path.");
            if (!createFolder)
                throw new DirectoryNotFoundException($"{what}: cannot write '{target}': the folder '{folder}' does not exist. " +
                                                     $"Create it first (Directory.CreateDirectory(\"{folder}\")) or check the path for a typo.");
            Directory.CreateDirectory(folder);
        }
        if (File.Exists(target) && FileKind.IsRegularFile(target) == false)
            throw new IOException($"{what}: '{target}' is a device, pipe or socket, not a file; give the path of a file, e.g. 'model.keras'.");
        if (!overwrite && File.Exists(target))
            throw new IOException($"{what}: '{target}' already exists. Pass overwrite: true to replace it, or choose another name.");
        return target;
    }

    /// <summary>The nearest existing ancestor of <paramref name="folder"/> (or the folder itself) when it is a file, else null.</summary>
    internal static string? FileInTheWay(string folder)
    {
        for (string? f = folder; f is not null; f = Path.GetDirectoryName(f))
        {
            if (File.Exists(f)) return f;
            if (Directory.Exists(f)) return null;
        }
        return null;
    }

    /// <summary>Deletes the temporary files in <paramref name="folder"/> whose writer is gone (killed mid-write): those
    /// named by <see cref="TemporaryPath"/> whose process no longer runs, or whose process number now belongs to a
    /// process started after the file was last written; and those of earlier CourseKit versions
    /// (<c>.NAME.tmp-GUID</c>, without a process number) not written for an hour.</summary>
    private static void RemoveLeftovers(string folder)
    {
        IEnumerable<string> candidates;
        try { candidates = Directory.EnumerateFiles(folder, ".*").ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (string file in candidates)
        {
            try
            {
                string name = Path.GetFileName(file);
                DateTime lastWrite = File.GetLastWriteTimeUtc(file);
                bool stale = TemporaryName().Match(name) is { Success: true } match
                    ? int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !WriterProcess.MayBeRunning(pid, lastWrite)
                    : EarlierTemporaryName().IsMatch(name) && lastWrite < DateTime.UtcNow.AddHours(-1);
                if (stale) File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* tidying up is only a courtesy */ }
        }
    }

    [GeneratedRegex(@"^\..+\.(?<pid>[0-9]+)\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex TemporaryName();

    [GeneratedRegex(@"^\..+\.tmp-[0-9a-f]{32}$")]
    private static partial Regex EarlierTemporaryName();
}
