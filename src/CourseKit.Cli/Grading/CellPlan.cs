using System.Text.Json.Nodes;
using CourseKit.Cli.Assignments;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Grading;

/// <summary>One cell the grader handles, in the order it runs them, and how it ran.</summary>
public sealed class PlannedCell
{
    /// <summary>The cell that runs: the student's, or the bundle's source for locked cells, tests and missing answers.
    /// A hidden test's cell is in no notebook.</summary>
    public required Cell Cell { get; init; }

    /// <summary>The master's cell it stands for; null for a cell the student added.</summary>
    public BundleCell? Spec { get; init; }

    public bool Hidden => Spec?.Role == CellRole.HiddenTest;

    /// <summary>Whether the code that runs is the bundle's (a locked cell or a test), not the student's.</summary>
    public bool FromBundle => Spec?.Role is CellRole.Locked or CellRole.PublicTest or CellRole.HiddenTest;

    /// <summary>The bundle's id, or the student's own cell id for an added cell.</summary>
    public string Id => Spec?.Id ?? Cell.Id;

    /// <summary>The role's name, as in the student notebook's metadata ("answer", "public-test", …; "extra" for an added cell).</summary>
    public string Role => Spec is null ? "extra" : StudentNotebook.RoleName(Spec.Role);

    /// <summary>Whether the grader runs it: a C# code cell.</summary>
    public bool Runs => Cell.Kind == CellKind.Code && Kernels.IsCSharp(Cell.Language ?? "csharp");

    /// <summary>How it ran; null for a cell that is not run.</summary>
    public CellRun? Run { get; set; }

    /// <summary>The reports the worker accepted from this cell's own code while it ran (a test cell's values).</summary>
    public List<CapturedReport> Reports { get; } = [];

    /// <summary>Whether the cell is a public or hidden test, whose source is the bundle's.</summary>
    public bool IsTest => Spec?.Role is CellRole.PublicTest or CellRole.HiddenTest;

    /// <summary>Whether the cell's code is the student's: an answer, an example cell, or a cell the student added.</summary>
    public bool IsStudents => Spec is null || Spec.Role is CellRole.Answer or CellRole.Code;

    /// <summary>How people read it in notices: "the public test q1.sigmoid", "your answer cell for q2", ….</summary>
    public string Description => Spec switch
    {
        null => $"your added cell \"{NotebookRunner.Quote(Cell.FirstLine)}\"",
        { Role: CellRole.HiddenTest } => $"the hidden test {Spec.Test}",
        { Role: CellRole.PublicTest } => $"the public test {Spec.Test}",
        { Role: CellRole.Answer } => $"your answer cell{For(Spec)} (\"{NotebookRunner.Quote(Cell.FirstLine)}\")",
        { Role: CellRole.Prose } => $"your written answer{For(Spec)}",
        { Role: CellRole.Locked } => $"the locked cell \"{NotebookRunner.Quote(Cell.FirstLine)}\"",
        _ => $"the cell \"{NotebookRunner.Quote(Cell.FirstLine)}\"",
    };

    static string For(BundleCell spec) => spec.Question is null ? "" : $" for {spec.Question}";
}

/// <summary>How one cell ran: its status, why it did not finish (a note for the student), and how long it took.</summary>
public sealed record CellRun(CellStatus Status, string? Note, TimeSpan Elapsed);

