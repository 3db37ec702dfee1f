using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CourseKit.Cli.Assignments;

/// <summary>What a cell of an assignment is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CellRole>))]
public enum CellRole
{
    /// <summary>Text the student reads (markdown); kept as the student left it.</summary>
    Markdown,
    /// <summary>Setup code the student must not change (<c>// LOCKED</c>): restored from the bundle before grading.</summary>
    Locked,
    /// <summary>Code the student writes: held a solution region in the master, a stub in the student's version.</summary>
    Answer,
    /// <summary>A markdown cell where the student writes a short prose answer (<c>&lt;!-- ANSWER … --&gt;</c>).</summary>
    Prose,
    /// <summary>A public test (<c>// TEST id public …</c>): the student sees and runs it; restored before grading.</summary>
    PublicTest,
    /// <summary>A hidden test (<c>// TEST id hidden …</c>): only in the bundle; inserted at its place when grading.</summary>
    HiddenTest,
    /// <summary>Any other code cell of the master (an example, a plot): the student may change it.</summary>
    Code,
}

/// <summary>
/// The grader's half of an assignment, written by <c>coursekit assign</c> next to the master notebook and never given
/// to students: every cell of the master in order (locked cells and tests with their exact source and checksum), the
/// questions and tests with their points, and the values the master's tests reported, which the grader compares
/// submissions with. Stored as one JSON file, NAME.bundle.json.
/// </summary>
public sealed record Bundle
{
    /// <summary>The bundle format; a grader refuses a format it does not know.</summary>
    public int Format { get; init; } = 1;

    /// <summary>The assignment's id (the master's file name without extension, e.g. "a01-neuron").</summary>
    public required string Assignment { get; init; }

    public required string Title { get; init; }

    /// <summary>SHA-256 of the student notebook <c>assign</c> wrote, as lowercase hex.</summary>
    public required string StudentNotebookSha256 { get; init; }

    public AssignmentLimits Limits { get; init; } = new();

    /// <summary>Files of the course data folder the student's session may read (relative paths, or globs where * stands
    /// for any part of one name and ** for any folders); null: all of it.
    /// Label files that a test judges accuracy against are never among them.</summary>
    public IReadOnlyList<string>? DataFiles { get; init; }

    /// <summary>The label files (relative to the course data folder) that accuracy tests are judged against: the
    /// grader reads them outside the student's session, and the session must never see them, whatever
    /// <see cref="DataFiles"/> allows.</summary>
    public IReadOnlyList<string> LabelFiles { get; init; } = [];

    /// <summary>The master's cells in order, as the grader runs them.</summary>
    public required IReadOnlyList<BundleCell> Cells { get; init; }

    public required IReadOnlyList<Question> Questions { get; init; }

    public required IReadOnlyList<TestSpec> Tests { get; init; }

    /// <summary>Indented camelCase JSON; text as it is (&lt;, &gt;, quotes and non-ASCII letters unescaped), so
    /// that an instructor can read the bundle's sources.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Bundle FromJson(string json) =>
        JsonSerializer.Deserialize<Bundle>(json, Json) ?? throw new FormatException("the bundle is empty");
}

/// <summary>What a submission may use, per cell and in all.</summary>
public sealed record AssignmentLimits
{
    public double CellTimeoutSeconds { get; init; } = 120;
    public double SubmissionTimeoutSeconds { get; init; } = 900;
    public int MemoryMegabytes { get; init; } = 2048;
    /// <summary>Processes and threads at once (Linux counts threads; the worker alone has 10 to 20).</summary>
    public int MaxProcesses { get; init; } = 256;
    public int MaxFileMegabytes { get; init; } = 64;
    public long MaxOutputPerCell { get; init; } = 1 << 20;
}

/// <summary>One cell of the master, as the grader needs it.</summary>
public sealed record BundleCell
{
    /// <summary>Stable id, also in the student notebook (nbformat cell id and metadata coursekit.cell).</summary>
    public required string Id { get; init; }

    public required CellRole Role { get; init; }

    /// <summary>The source the grader uses: exact for Locked and tests; the stub for Answer; the placeholder for Prose.</summary>
    public required string Source { get; init; }

    /// <summary>SHA-256 of the source with line endings normalised (Locked, PublicTest, HiddenTest).</summary>
    public string? Sha256 { get; init; }

    /// <summary>The question this cell belongs to, if any.</summary>
    public string? Question { get; init; }

    /// <summary>The test this cell is, for PublicTest and HiddenTest.</summary>
    public string? Test { get; init; }

    /// <summary>What <see cref="Sha256"/> holds for <paramref name="source"/>: SHA-256 of its UTF-8 bytes, with "\r\n"
    /// read as "\n", as lowercase hex.</summary>
    public static string ChecksumOf(string source) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source.Replace("\r\n", "\n"))));
}

/// <summary>A question: a title and the tests that score it.</summary>
public sealed record Question
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>The sum of its tests' points.</summary>
    public required double Points { get; init; }
}

/// <summary>A test: what it checks, its points, and the values the master reported.</summary>
public sealed record TestSpec
{
    /// <summary>"q1.sigmoid": the question's id, a dot, a name.</summary>
    public required string Id { get; init; }
    public required string Question { get; init; }
    /// <summary>"public", "hidden" or "prose" (a prose answer judged by patterns, outside the sandbox).</summary>
    public required string Visibility { get; init; }
    public required double Points { get; init; }
    /// <summary>What the test checks, in words for the student (shown in feedback, also for hidden tests).</summary>
    public required string Description { get; init; }
    public string? Hint { get; init; }
    /// <summary>The cell that runs it (the prose answer's cell for "prose").</summary>
    public required string Cell { get; init; }
    /// <summary>The values the test reports, each with its judge and the master's value.</summary>
    public IReadOnlyList<Expectation> Expectations { get; init; } = [];
    /// <summary>For "prose": regular expressions (case-insensitive) an answer must all match; none: graded by hand.</summary>
    public IReadOnlyList<string> Patterns { get; init; } = [];
}

/// <summary>One reported value: its name, how it is judged, and what the master reported (or the true labels).</summary>
public sealed record Expectation
{
    public required string Name { get; init; }
    public required JsonObject Judge { get; init; }
    public required JsonObject Expected { get; init; }
}
