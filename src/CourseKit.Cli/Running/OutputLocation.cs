using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Running;

/// <summary>
/// Checks, before any cell runs, that the files a run will write can be written: their folder exists or can be made,
/// coursekit may create files in it, and nothing else (a folder, another notebook's output) stands at their path.
/// Each check answers null when all is well, or the problem and its fix in words.
/// </summary>
public static class OutputLocation
{
    /// <summary>What stops files being written into <paramref name="folder"/> (an absolute path), or null.</summary>
    public static string? FolderProblem(string folder)
    {
        if (BrokenLink(folder) is { } broken) return $"is {broken}; create that folder, or give another --out";
        if (File.Exists(folder)) return "is a file, not a folder; give a folder (it is made if missing)";
        var existing = folder;
        while (!Directory.Exists(existing))
        {
            if (BrokenLink(existing) is { } brokenAbove) return $"{existing} is {brokenAbove}; create that folder, or give another --out";
            if (File.Exists(existing)) return $"{existing} is a file, not a folder; give a folder (it is made if missing)";
            existing = Path.GetDirectoryName(existing);
            if (existing is null) return "no part of this path exists; choose a folder you can write to";
        }
        if (CannotWrite(existing) is not { } reason) return null;
        return existing == folder
            ? $"cannot write there ({reason}); choose a folder you can write to"
            : $"cannot be made: cannot write in {existing} ({reason}); choose a folder you can write to";
    }

    /// <summary>
    /// What stops <paramref name="file"/> (an absolute path) being written, or null; <paramref name="folders"/> remembers
    /// the folders already checked, so that a run with many notebooks checks each folder once.
    /// </summary>
    public static string? FileProblem(string file, Dictionary<string, string?> folders)
    {
        if (Directory.Exists(file)) return $"{file} is a folder; move it away or choose another --out";
        var folder = Path.GetDirectoryName(file)!;
        if (!folders.TryGetValue(folder, out var problem)) folders[folder] = problem = FolderProblem(folder);
        return problem is null ? null : $"{folder}: {problem}";
    }

    /// <summary>
    /// When <paramref name="path"/> is a symbolic link that leads nowhere (which .NET's File.Exists reports as a file),
    /// what it is in words: "a symbolic link to TARGET, which does not exist"; else null.
    /// </summary>
    static string? BrokenLink(string path)
    {
        var link = new FileInfo(path);
        if (link.LinkTarget is null) return null;
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true);
            return target is null || target.Exists || Directory.Exists(target.FullName)
                ? null
                : $"a symbolic link to {target.FullName}, which does not exist";
        }
        catch (IOException) { return "a symbolic link that leads back to itself"; }
    }

    /// <summary>Null when a file can be made in <paramref name="folder"/>; else why not (a probe file is made and removed).</summary>
    static string? CannotWrite(string folder)
    {
        var probe = TemporaryFiles.Beside(Path.Combine(folder, "coursekit-probe"));
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write)) { }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Reason(e, probe, folder);
        }
        finally { TemporaryFiles.Release(probe); }
    }

    /// <summary>An I/O error in words, naming <paramref name="shown"/> rather than the temporary file it happened on.</summary>
    public static string Reason(Exception e, string actual, string shown) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "the folder does not exist",
        FileNotFoundException => "no files can be made there",
        _ => e.Message.Replace(actual, shown),
    };
}
