namespace CourseKit.Data;

/// <summary>
/// Finds a dataset's files — in a folder the student names, or else in the offline mirror, the cache, the system data
/// folders, and finally by downloading into the cache — and reads them. Every place searched is remembered, so that
/// when nothing works the error can list them all and say how to supply the files.
/// </summary>
/// <remarks>
/// Nothing is ever lost. A damaged file in a folder someone chose (the folder passed in, the mirror, a system folder,
/// or a file copied into the cache) is reported with its path and what to do, never changed or deleted. Only a file
/// CourseKit downloaded itself (<see cref="DownloadRecord"/>) is replaced, and only by a fresh download that has
/// passed its checksum, renamed over the old one. Partial files of downloads killed midway are removed on each load.
/// </remarks>
internal static class DatasetFinder
{
    /// <summary>The kinds of place a dataset's files are found in; each has its own advice for a damaged file.</summary>
    private enum Place { Folder, Mirror, Cache, System }

    /// <summary>Reads the dataset with <paramref name="read"/> (which parses the files in a folder and throws
    /// <see cref="DataFormatException"/> for a bad one) and says where it came from.</summary>
    public static (T Data, string Source) Load<T>(DatasetSpec spec, string? folder, DataLocations locations, Func<string, T> read)
    {
        if (folder is not null) return (ReadPlaced(spec, CheckedFolder(spec, folder), Place.Folder, read), Path.GetFullPath(folder));

        string cache = Path.Combine(locations.CacheFolder, spec.Name);
        PartialFiles.RemoveStale(cache);
        var searched = new List<string>();
        foreach (var (label, dir, place) in Candidates(spec, locations, searched))
        {
            if (!Directory.Exists(dir)) { searched.Add($"{label}: {dir} (no such folder)"); continue; }
            var missing = Missing(spec, dir);
            if (missing.Count > 0) { searched.Add($"{label}: {dir} (missing {string.Join(", ", missing.Select(f => f.FileName))})"); continue; }
            return (place == Place.Cache ? ReadCache(spec, locations, read, downloadedNow: []) : ReadPlaced(spec, dir, place, read), dir);
        }

        if (!locations.AllowDownload) searched.Add("download: turned off (COURSEKIT_OFFLINE is set)");
        else if (Missing(spec, cache) is var wanted && TryDownload(spec, locations, wanted, searched) is string url)
            return (ReadCache(spec, locations, read, downloadedNow: wanted), url);
        throw new DatasetNotFoundException(NotFoundMessage(spec, locations, searched));
    }

    private static IEnumerable<(string Label, string Dir, Place Place)> Candidates(DatasetSpec spec, DataLocations locations, List<string> searched)
    {
        if (locations.MirrorFolder is null) searched.Add("COURSEKIT_DATA (offline mirror): not set");
        else yield return ("COURSEKIT_DATA (offline mirror)", Path.Combine(locations.MirrorFolder, spec.Name), Place.Mirror);
        yield return ("cache", Path.Combine(locations.CacheFolder, spec.Name), Place.Cache);
        if (!locations.UseSystemFolders) yield break;
        foreach (var dir in spec.SystemFolders) yield return ("system data folder", dir, Place.System);
    }

    /// <summary>Reads files someone else put in place: a bad one is an error worth seeing, with advice that fits the place.</summary>
    private static T ReadPlaced<T>(DatasetSpec spec, string dir, Place place, Func<string, T> read)
    {
        try { return read(dir); }
        catch (DataFormatException e)
        {
            string original = Original(spec, e.File);
            throw WithAdvice(e, place switch
            {
                Place.Mirror => "The file is in the offline mirror (COURSEKIT_DATA), which CourseKit never changes: " +
                                $"replace it with the original file{original}, or unset COURSEKIT_DATA to use the cache or a download instead.",
                Place.System => $"The file was installed into {dir} by a system package, which CourseKit never changes: reinstall " +
                                "that package (for Fashion-MNIST: sudo apt-get install --reinstall dataset-fashion-mnist), or pass " +
                                $"Datasets.{spec.Loader}.Load(folder: …) a folder with a good copy of the original{original}.",
                _ => $"Replace it with the original file{original}.",
            });
        }
    }

