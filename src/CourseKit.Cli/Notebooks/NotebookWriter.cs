using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Notebooks;

/// <summary>
/// Writes a notebook as nbformat 4.5 JSON with the .NET Interactive kernelspec and per-cell kernel metadata,
/// so that VS Code's Polyglot Notebooks and Jupyter both open it as a C# notebook.
/// </summary>
public static class NotebookWriter
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject ToJson(Notebook notebook)
    {
        var metadata = (JsonObject)notebook.Metadata.DeepClone();
        metadata["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        };
        metadata["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" };
        var polyglot = metadata["polyglot_notebook"] as JsonObject ?? new JsonObject();
        if (polyglot["kernelInfo"] is not JsonObject { } info || info["items"] is not JsonArray)
            polyglot["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            };
        metadata["polyglot_notebook"] = polyglot;

        var cells = new JsonArray();
        foreach (var cell in notebook.Cells)
        {
            var c = new JsonObject
            {
                ["cell_type"] = cell.Kind switch { CellKind.Code => "code", CellKind.Markdown => "markdown", _ => "raw" },
            };
            if (cell.Kind == CellKind.Code) c["execution_count"] = cell.ExecutionCount is int n ? n : null;
            c["id"] = cell.Id;
            var cellMetadata = (JsonObject)cell.Metadata.DeepClone();
            if (cell.Kind == CellKind.Code)
            {
                var language = cell.Language ?? notebook.DefaultLanguage;
                SetPath(cellMetadata, "dotnet_interactive", "language", language);
                SetPath(cellMetadata, "polyglot_notebook", "kernelName", language);
            }
            c["metadata"] = cellMetadata;
            if (cell.Kind == CellKind.Code)
                c["outputs"] = new JsonArray(cell.Outputs.Select(o => (JsonNode)o.DeepClone()).ToArray());
            c["source"] = Lines(cell.Source);
            cells.Add(c);
        }

        return new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = metadata,
            ["nbformat"] = 4,
            ["nbformat_minor"] = Math.Max(5, notebook.NbformatMinor),
        };
    }

    public static string ToJsonText(Notebook notebook) => ToJson(notebook).ToJsonString(Json) + "\n";

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and renames it, so a reader never sees half a notebook.</summary>
    public static void Write(Notebook notebook, string path) => WriteAtomically(path, ToJsonText(notebook));

    public static void WriteAtomically(string path, string text) => WriteAtomically(path, writer => writer.Write(text));

    /// <summary>
    /// Writes what <paramref name="write"/> produces to a temporary file beside <paramref name="path"/>, then renames it
    /// over <paramref name="path"/>: a reader sees the old file or the whole new one, never half of it. The temporary file
    /// is gone afterwards however the write ends (see <see cref="TemporaryFiles"/>), and leftovers of killed runs in the
    /// folder are removed first.
    /// </summary>
    public static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        TemporaryFiles.RemoveStale(Path.GetDirectoryName(full)!);
        var temp = TemporaryFiles.Beside(full);
        try
        {
            using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false))) write(writer);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            TemporaryFiles.Release(temp);
        }
    }

    /// <summary>Jupyter's "multiline string": the text split into lines that keep their "\n".</summary>
    public static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int nl = text.IndexOf('\n', start);
            int end = nl < 0 ? text.Length : nl + 1;
            array.Add(text[start..end]);
            start = end;
        }
        return array;
    }

    static void SetPath(JsonObject o, string outer, string inner, string value)
    {
        if (o[outer] is not JsonObject child) o[outer] = child = new JsonObject();
        child[inner] = value;
    }
}
