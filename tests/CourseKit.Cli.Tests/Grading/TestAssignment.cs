using System.Text.Json.Nodes;
using CourseKit.Cli.Assignments;
using CourseKit.Cli.Grading;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Tests.Grading;

/// <summary>
/// A small assignment's bundle, built by hand, and student notebooks made from it: q1 Sigmoid (a public test, 2
/// points, and a hidden one at the input 0.8125, 3 points), q2 Square (two hidden tests, 1 point each), q3 a prose
/// answer (1 point, patterns "overfit" and "validation"). Submissions are written into a folder inside the checkout,
/// whose nuget.config lists artifacts/packages, where the tests pack CourseKit.
/// </summary>
static class TestAssignment
{
    public const string CorrectSigmoid = "double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));";
    public const string CorrectSquare = "double Square(double x) => x * x;";
    public const string CorrectProse = "<!-- ANSWER q3.why points=1 \"why\" patterns=\"overfit ;; validation\" -->\nThe network overfits the training set; a validation set shows it.";
    public const string HiddenInput = "0.8125";
    public const double HiddenExpected = 0.6926419831347361;

    /// <summary>One restorer for all grading tests: CourseKit is restored once per test run.</summary>
    static readonly PackageRestorer Restorer = new();

    static BundleCell Cell(string id, CellRole role, string source, string? question = null, string? test = null) =>
        new() { Id = id, Role = role, Source = source, Question = question, Test = test };

    static Expectation Expect(string name, Judge judge, ReportedValue expected) =>
        new() { Name = name, Judge = judge.ToJson(), Expected = expected.ToJson() };

    public static Bundle Bundle(double cellTimeoutSeconds = 120) => new()
    {
        Assignment = "a00-test",
        Title = "Test assignment",
        StudentNotebookSha256 = "",
        Limits = new AssignmentLimits { CellTimeoutSeconds = cellTimeoutSeconds, SubmissionTimeoutSeconds = 600 },
        Cells =
        [
            Cell("setup", CellRole.Locked, "// LOCKED\n#r \"nuget: CourseKit\"\nusing CourseKit;"),
            Cell("intro", CellRole.Markdown, "# Test assignment"),
            Cell("q1-text", CellRole.Markdown, "<!-- QUESTION q1 -->\n## Sigmoid", "q1"),
            Cell("q1-answer", CellRole.Answer, "double Sigmoid(double z) => throw new NotImplementedException(\"your code here\");", "q1"),
            Cell("q1-zero", CellRole.PublicTest, "// TEST q1.zero public points=2 \"sigmoid(0) is one half\"\nGrading.Check(\"sigmoid(0)\", Sigmoid(0), 0.5);", "q1", "q1.zero"),
            Cell("q1-hidden", CellRole.HiddenTest, $"// TEST q1.hidden hidden points=3 \"sigmoid at a point\"\nGrading.Report(\"sigmoid(x)\", Sigmoid({HiddenInput}));", "q1", "q1.hidden"),
            Cell("q2-text", CellRole.Markdown, "<!-- QUESTION q2 -->\n## Square", "q2"),
            Cell("q2-answer", CellRole.Answer, "double Square(double x) => throw new NotImplementedException(\"your code here\");", "q2"),
            Cell("q2-positive", CellRole.HiddenTest, "// TEST q2.positive hidden points=1 \"a positive number\"\nGrading.Report(\"square(3)\", Square(3), Judge.Exact());", "q2", "q2.positive"),
            Cell("q2-negative", CellRole.HiddenTest, "// TEST q2.negative hidden points=1 \"a negative number\"\nGrading.Report(\"square(-1.5)\", Square(-1.5));", "q2", "q2.negative"),
            Cell("q3-text", CellRole.Markdown, "<!-- QUESTION q3 -->\n## Overfitting", "q3"),
            Cell("q3-why", CellRole.Prose, "<!-- ANSWER q3.why points=1 \"why\" patterns=\"overfit ;; validation\" -->\n_Write your answer here._", "q3", "q3.why"),
        ],
        Questions =
        [
            new Question { Id = "q1", Title = "Sigmoid", Points = 5 },
            new Question { Id = "q2", Title = "Square", Points = 2 },
            new Question { Id = "q3", Title = "Overfitting", Points = 1 },
        ],
        Tests =
        [
            new TestSpec { Id = "q1.zero", Question = "q1", Visibility = "public", Points = 2, Description = "sigmoid(0) is one half", Cell = "q1-zero",
                Hint = "σ(z) = 1 / (1 + e^(−z))", Expectations = [Expect("sigmoid(0)", Judge.Close(), ReportedValue.Number(0.5))] },
            new TestSpec { Id = "q1.hidden", Question = "q1", Visibility = "hidden", Points = 3, Description = "sigmoid at a point", Cell = "q1-hidden",
                Expectations = [Expect("sigmoid(x)", Judge.Close(), ReportedValue.Number(HiddenExpected))] },
            new TestSpec { Id = "q2.positive", Question = "q2", Visibility = "hidden", Points = 1, Description = "a positive number", Cell = "q2-positive",
                Expectations = [Expect("square(3)", Judge.Exact(), ReportedValue.Number(9))] },
            new TestSpec { Id = "q2.negative", Question = "q2", Visibility = "hidden", Points = 1, Description = "a negative number", Cell = "q2-negative",
                Expectations = [Expect("square(-1.5)", Judge.Close(), ReportedValue.Number(2.25))] },
            new TestSpec { Id = "q3.why", Question = "q3", Visibility = "prose", Points = 1, Description = "why", Cell = "q3-why", Patterns = ["overfit", "validation"] },
        ],
    };

