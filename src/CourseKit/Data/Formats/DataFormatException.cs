namespace CourseKit;

/// <summary>
/// A data file that cannot be read as what it claims to be (bad gzip, wrong IDX magic number, truncated, a CSV row
/// with the wrong number of fields, …). The message names the file and the problem.
/// </summary>
public sealed class DataFormatException(string file, string problem, Exception? inner = null)
    : IOException($"{file}: {problem}", inner)
{
    /// <summary>The file (or stream name) that could not be read.</summary>
    public string File { get; } = file;

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; } = problem;
}