/// <summary>
/// What the grader runs for one submission, from the bundle and the student's notebook: the bundle's cells in the
/// master's order, each matched with the student's cell by <c>metadata.coursekit.cell</c>, else by nbformat id.
/// Markdown, answer, prose and example cells are the student's (a missing one is the bundle's stub, with a notice);
/// locked cells and public tests are always the bundle's (a changed or deleted one is restored, with a notice); hidden
/// tests come from the bundle only and are in no notebook. Cells the student added are kept after the matched cell they
/// followed. <see cref="Graded"/> is the notebook the student sees back: every cell but the hidden tests.
/// </summary>
public sealed record CellPlan(Notebook Graded, IReadOnlyList<PlannedCell> Cells, IReadOnlyList<string> Notices)
{
    public static CellPlan Build(Bundle bundle, Notebook submission)
    {
        var matched = Match(bundle, submission);
        var matchedCells = matched.Values.ToHashSet();
        // Each added cell follows the last matched cell above it; those above every matched cell come first.
        var addedAfter = new Dictionary<Cell, List<Cell>>();
        var addedFirst = new List<Cell>();
        Cell? anchor = null;
        foreach (var cell in submission.Cells)
        {
            if (matchedCells.Contains(cell)) anchor = cell;
            else if (anchor is null) addedFirst.Add(cell);
            else (addedAfter.TryGetValue(anchor, out var list) ? list : addedAfter[anchor] = []).Add(cell);
        }

        var graded = new Notebook
        {
            Path = submission.Path,
            Metadata = (JsonObject)submission.Metadata.DeepClone(),
            NbformatMinor = submission.NbformatMinor,
            DefaultLanguage = submission.DefaultLanguage,
        };
        var planned = new List<PlannedCell>();
        var notices = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Add(Cell cell, BundleCell? spec)
        {
            var entry = new PlannedCell { Cell = cell, Spec = spec };
            planned.Add(entry);
            if (entry.Hidden) return;
            if (!ids.Add(cell.Id))
            {
                // A cell the student added may carry the id the grader gave a restored cell: nbformat ids must be unique.
                int n = 2;
                while (!ids.Add($"{cell.Id}-{n}")) n++;
                cell.Id = $"{cell.Id}-{n}";
            }
            graded.Cells.Add(cell);
        }

        foreach (var cell in addedFirst) Add(cell, null);
        foreach (var spec in bundle.Cells)
        {
            var student = matched.GetValueOrDefault(spec);
            switch (spec.Role)
            {
                case CellRole.HiddenTest:
                    Add(FromBundle(spec, null), spec);
                    break;
                case CellRole.Locked or CellRole.PublicTest:
                    var restored = FromBundle(spec, student);
                    Add(restored, spec);
                    if (student is null)
                        notices.Add($"{Capitalized(planned[^1].Description)} was missing from your notebook; the grader put the original back.");
                    else if (Normalized(student.Source) != Normalized(spec.Source))
                        notices.Add($"{Capitalized(planned[^1].Description)} was changed in your notebook; the grader ran the original instead (changes to locked cells are not graded).");
                    break;
                default:
                    Add(student ?? FromBundle(spec, null), spec);
                    if (student is null && spec.Role is not CellRole.Markdown)
                        notices.Add($"{Capitalized(planned[^1].Description)} was missing from your notebook; the grader used the empty starting version.");
                    break;
            }
            if (student is not null && addedAfter.TryGetValue(student, out var added))
                foreach (var cell in added) Add(cell, null);
        }
        foreach (var cell in planned.Where(p => p.Runs).Select(p => p.Cell))
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }
        return new CellPlan(graded, planned, notices);
    }

    /// <summary>The student's cell for each bundle cell (but hidden tests): by metadata.coursekit.cell first, then by
    /// nbformat id among the cells that carry no coursekit mark.</summary>
    static Dictionary<BundleCell, Cell> Match(Bundle bundle, Notebook submission)
    {
        var marked = new Dictionary<string, Cell>(StringComparer.Ordinal);
        var byId = new Dictionary<string, Cell>(StringComparer.Ordinal);
        foreach (var cell in submission.Cells)
        {
            if (MarkOf(cell) is { } mark) marked.TryAdd(mark, cell);
            else byId.TryAdd(cell.Id, cell);
        }
        var matched = new Dictionary<BundleCell, Cell>();
        var used = new HashSet<Cell>();
        foreach (var spec in bundle.Cells.Where(c => c.Role != CellRole.HiddenTest))
            if ((marked.GetValueOrDefault(spec.Id) ?? byId.GetValueOrDefault(spec.Id)) is { } cell && used.Add(cell))
                matched[spec] = cell;
        return matched;
    }

    static string? MarkOf(Cell cell) =>
        cell.Metadata["coursekit"] is JsonObject coursekit && coursekit["cell"] is JsonValue value && value.TryGetValue(out string? id) ? id : null;

    /// <summary>A new cell holding the bundle's source; it keeps the student's cell's metadata when there is one.</summary>
    static Cell FromBundle(BundleCell spec, Cell? student) => new()
    {
        Id = spec.Id,
        Kind = spec.Role is CellRole.Markdown or CellRole.Prose ? CellKind.Markdown : CellKind.Code,
        Language = spec.Role is CellRole.Markdown or CellRole.Prose ? null : "csharp",
        Source = spec.Source,
        Metadata = student is null ? StudentNotebook.CellMetadata(spec.Id, spec.Role) : (JsonObject)student.Metadata.DeepClone(),
    };

    /// <summary>Source compared without regard to line endings or trailing blank space.</summary>
    static string Normalized(string source) => source.Replace("\r\n", "\n").TrimEnd();

    /// <summary>The text with its first letter a capital, to start a sentence.</summary>
    internal static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
