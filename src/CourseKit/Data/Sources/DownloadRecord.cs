namespace CourseKit.Data;

/// <summary>
/// The note CourseKit leaves beside each file it has downloaded into the cache and verified
/// (<c>.&lt;file&gt;.downloaded</c>, holding the address, size, SHA-256 and time). It is how CourseKit tells its own
/// downloads from files someone copied into the cache: only a file with a note may be replaced (by a fresh, verified
/// download), and a file without one is never changed or deleted.
/// </summary>
internal static class DownloadRecord
{
    /// <summary>Where the note for <paramref name="file"/> is kept.</summary>
    public static string PathFor(string file) =>
        Path.Combine(Path.GetDirectoryName(file)!, $".{Path.GetFileName(file)}.downloaded");

    /// <summary>Whether CourseKit downloaded <paramref name="file"/> itself.</summary>
    public static bool Exists(string file) => File.Exists(PathFor(file));

    /// <summary>Notes that <paramref name="file"/>, now in place, was downloaded from <paramref name="url"/> and verified.
    /// Written to a partial file and renamed, so a note is whole or absent; written after the file is in place, so an
    /// interruption leaves a file without a note (treated as someone else's, kept) rather than a note without its file.</summary>
    public static void Write(string file, string url, long size, string sha256)
    {
        string record = PathFor(file), part = PartialFiles.For(record);
        try
        {
            File.WriteAllText(part, $"url: {url}\nsize: {size}\nsha256: {sha256}\ndownloaded: {DateTime.UtcNow:O}\n");
            File.Move(part, record, overwrite: true);
        }
        finally
        {
            File.Delete(part);
        }
    }
}