    /// <summary>
    /// Reads the cached files. A damaged file CourseKit downloaded itself is downloaded again and, once the new copy has
    /// passed its checksum, renamed over the old one; any other damaged file is reported and left as it is.
    /// </summary>
    private static T ReadCache<T>(DatasetSpec spec, DataLocations locations, Func<string, T> read, IReadOnlyList<DataFile> downloadedNow)
    {
        string dir = Path.Combine(locations.CacheFolder, spec.Name);
        var replaced = downloadedNow.ToHashSet();
        while (true)
        {
            try { return read(dir); }
            catch (DataFormatException e)
            {
                var file = spec.Files.FirstOrDefault(f => Path.GetFullPath(Path.Combine(dir, f.FileName)) == Path.GetFullPath(e.File));
                if (file is null) throw;
                if (replaced.Contains(file))
                    throw WithAdvice(e, "CourseKit downloaded this file just now and it passed its checksum, yet it cannot be read: " +
                                        "this is a bug in CourseKit; please report it.");
                if (!DownloadRecord.Exists(e.File))
                    throw WithAdvice(e, $"CourseKit did not download this file (there is no {Path.GetFileName(DownloadRecord.PathFor(e.File))} " +
                                        "beside it: it was copied into the cache, or came from an older CourseKit), so it leaves it alone: " +
                                        $"replace it with a good copy of the original{Original(spec, e.File)}, or delete it ({e.File}) " +
                                        "and CourseKit will download a fresh one.");
                if (!locations.AllowDownload)
                    throw WithAdvice(e, "CourseKit downloaded this file and would replace it, but downloading is turned off " +
                                        "(COURSEKIT_OFFLINE): allow downloads to fetch a fresh copy, or replace it with a good copy.");
                var failures = new List<string>();
                if (TryDownload(spec, locations, [file], failures) is null)
                    throw WithAdvice(e, $"CourseKit downloaded this file and tried to replace it, but could not get a good copy " +
                                        $"({string.Join("; ", failures)}), so it is left as it is. Try again later, or replace it with a good copy.");
                replaced.Add(file);
                Console.Error.WriteLine($"{e.File} was damaged ({e.Problem}); it has been replaced by a fresh download that passed its checksum.");
            }
        }
    }

    /// <summary>Downloads <paramref name="files"/> into the cache, trying each location in turn until all have arrived
    /// and passed their checks; returns the location used, or null (with the reasons added to <paramref name="searched"/>).</summary>
    private static string? TryDownload(DatasetSpec spec, DataLocations locations, IReadOnlyList<DataFile> files, List<string> searched)
    {
        string dir = Path.Combine(locations.CacheFolder, spec.Name);
        var bases = locations.DownloadMirror is string mirror ? [$"{mirror.TrimEnd('/')}/{spec.Name}/"] : spec.DownloadUrls;
        var remaining = files.ToList();
        foreach (var baseUrl in bases)
        {
            try
            {
                while (remaining.Count > 0)
                {
                    var file = remaining[0];
                    Downloader.Fetch(baseUrl + file.FileName, Path.Combine(dir, file.FileName), file, $"{spec.Name}/{file.FileName}", locations);
                    remaining.RemoveAt(0);
                }
                return baseUrl;
            }
            catch (DownloadException e)
            {
                searched.Add($"download: {e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                searched.Add($"download into {dir}: " + (AtomicFile.FileInTheWay(dir) is string file
                    ? $"'{file}' is a file, not a folder: move it away, or set COURSEKIT_CACHE to another folder for the cache"
                    : e.Message));
                break;
            }
        }
        return null;
    }

    private static DataFormatException WithAdvice(DataFormatException e, string advice) => new(e.File, $"{e.Problem} {advice}", e);

    /// <summary>" (https://…/file)": where the original of a dataset file can be downloaded, for advice.</summary>
    private static string Original(DatasetSpec spec, string path) =>
        spec.DownloadUrls.Count == 0 ? "" : $" ({spec.DownloadUrls[0]}{Path.GetFileName(path)})";

    private static string CheckedFolder(DatasetSpec spec, string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{spec.Title}: the folder '{Path.GetFullPath(folder)}' does not exist.");
        var missing = Missing(spec, folder);
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"{spec.Title}: the folder '{Path.GetFullPath(folder)}' lacks {string.Join(", ", missing.Select(f => f.FileName))}. It needs {spec.FileList} (the original file names).");
        return folder;
    }

    private static List<DataFile> Missing(DatasetSpec spec, string dir) =>
        spec.Files.Where(f => !IsPresent(Path.Combine(dir, f.FileName))).ToList();

    /// <summary>Whether there is a file to read at <paramref name="path"/>: a symbolic link counts only when the file
    /// it points to exists (.NET's File.Exists is true for a link whose file is gone).</summary>
    private static bool IsPresent(string path)
    {
        if (!File.Exists(path)) return false;
        try { return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) is not { Exists: false }; }
        catch (IOException) { return false; } // a loop of links
    }

    private static string NotFoundMessage(DatasetSpec spec, DataLocations locations, List<string> searched)
    {
        string cache = Path.Combine(locations.CacheFolder, spec.Name);
        return $"Could not load {spec.Title}: its files ({spec.FileList}) were found nowhere and could not be downloaded.\n" +
               "Searched, in order:\n" + string.Concat(searched.Select((s, i) => $"  {i + 1}. {s}\n")) +
               "To supply the files, do one of these:\n" +
               $"  - set COURSEKIT_DATA to a folder that contains {spec.Name}/ with the files (an offline mirror);\n" +
               $"  - copy the files into {cache};\n" +
               $"  - pass the folder that holds them: Datasets.{spec.Loader}.Load(folder: \"…\").";
    }
}
