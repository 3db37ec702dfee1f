namespace CourseKit.Cli.Grading;

/// <summary>One student's submission: the student id, the notebook (or what was handed in instead), and why it cannot
/// be graded when that is known before grading (a folder with no notebook).</summary>
public sealed record Submission(string Student, string Path, string? Problem = null);

/// <summary>
/// Finds the submissions in what <c>coursekit grade</c> was given. A file is one submission, named by its file name
/// without extension. A folder holding one notebook is one submission named by the folder (a GitHub Classroom
/// repository); a folder holding several notebooks is one submission per notebook, each named by its file; a folder
/// holding no notebook but folders is a class, each of its folders read the same way; an empty student folder is a
/// submission that cannot be graded. Two submissions with one student id are refused (a usage error naming both).
/// </summary>
public static class Submissions
{
    public static IReadOnlyList<Submission> Find(IReadOnlyList<string> inputs)
    {
        var found = new List<Submission>();
        foreach (var input in inputs)
        {
            var full = OptionValues.FullPath("a submission", input);
            if (File.Exists(full)) found.Add(new Submission(System.IO.Path.GetFileNameWithoutExtension(full), full));
            else if (Directory.Exists(full)) found.AddRange(InFolder(full, classFolder: true));
            else throw new UsageException($"{input}: no such file or folder");
        }
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var submission in found)
            if (!seen.TryAdd(submission.Student, submission.Path))
                throw new UsageException($"two submissions have the student id '{submission.Student}': {seen[submission.Student]} and " +
                                         $"{submission.Path}; grade them in separate runs or rename one");
        return found;
    }

    static IEnumerable<Submission> InFolder(string folder, bool classFolder)
    {
        var name = System.IO.Path.GetFileName(folder.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var notebooks = Directory.GetFiles(folder, "*.ipynb").Where(f => !System.IO.Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        if (notebooks.Count == 1) return [new Submission(name, notebooks[0])];
        if (notebooks.Count > 1) return notebooks.Select(n => new Submission(System.IO.Path.GetFileNameWithoutExtension(n), n));
        var folders = classFolder
            ? Directory.GetDirectories(folder).Where(d => !System.IO.Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).ToList()
            : [];
        return folders.Count > 0
            ? folders.SelectMany(f => InFolder(f, classFolder: false))
            : [new Submission(name, folder, $"{folder} holds no .ipynb notebook; the student handed in nothing to grade")];
    }
}
