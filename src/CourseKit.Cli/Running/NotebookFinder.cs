namespace CourseKit.Cli.Running;

/// <summary>A notebook to run and the path, relative to --out, its executed copy gets.</summary>
public sealed record NotebookInput(string Path, string RelativeOutput);

/// <summary>Turns the command line's files and folders into the notebooks to run, in order.</summary>
public static class NotebookFinder
{
    static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules", "artifacts" };

    public static bool IsNotebook(string path) =>
        (path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".dib", StringComparison.OrdinalIgnoreCase))
        && !path.EndsWith(".executed.ipynb", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A file stands for itself; a folder for its .ipynb and .dib files, sorted by path, searched into subfolders except
    /// dot-folders (.ipynb_checkpoints, .git), build and package folders, and the output folder. Earlier outputs
    /// (*.executed.ipynb) are never inputs.
    /// </summary>
    /// <exception cref="FileNotFoundException">An input does not exist.</exception>
    public static List<NotebookInput> Find(IEnumerable<string> inputs, string? outputDirectory)
    {
        var output = outputDirectory is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        var result = new List<NotebookInput>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input);
            if (File.Exists(full))
            {
                if (seen.Add(full)) result.Add(new NotebookInput(full, Path.GetFileNameWithoutExtension(full) + ".ipynb"));
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in Walk(full, output).Order(StringComparer.Ordinal))
                    if (seen.Add(file))
                    {
                        var relative = Path.GetRelativePath(full, file);
                        result.Add(new NotebookInput(file, Path.ChangeExtension(relative, ".ipynb")));
                    }
            }
            else throw new FileNotFoundException($"{input}: no such notebook or folder", input);
        }
        return result;
    }

    static IEnumerable<string> Walk(string dir, string? output)
    {
        foreach (var file in Directory.EnumerateFiles(dir))
            if (IsNotebook(file)) yield return file;
        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            var name = Path.GetFileName(sub);
            if (name.StartsWith('.') || SkippedFolders.Contains(name) || Path.TrimEndingDirectorySeparator(sub) == output) continue;
            foreach (var file in Walk(sub, output)) yield return file;
        }
    }
}
