using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// An assignment's master notebook (solutions/aNN-name.ipynb) as its markers describe it: each cell with its role,
/// question and test, the questions, the tests and the settings. Read by <see cref="MarkerParser"/>; the student
/// notebook and the grader's bundle are both made from it.
/// </summary>
public sealed class MasterNotebook
{
    /// <summary>The master's file name without extension ("a01-neuron"): the assignment's id.</summary>
    public required string Name { get; init; }

    /// <summary>The notebook as read, with the cell ids and sources of the file.</summary>
    public required Notebook Notebook { get; init; }

    /// <summary>The first <c># </c> heading of the notebook.</summary>
    public required string Title { get; init; }

    public required AssignmentLimits Limits { get; init; }

    /// <summary>The <c>data="…"</c> setting: globs under the course data folder the student's session may read; null: all.</summary>
    public IReadOnlyList<string>? DataPatterns { get; init; }

    /// <summary>Every cell of the master, in order.</summary>
    public required IReadOnlyList<MasterCell> Cells { get; init; }

    /// <summary>The questions in the order they are declared, with their titles.</summary>
    public required IReadOnlyList<(string Id, string Title)> Questions { get; init; }

    /// <summary>The tests and graded prose answers, in the order of their cells.</summary>
    public IEnumerable<TestMarker> Tests => Cells.Select(c => c.Test).OfType<TestMarker>();
}

/// <summary>One cell of a master notebook and what its markers make of it.</summary>
public sealed class MasterCell
{
    /// <summary>The cell's position in the master, counting from 1 (as messages name it).</summary>
    public required int Number { get; init; }

    public required Cell Cell { get; init; }

    /// <summary>The cell's stable id, shared by the student notebook and the bundle (see <see cref="CellIds"/>).</summary>
    public required string Id { get; init; }

    public required CellRole Role { get; init; }

    /// <summary>An instructor note or a cell that held only the assignment's settings: in neither the student notebook nor the bundle.</summary>
    public bool Dropped { get; init; }

    /// <summary>The question declared last at or before this cell (a test's own question for tests).</summary>
    public string? Question { get; init; }

    /// <summary>The test this cell is (TEST) or the prose answer it holds (ANSWER).</summary>
    public TestMarker? Test { get; init; }

    /// <summary>The master's source, line endings normalised to "\n".</summary>
    public required string Source { get; init; }

    /// <summary>What the student gets: solution regions stubbed, a prose answer's model answer replaced, settings removed.</summary>
    public required string StudentSource { get; init; }

    /// <summary>In the student's notebook: everything but dropped cells and hidden tests.</summary>
    public bool InStudentVersion => !Dropped && Role != CellRole.HiddenTest;

    /// <summary>In the grader's bundle: everything the student has, and the hidden tests.</summary>
    public bool InBundle => !Dropped;
}

/// <summary>
/// A test (<c>// TEST q1.sigmoid public points=2 "…"</c>) or a graded prose answer
/// (<c>&lt;!-- ANSWER q2.why points=1 "…" patterns="…" --&gt;</c>, visibility "prose").
/// </summary>
public sealed record TestMarker(string Id, string Question, string Visibility, double Points, string Description, string? Hint)
{
    /// <summary>For prose answers: case-insensitive regular expressions that must all match; none: graded by hand.</summary>
    public IReadOnlyList<string> Patterns { get; init; } = [];

    public bool Equals(TestMarker? other) =>
        other is not null && (Id, Question, Visibility, Points, Description, Hint) == (other.Id, other.Question, other.Visibility, other.Points, other.Description, other.Hint)
        && Patterns.SequenceEqual(other.Patterns);

    public override int GetHashCode() => HashCode.Combine(Id, Visibility, Points);
}
