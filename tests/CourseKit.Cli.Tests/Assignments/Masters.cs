using CourseKit.Cli.Assignments;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests.Assignments;

/// <summary>Small master notebooks for the assign tests, written into temporary folders.</summary>
static class Masters
{
    /// <summary>
    /// A master with every kind of cell: settings, an instructor note, locked setup, a question with an answer cell,
    /// a public and a hidden test, a prose answer, an answer cell with its own stub, and an example.
    /// Cell ids in the file: c0 … c10 (<see cref="TestNotebooks.WriteIpynb"/>).
    /// </summary>
    public static readonly string[] Neuron =
    [
        "md:<!-- ASSIGNMENT cell-timeout=60 memory=1024 data=\"banknote/*\" -->\n# A00: the neuron\n\nA warm-up.",      // c0
        "md:<!-- INSTRUCTOR -->\nGoals: the sigmoid. Expected time: 20 minutes.",                                          // c1
        "// LOCKED\nusing static System.Math;",                                                                              // c2
        "md:<!-- QUESTION q1 -->\n## 1. The sigmoid\n\nWrite it.",                                                           // c3
        "double Sigmoid(double z)\n{\n    // BEGIN SOLUTION\n    return 1 / (1 + Exp(-z));\n    // END SOLUTION\n}",           // c4
        "// TEST q1.zero public points=1 \"the sigmoid of 0 is one half\"\n// HINT 1 / (1 + e^0)\nCourseKit.Grading.Check(\"sigmoid(0)\", Sigmoid(0), 0.5);", // c5
        "// TEST q1.many hidden points=2 \"the sigmoid at a few points\"\nCourseKit.Grading.Report(\"values\", new[] { Sigmoid(-2), Sigmoid(3) });",     // c6
        "md:<!-- QUESTION q2 -->\n## 2. Saturation",                                                                         // c7
        "md:<!-- ANSWER q2.why points=1 \"why a saturated sigmoid learns slowly\" patterns=\"saturat ;; gradient\" hint=\"think of the slope\" -->\nIt saturates: the gradient is almost 0.", // c8
        "var z = 2.0;\n// BEGIN SOLUTION stub: double s = double.NaN; // your code here\ndouble s = Sigmoid(z);\n// END SOLUTION\ns", // c9
        "Console.WriteLine(\"an example\");",                                                                                // c10
    ];

    public static string Write(string folder, string name, params string[] cells) => WriteIpynb(folder, name, cells);

    /// <summary>An nbformat 4.4 master, whose cells have no ids (as older Jupyter wrote them).</summary>
    public static string WriteWithoutIds(string folder, string name, params string[] cells)
    {
        var path = WriteIpynb(folder, name, cells);
        var json = ReadJson(path);
        foreach (var cell in json["cells"]!.AsArray()) cell!.AsObject().Remove("id");
        json["nbformat_minor"] = 4;
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    /// <summary>The problems the parser finds in a master made of <paramref name="cells"/> (none: an empty list).</summary>
    public static IReadOnlyList<string> Problems(params string[] cells)
    {
        var folder = NewFolder();
        try
        {
            MarkerParser.Read(Write(folder, "a99-test.ipynb", cells));
            return [];
        }
        catch (AssignmentException e) { return e.Problems; }
        finally { Directory.Delete(folder, recursive: true); }
    }

    /// <summary>A title, question q1 and a test of it, in front of the cells under test (they become cells 4, 5, …).</summary>
    public static string[] WithQuestion(params string[] cells) =>
        ["md:# Title", "md:<!-- QUESTION q1 -->\n## One", "// TEST q1.ok public \"fine\"\nCheck();", .. cells];
}
