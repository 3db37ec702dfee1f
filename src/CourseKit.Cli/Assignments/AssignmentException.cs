namespace CourseKit.Cli.Assignments;

/// <summary>
/// A master notebook that cannot become an assignment: its markers are wrong, or the master does not score full
/// marks. <see cref="Problems"/> lists every problem found, each naming the cell and saying how to fix it.
/// </summary>
public sealed class AssignmentException(string path, IReadOnlyList<string> problems)
    : Exception($"{path}: {(problems.Count == 1 ? "1 problem" : $"{problems.Count} problems")}; nothing was written:\n" +
                string.Join("\n", problems.Select(p => "  - " + p)))
{
    public string MasterPath { get; } = path;
    public IReadOnlyList<string> Problems { get; } = problems;
}
