using System.Text.Json.Nodes;

namespace CourseKit.Bench;

/// <summary>How a benchmark submission answers (<see cref="GradingAssignment"/>).</summary>
internal enum Answers
{
    /// <summary>Every answer right: full marks.</summary>
    Right,
    /// <summary>σ(z) with the sign of z flipped: right at 0 (the public test passes), wrong elsewhere (the hidden one fails).</summary>
    WrongSigmoid,
    /// <summary>x·|x| for x²: right for 3, wrong for −1.5 (q2.negative fails).</summary>
    WrongSquare,
    /// <summary>The prose answer does not mention a validation set (q3 fails).</summary>
    ShortProse,
    /// <summary>The Square answer cell never ends: it is stopped at the cell time limit, the session restarted and the
    /// cells before it replayed; q2's tests fail, the rest scores.</summary>
    InfiniteLoop,
}

/// <summary>
/// The benchmark's assignment, the same kind as the grader's tests use (tests/CourseKit.Cli.Tests/Grading/TestAssignment.cs):
/// a locked setup cell that restores CourseKit, q1 Sigmoid (a public test, 2 points, and a hidden one, 3), q2 Square
/// (two hidden tests, 1 point each), q3 a prose answer judged by patterns (1 point). Its bundle is written by hand, as
/// <c>coursekit assign</c> would write it for the master, with the master's reported values as expected values.
/// </summary>
internal static class GradingAssignment
{
    const string Setup = "// LOCKED\n#r \"nuget: CourseKit\"\nusing CourseKit;";
    const string SigmoidTest = "// TEST q1.zero public points=2 \"sigmoid(0) is one half\"\nGrading.Check(\"sigmoid(0)\", Sigmoid(0), 0.5);";
    const string SigmoidHidden = "// TEST q1.hidden hidden points=3 \"sigmoid at a point\"\nGrading.Report(\"sigmoid(x)\", Sigmoid(0.8125));";
    const string SquarePositive = "// TEST q2.positive hidden points=1 \"a positive number\"\nGrading.Report(\"square(3)\", Square(3), Judge.Exact());";
    const string SquareNegative = "// TEST q2.negative hidden points=1 \"a negative number\"\nGrading.Report(\"square(-1.5)\", Square(-1.5));";
    const string ProseMarker = "<!-- ANSWER q3.why points=1 \"why\" patterns=\"overfit ;; validation\" -->";

    /// <summary>The assignment's cells in the master's order: id, role, the bundle's source (stubs for answers), question, test.</summary>
    static readonly (string Id, string Role, string Source, string? Question, string? Test)[] Cells =
    [
        ("setup", "Locked", Setup, null, null),
        ("intro", "Markdown", "# Benchmark assignment", null, null),
        ("q1-text", "Markdown", "<!-- QUESTION q1 -->\n## Sigmoid", "q1", null),
        ("q1-answer", "Answer", "double Sigmoid(double z) => throw new NotImplementedException(\"your code here\");", "q1", null),
        ("q1-zero", "PublicTest", SigmoidTest, "q1", "q1.zero"),
        ("q1-hidden", "HiddenTest", SigmoidHidden, "q1", "q1.hidden"),
        ("q2-text", "Markdown", "<!-- QUESTION q2 -->\n## Square", "q2", null),
        ("q2-answer", "Answer", "double Square(double x) => throw new NotImplementedException(\"your code here\");", "q2", null),
        ("q2-positive", "HiddenTest", SquarePositive, "q2", "q2.positive"),
        ("q2-negative", "HiddenTest", SquareNegative, "q2", "q2.negative"),
        ("q3-text", "Markdown", "<!-- QUESTION q3 -->\n## Overfitting", "q3", null),
        ("q3-why", "Prose", ProseMarker + "\n_Write your answer here._", "q3", "q3.why"),
    ];

