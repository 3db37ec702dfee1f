using System.Globalization;
using CourseKit.Cli.Running;

namespace CourseKit.Cli;

/// <summary>A command line that cannot be run: the message names the option or argument and what is wrong with it.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Reads and checks the values of <c>coursekit run</c>'s options, so that a bad value stops the command before anything
/// runs (exit code 2) with a message that names the option, the value and what would be accepted.
/// </summary>
public static class OptionValues
{
    /// <summary>The longest --timeout-per-cell accepted (about 11 days); longer waits cannot be timed reliably.</summary>
    public const double MaxSeconds = 1_000_000;

    /// <summary>The shortest --timeout-per-cell accepted: a limit below a tenth of a second stops every cell.</summary>
    public const double MinSeconds = 0.1;

    /// <summary>A number of seconds from <see cref="MinSeconds"/> to <see cref="MaxSeconds"/> (NaN, ∞ and 1e308 are refused).</summary>
    public static TimeSpan Seconds(string option, string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds >= MinSeconds && seconds <= MaxSeconds)
            return TimeSpan.FromSeconds(seconds);
        throw new UsageException($"{option} needs a number of seconds from {MinSeconds} to {MaxSeconds:0}, not '{text}'");
    }

    /// <summary>The most --max-output-per-cell accepted: a notebook holds a cell's output in memory and in its file.</summary>
    public const long MaxOutputBytes = 1_000_000_000;

    /// <summary>A size in bytes above 0 and at most <see cref="MaxOutputBytes"/>, e.g. 4000000, 500k or 4MB.</summary>
    public static long ByteCount(string option, string text) =>
        ByteSize.Parse(text) is { } bytes && bytes <= MaxOutputBytes
            ? bytes
            : throw new UsageException($"{option} needs a number of bytes above 0 and at most 1000MB (e.g. 4MB or 500k), not '{text}'");

    /// <summary>A path made absolute; an empty one, or one with characters no path may hold, is refused.</summary>
    public static string FullPath(string what, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException($"{what} needs a path, not an empty name");
        try { return Path.GetFullPath(text); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{what} '{text.Replace("\0", "\\0")}' is not a valid path ({e.Message})");
        }
    }

    /// <summary>A folder that exists (for --data).</summary>
    public static string ExistingFolder(string option, string text)
    {
        var full = FullPath(option, text);
        if (Directory.Exists(full)) return text;
        throw new UsageException(File.Exists(full) ? $"{option} {text}: is a file, not a folder" : $"{option} {text}: no such folder");
    }

    /// <summary>A folder that exists and can be written to, or can be made (for --out).</summary>
    public static string OutputFolder(string option, string text)
    {
        var problem = OutputLocation.FolderProblem(FullPath(option, text));
        return problem is null ? text : throw new UsageException($"{option} {text}: {problem}");
    }
}
