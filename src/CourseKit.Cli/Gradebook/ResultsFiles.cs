using System.Text.Json;
using CourseKit.Cli.Grading;

namespace CourseKit.Cli.Gradebook;

/// <summary>Results files that cannot make a gradebook: the message names the file or students and what to do.</summary>
public sealed class ResultsFileException(string message) : Exception(message);

/// <summary>
/// Reads the results.json files that <c>coursekit grade</c> wrote, for <c>coursekit gradebook merge</c>: each file
/// given, whatever its name (<c>results/*.json</c> from one container per submission), and in each folder given every
/// file named results.json at any depth (a <c>coursekit grade --out</c> folder). A file reached twice is read once.
/// </summary>
public static class ResultsFiles
{
    public const string FileName = "results.json";

    /// <summary>The results with the file each came from, checked to make one gradebook (see <see cref="ClassResults.Refusal"/>).</summary>
    /// <exception cref="ResultsFileException">A file is missing or not a results file, none were found, or they do not belong together.</exception>
    public static IReadOnlyList<(string Path, SubmissionResult Result)> Read(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (File.Exists(input)) files.Add(Path.GetFullPath(input));
            else if (Directory.Exists(input))
            {
                var found = Directory.GetFiles(input, FileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0) throw new ResultsFileException($"{input}: no {FileName} in this folder or below it");
                files.AddRange(found.Select(Path.GetFullPath));
            }
            else throw new ResultsFileException($"{input}: no such file or folder");
        }
        var results = files.Distinct().Select(path => (Path: path, Result: ReadOne(path))).ToList();
        if (results.Count == 0) throw new ResultsFileException("no results files given");
        if (ClassResults.Refusal([.. results.Select(r => (Path.GetRelativePath(Environment.CurrentDirectory, r.Path), r.Result))]) is { } refusal)
            throw new ResultsFileException(refusal);
        return results;
    }

    static SubmissionResult ReadOne(string path)
    {
        string json;
        try { json = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultsFileException($"{path}: cannot be read ({e.Message})");
        }
        SubmissionResult result;
        try { result = SubmissionResult.FromJson(json); }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            throw new ResultsFileException($"{path}: is not a results.json written by coursekit grade ({e.Message})");
        }
        if (result.Format > SubmissionResult.CurrentFormat)
            throw new ResultsFileException($"{path}: is results format {result.Format}, newer than this coursekit reads; update coursekit");
        return result;
    }
}
