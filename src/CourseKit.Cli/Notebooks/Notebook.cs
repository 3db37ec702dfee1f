using System.Text.Json.Nodes;

namespace CourseKit.Cli.Notebooks;

/// <summary>What a cell holds: code to run, markdown to show, or raw text to pass through.</summary>
public enum CellKind { Code, Markdown, Raw }

/// <summary>One cell of a notebook, as read from .ipynb or .dib, with the outputs of its latest run.</summary>
public sealed class Cell
{
    public required string Id { get; set; }
    public required CellKind Kind { get; init; }

    /// <summary>The kernel name that runs a code cell ("csharp", "fsharp", "pwsh", …); null for markdown and raw cells.</summary>
    public string? Language { get; set; }

    public required string Source { get; set; }

    /// <summary>The cell's metadata as read, kept so that a round trip loses nothing.</summary>
    public JsonObject Metadata { get; init; } = new();

    /// <summary>nbformat output objects (stream, display_data, execute_result, error).</summary>
    public List<JsonObject> Outputs { get; } = new();

    public int? ExecutionCount { get; set; }

    /// <summary>The first non-blank line of the source, to name the cell in messages.</summary>
    public string FirstLine =>
        Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
}

/// <summary>A notebook in memory: its cells and notebook-level metadata, whatever file it came from.</summary>
public sealed class Notebook
{
    public required string Path { get; init; }
    public List<Cell> Cells { get; } = new();
    public JsonObject Metadata { get; init; } = new();
    public int NbformatMinor { get; set; } = 5;

    /// <summary>The kernel that runs cells with no language of their own (from the notebook's metadata; "csharp" if none).</summary>
    public string DefaultLanguage { get; set; } = "csharp";
}

/// <summary>A notebook file that cannot be read: the message names the file and says what is wrong.</summary>
public sealed class NotebookFormatException(string path, string problem)
    : Exception($"{path}: {problem}")
{
    public string NotebookPath { get; } = path;
    public string Problem { get; } = problem;
}

/// <summary>Kernel names and their aliases, as .NET Interactive spells them.</summary>
public static class Kernels
{
    /// <summary>Maps any alias (c#, cs, C#, csharp) to the kernel's name (csharp).</summary>
    public static string Canonical(string name) => name.Trim().ToLowerInvariant() switch
    {
        "c#" or "cs" or "csharp" => "csharp",
        "f#" or "fs" or "fsharp" => "fsharp",
        "powershell" or "pwsh" => "pwsh",
        "md" or "markdown" => "markdown",
        "js" or "javascript" => "javascript",
        var other => other,
    };

    /// <summary>Names that start a new cell in a .dib file (besides those the file's #!meta declares).</summary>
    public static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "csharp", "c#", "cs", "fsharp", "f#", "fs", "pwsh", "powershell", "markdown", "md", "javascript", "js",
        "html", "sql", "kql", "mermaid", "http", "value", "meta", "python", "r",
    };

    public static bool IsCSharp(string? name) => name is not null && Canonical(name) == "csharp";
}
