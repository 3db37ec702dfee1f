namespace CourseKit.Cli.Running;

/// <summary>
/// The path a file or folder really has once every symbolic link along it is followed (as realpath(3) gives), so that
/// two paths to the same place compare equal.
/// </summary>
public static class RealPath
{
    /// <summary>As many links as Linux follows before it reports a loop.</summary>
    const int MaxLinks = 40;

    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Parts(full).Reverse());
        for (int links = 0; pending.Count > 0;)
        {
            var next = Path.Combine(current, pending.Pop());
            string? target = null;
            try { target = new FileInfo(next).LinkTarget; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            if (target is null || ++links > MaxLinks)
            {
                current = next;
                continue;
            }
            // A relative target is taken from the link's own folder, which is already free of links.
            var resolved = Path.GetFullPath(Path.Combine(current, target));
            foreach (var part in Parts(resolved).Reverse()) pending.Push(part);
            current = Path.GetPathRoot(resolved)!;
        }
        return Path.TrimEndingDirectorySeparator(current);
    }

    static string[] Parts(string fullPath) =>
        fullPath[Path.GetPathRoot(fullPath)!.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
