using System.Text.Json.Nodes;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Tests.Feedback;

/// <summary>A student's notebook as the grader hands it to the feedback: the student's cells in order with their
/// outputs, each with metadata.coursekit = {cell, role}; the hidden test h-range (run after c-sig-test) is not in it.</summary>
static class GradedNotebooks
{
    public static Notebook Bob(string path = "graded.ipynb")
    {
        var notebook = new Notebook { Path = path };
        Add(notebook, "m-title", "markdown", CellKind.Markdown, "# The neuron\n\nTwo questions about one neuron.");
        Add(notebook, "a-sigmoid", "answer", CellKind.Code, "double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));", 1,
            Stream("Sigmoid is ready\n"));
        Add(notebook, "c-sig-test", "public-test", CellKind.Code, "// TEST q1.sigmoid public points=2 \"Sigmoid of 0, 1 and -2\"\nGrading.Check(\"sigmoid\", Sigmoid(0), 0.5);", 2,
            Stream("✓ sigmoid\n"),
            new JsonObject
            {
                ["output_type"] = "display_data", ["metadata"] = new JsonObject(),
                ["data"] = new JsonObject
                {
                    ["text/plain"] = "{\"name\":\"sigmoid\",\"value\":{\"kind\":\"number\",\"numbers\":[0.5]}}",
                    ["application/vnd.coursekit.report+json"] = new JsonObject { ["name"] = "sigmoid" },
                },
            });
        Add(notebook, "m-q2", "markdown", CellKind.Markdown, "<!-- QUESTION q2 -->\n## A forward pass");
        Add(notebook, "a-forward", "answer", CellKind.Code, "double[] Forward(double[] x) => x;", 3);
        Add(notebook, "c-fwd-test", "public-test", CellKind.Code, "// TEST q2.forward public points=1.5\nGrading.Check(\"forward\", Forward([1, 2])[0], 0.731);", 4,
            new JsonObject { ["output_type"] = "error", ["ename"] = "CheckFailedException", ["evalue"] = "✗ forward: expected 0.731, got 1", ["traceback"] = new JsonArray() });
        Add(notebook, "c-why", "prose", CellKind.Markdown, "<!-- ANSWER q2.why points=1.5 -->\nBecause it is faster.");
        return notebook;
    }

    static void Add(Notebook notebook, string id, string role, CellKind kind, string source, int? count = null, params JsonObject[] outputs)
    {
        var cell = new Cell
        {
            Id = id, Kind = kind, Source = source, Language = kind == CellKind.Code ? "csharp" : null, ExecutionCount = count,
            Metadata = new JsonObject { ["coursekit"] = new JsonObject { ["cell"] = id, ["role"] = role } },
        };
        cell.Outputs.AddRange(outputs);
        notebook.Cells.Add(cell);
    }

    static JsonObject Stream(string text) =>
        new() { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = text };
}