    /// <summary>The grader bundle, with <paramref name="cellTimeoutSeconds"/> as the per-cell time limit.</summary>
    public static string Bundle(double cellTimeoutSeconds) => new JsonObject
    {
        ["format"] = 1,
        ["assignment"] = "bench-grading",
        ["title"] = "Benchmark assignment",
        ["studentNotebookSha256"] = "",
        ["limits"] = new JsonObject { ["cellTimeoutSeconds"] = cellTimeoutSeconds, ["submissionTimeoutSeconds"] = 600 },
        ["cells"] = new JsonArray([.. Cells.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id, ["role"] = c.Role, ["source"] = c.Source, ["question"] = c.Question, ["test"] = c.Test,
        })]),
        ["questions"] = new JsonArray(Question("q1", "Sigmoid", 5), Question("q2", "Square", 2), Question("q3", "Overfitting", 1)),
        ["tests"] = new JsonArray(
            Test("q1.zero", "public", 2, "sigmoid(0) is one half", "q1-zero", ("sigmoid(0)", Judge.Close(), 0.5)),
            Test("q1.hidden", "hidden", 3, "sigmoid at a point", "q1-hidden", ("sigmoid(x)", Judge.Close(), 1 / (1 + Math.Exp(-0.8125)))),
            Test("q2.positive", "hidden", 1, "a positive number", "q2-positive", ("square(3)", Judge.Exact(), 9)),
            Test("q2.negative", "hidden", 1, "a negative number", "q2-negative", ("square(-1.5)", Judge.Close(), 2.25)),
            new JsonObject
            {
                ["id"] = "q3.why", ["question"] = "q3", ["visibility"] = "prose", ["points"] = 1, ["description"] = "why",
                ["cell"] = "q3-why", ["patterns"] = new JsonArray("overfit", "validation"),
            }),
    }.ToJsonString();

    static JsonObject Question(string id, string title, double points) => new() { ["id"] = id, ["title"] = title, ["points"] = points };

    static JsonObject Test(string id, string visibility, double points, string description, string cell,
        (string Name, Judge Judge, double Expected) expectation) => new()
    {
        ["id"] = id, ["question"] = id.Split('.')[0], ["visibility"] = visibility, ["points"] = points,
        ["description"] = description, ["cell"] = cell,
        ["expectations"] = new JsonArray(new JsonObject
        {
            ["name"] = expectation.Name, ["judge"] = expectation.Judge.ToJson(),
            ["expected"] = ReportedValue.Number(expectation.Expected).ToJson(),
        }),
    };

    /// <summary>The answer cells' sources of a submission that answers as <paramref name="answers"/> says.</summary>
    static Dictionary<string, string> AnswerCells(Answers answers) => new()
    {
        ["q1-answer"] = answers == Answers.WrongSigmoid ? "double Sigmoid(double z) => 1 / (1 + Math.Exp(z));"
            : "double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));",
        ["q2-answer"] = answers switch
        {
            Answers.WrongSquare => "double Square(double x) => x * Math.Abs(x);",
            Answers.InfiniteLoop => "double Square(double x) => x * x;\nwhile (true) { }",
            _ => "double Square(double x) => x * x;",
        },
        ["q3-why"] = ProseMarker + (answers == Answers.ShortProse ? "\nThe network overfits the training set."
            : "\nThe network overfits the training set; a validation set shows it."),
    };

    /// <summary>A student's notebook: every cell but the hidden tests, with its cell id and coursekit metadata, the answers filled in.</summary>
    public static string Submission(Answers answers)
    {
        var filled = AnswerCells(answers);
        var cells = new JsonArray();
        foreach (var (id, role, source, _, _) in Cells.Where(c => c.Role != "HiddenTest"))
        {
            bool markdown = role is "Markdown" or "Prose";
            var cell = new JsonObject
            {
                ["cell_type"] = markdown ? "markdown" : "code", ["id"] = id,
                ["metadata"] = new JsonObject { ["coursekit"] = new JsonObject { ["cell"] = id, ["role"] = RoleName(role) } },
                ["source"] = filled.GetValueOrDefault(id, source),
            };
            if (!markdown)
            {
                cell["execution_count"] = null;
                cell["outputs"] = new JsonArray();
            }
            cells.Add(cell);
        }
        return CoursekitCli.NotebookOf(cells);
    }

    /// <summary>The code cells the grader runs for a right submission, hidden tests included, in its order, as a plain
    /// notebook for <c>coursekit run</c> (with COURSEKIT_GRADING=1 its hidden tests report as they do when graded).</summary>
    public static string GradedCellsNotebook()
    {
        var filled = AnswerCells(Answers.Right);
        return CoursekitCli.Notebook([.. Cells.Where(c => c.Role is not ("Markdown" or "Prose")).Select(c => filled.GetValueOrDefault(c.Id, c.Source))]);
    }

    /// <summary>The role's name in a student notebook's metadata (as CellPlan.RoleName writes it).</summary>
    static string RoleName(string role) => role switch
    {
        "PublicTest" => "public-test",
        _ => role.ToLowerInvariant(),
    };
}
