namespace CourseKit.Data;

/// <summary>
/// Finds a dataset's files — in a folder the student names, or else in the offline mirror, the cache, the system data
/// folders, and finally by downloading into the cache — and reads them. Every place searched is remembered, so that
/// when nothing works the error can list them all and say how to supply the files.
/// </summary>
internal static class DatasetFinder
{
    /// <summary>Reads the dataset with <paramref name="read"/> (which parses the files in a folder and throws
    /// <see cref="DataFormatException"/> for a bad one) and says where it came from.</summary>
    public static (T Data, string Source) Load<T>(DatasetSpec spec, string? folder, DataLocations locations, Func<string, T> read)
    {
        if (folder is not null) return (read(CheckedFolder(spec, folder)), Path.GetFullPath(folder));

        var searched = new List<string>();
        foreach (var (label, dir, isCache) in Candidates(spec, locations, searched))
        {
            if (!Directory.Exists(dir)) { searched.Add($"{label}: {dir} (no such folder)"); continue; }
            var missing = Missing(spec, dir);
            if (missing.Count > 0) { searched.Add($"{label}: {dir} (missing {string.Join(", ", missing)})"); continue; }
            if (!isCache) return (read(dir), dir); // a bad file in a folder the user chose is an error worth seeing
            try { return (read(dir), dir); }
            catch (DataFormatException e)
            {
                DeleteFiles(spec, dir); // a damaged cached file is replaced by a fresh download
                searched.Add($"{label}: {dir} (a cached file was damaged and has been removed: {e.Message})");
            }
        }

        if (!locations.AllowDownload) searched.Add("download: turned off (COURSEKIT_OFFLINE is set)");
        else if (TryDownload(spec, locations, searched) is string url)
        {
            string cached = Path.Combine(locations.CacheFolder, spec.Name);
            try { return (read(cached), url); }
            catch (DataFormatException)
            {
                DeleteFiles(spec, cached);
                throw;
            }
        }
        throw new DatasetNotFoundException(NotFoundMessage(spec, locations, searched));
    }

    private static IEnumerable<(string Label, string Dir, bool IsCache)> Candidates(DatasetSpec spec, DataLocations locations, List<string> searched)
    {
        if (locations.MirrorFolder is null) searched.Add("COURSEKIT_DATA (offline mirror): not set");
        else yield return ("COURSEKIT_DATA (offline mirror)", Path.Combine(locations.MirrorFolder, spec.Name), false);
        yield return ("cache", Path.Combine(locations.CacheFolder, spec.Name), true);
        if (!locations.UseSystemFolders) yield break;
        foreach (var dir in spec.SystemFolders) yield return ("system data folder", dir, false);
    }

    /// <summary>Downloads every missing file into the cache, trying each location in turn; returns the location used, or null.</summary>
    private static string? TryDownload(DatasetSpec spec, DataLocations locations, List<string> searched)
    {
        string dir = Path.Combine(locations.CacheFolder, spec.Name);
        var bases = locations.DownloadMirror is string mirror ? [$"{mirror.TrimEnd('/')}/{spec.Name}/"] : spec.DownloadUrls;
        foreach (var baseUrl in bases)
        {
            try
            {
                foreach (var file in spec.Files)
                {
                    string destination = Path.Combine(dir, file.FileName);
                    if (!File.Exists(destination))
                        Downloader.Fetch(baseUrl + file.FileName, destination, file.Md5, $"{spec.Name}/{file.FileName}", locations);
                }
                return baseUrl;
            }
            catch (DownloadException e)
            {
                searched.Add($"download: {e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                searched.Add($"download into {dir}: {e.Message}");
                break;
            }
        }
        return null;
    }

    private static string CheckedFolder(DatasetSpec spec, string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{spec.Title}: the folder '{Path.GetFullPath(folder)}' does not exist.");
        var missing = Missing(spec, folder);
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"{spec.Title}: the folder '{Path.GetFullPath(folder)}' lacks {string.Join(", ", missing)}. It needs {spec.FileList} (the original file names).");
        return folder;
    }

    private static List<string> Missing(DatasetSpec spec, string dir) =>
        spec.Files.Where(f => !File.Exists(Path.Combine(dir, f.FileName))).Select(f => f.FileName).ToList();

    private static void DeleteFiles(DatasetSpec spec, string dir)
    {
        foreach (var file in spec.Files)
        {
            try { File.Delete(Path.Combine(dir, file.FileName)); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
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