    /// <summary>The folder inside the checkout that submissions and bundles of one test go into.</summary>
    public static string NewCheckoutFolder()
    {
        var dir = Path.Combine(LocalBuilds.Root, "artifacts", "grading-tests", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// The student notebook of <paramref name="bundle"/> (every cell but the hidden tests, with its id and coursekit
    /// metadata), with the answers of <paramref name="answers"/> (cell id → source; a null source drops the cell),
    /// correct ones elsewhere, and <paramref name="added"/> cells (markdown when they start with "md:") after the named cell.
    /// </summary>
    public static string Submission(string folder, string name, Bundle bundle, Dictionary<string, string?>? answers = null,
        (string After, string Source)[]? added = null)
    {
        var correct = new Dictionary<string, string>
        {
            ["q1-answer"] = CorrectSigmoid, ["q2-answer"] = CorrectSquare, ["q3-why"] = CorrectProse,
        };
        var cells = new JsonArray();
        foreach (var spec in bundle.Cells.Where(c => c.Role != CellRole.HiddenTest))
        {
            string? source = spec.Source;
            if (answers is not null && answers.TryGetValue(spec.Id, out var given)) source = given;
            else if (correct.TryGetValue(spec.Id, out var right)) source = right;
            if (source is not null) cells.Add(CellJson(spec.Id, spec.Role is CellRole.Markdown or CellRole.Prose, source,
                new JsonObject { ["coursekit"] = new JsonObject { ["cell"] = spec.Id, ["role"] = CourseKit.Cli.Assignments.StudentNotebook.RoleName(spec.Role) } }));
            foreach (var (after, text) in added?.Where(a => a.After == spec.Id) ?? [])
                cells.Add(CellJson($"added-{cells.Count}", text.StartsWith("md:"), text.StartsWith("md:") ? text[3..] : text, new JsonObject()));
        }
        var notebook = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["language"] = "C#", ["display_name"] = ".NET (C#)" } },
            ["nbformat"] = 4, ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    static JsonObject CellJson(string id, bool markdown, string source, JsonObject metadata)
    {
        var cell = new JsonObject { ["cell_type"] = markdown ? "markdown" : "code", ["id"] = id, ["metadata"] = metadata, ["source"] = NotebookWriter.Lines(source) };
        if (!markdown)
        {
            cell["execution_count"] = null;
            cell["outputs"] = new JsonArray();
        }
        return cell;
    }

    /// <summary>Grading options for a submission in <paramref name="folder"/>: packages from the checkout's sources.</summary>
    public static GradeOptions Options(string folder) => new() { PackageSourcesFolder = folder, Restorer = Restorer };

    /// <summary>Packs CourseKit (once per test run) and grades the submission.</summary>
    public static async Task<GradedSubmission> GradeAsync(Bundle bundle, string submission)
    {
        await LocalBuilds.PackIntoRepositoryFeedAsync();
        return await SubmissionGrader.GradeAsync(bundle, submission, Options(Path.GetDirectoryName(submission)!));
    }

    public static TestResult Test(this GradedSubmission graded, string id) => graded.Result.Tests.Single(t => t.Id == id);

    public static double Question(this GradedSubmission graded, string id) => graded.Result.Questions.Single(q => q.Id == id).Points;
}
