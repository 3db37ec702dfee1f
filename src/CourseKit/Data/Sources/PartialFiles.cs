using System.Text.RegularExpressions;

namespace CourseKit.Data;

/// <summary>
/// The temporary files a download (or a record of one) is written to before it is renamed into place:
/// <c>&lt;file&gt;.part-&lt;process id&gt;-&lt;random&gt;</c>. The process id keeps two processes from ever sharing one,
/// and tells a later run whether the writer is still alive: a partial file whose writer has gone (a download killed with
/// <c>kill -9</c>, a machine that lost power) is removed the next time the dataset is loaded.
/// </summary>
internal static partial class PartialFiles
{
    private const string Marker = ".part-";

    /// <summary>The end of a partial file's name: the writer's process id (absent in older CourseKits) and 32 hex digits.</summary>
    [GeneratedRegex(@"\.part-(?:(?<writer>[0-9]+)-)?[0-9a-f]{32}$")]
    private static partial Regex PartialName();

    /// <summary>A partial file nobody has written for this long is stale whatever its name says (the process id may
    /// have been reused, or the file may come from another machine sharing the cache).</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromDays(1);

    /// <summary>A partial file without a process id (written by an older CourseKit) is stale after this long.</summary>
    private static readonly TimeSpan AbandonedWithoutWriter = TimeSpan.FromHours(1);

    /// <summary>A new, unique name for a partial file of <paramref name="destination"/>, in the same folder.</summary>
    public static string For(string destination) => $"{destination}{Marker}{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Removes the stale partial files in <paramref name="folder"/> (none if it does not exist); files that may
    /// still be written are left alone, and a file that cannot be removed is skipped.</summary>
    public static void RemoveStale(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder, "*" + Marker + "*"))
        {
            try
            {
                if (IsStale(file)) File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>Whether <paramref name="file"/> is a partial file nobody will finish (a file with another name never is).</summary>
    private static bool IsStale(string file)
    {
        var name = PartialName().Match(Path.GetFileName(file));
        if (!name.Success) return false;
        var lastWrite = File.GetLastWriteTimeUtc(file);
        var idle = DateTime.UtcNow - lastWrite;
        if (idle > Abandoned) return true;
        if (!int.TryParse(name.Groups["writer"].ValueSpan, out int writer)) return idle > AbandonedWithoutWriter;
        return !WriterProcess.MayBeRunning(writer, lastWrite);
    }
}
