namespace CourseKit.Cli.Running;

/// <summary>
/// A notebook to run and the path, relative to --out, its executed copy gets; <paramref name="Problem"/> says why it
/// cannot be run when it is a folder that could not be searched.
/// </summary>
public sealed record NotebookInput(string Path, string RelativeOutput, string? Problem = null);

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
    /// (*.executed.ipynb) are never inputs. Symbolic links are followed, but each real folder is searched once and each
    /// real notebook run once, however many links lead to it (a link loop ends). A folder that cannot be read is
    /// returned as an input with a <see cref="NotebookInput.Problem"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">An input does not exist.</exception>
    public static List<NotebookInput> Find(IEnumerable<string> inputs, string? outputDirectory)
    {
        var output = outputDirectory is null ? null : RealPath.Of(outputDirectory);
        var result = new List<NotebookInput>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var searched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input);
            if (File.Exists(full))
            {
                if (seen.Add(RealPath.Of(full))) result.Add(new NotebookInput(full, Path.GetFileNameWithoutExtension(full) + ".ipynb"));
            }
            else if (Directory.Exists(full))
            {
                var found = new List<NotebookInput>();
                Walk(full, full, output, searched, found);
                foreach (var notebook in found.OrderBy(f => f.Path, StringComparer.Ordinal))
                    if (notebook.Problem is not null || seen.Add(RealPath.Of(notebook.Path)))
                        result.Add(notebook);
            }
            else throw new FileNotFoundException($"{input}: no such notebook or folder", input);
        }
        return result;
    }

    static void Walk(string root, string dir, string? output, HashSet<string> searched, List<NotebookInput> found)
    {
        if (!searched.Add(RealPath.Of(dir))) return;
        string[] files, folders;
        try
        {
            files = Directory.GetFiles(dir);
            folders = Directory.GetDirectories(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is UnauthorizedAccessException ? "permission denied" : e.Message;
            found.Add(new NotebookInput(dir, "", $"{dir}: this folder cannot be searched for notebooks ({reason}); make it readable or leave it out"));
            return;
        }
        foreach (var file in files.Where(IsNotebook))
            found.Add(new NotebookInput(file, Path.ChangeExtension(Path.GetRelativePath(root, file), ".ipynb")));
        // Real folders before links, so that a notebook reached both ways is named by its real folder.
        foreach (var sub in folders.Order(StringComparer.Ordinal).OrderBy(f => new DirectoryInfo(f).LinkTarget is not null))
        {
            var name = Path.GetFileName(sub);
            if (name.StartsWith('.') || SkippedFolders.Contains(name) || RealPath.Of(sub) == output) continue;
            Walk(root, sub, output, searched, found);
        }
    }
}
