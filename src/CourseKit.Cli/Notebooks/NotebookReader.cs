using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Notebooks;

/// <summary>Reads .ipynb (nbformat 4) and .dib (Polyglot's plain-text format) into a <see cref="Notebook"/>.</summary>
public static class NotebookReader
{
    public static Notebook Read(string path)
    {
        string text;
        try
        {
            // Strict UTF-8 (a byte-order mark is honoured): bytes that are not text are refused, never replaced by '�'.
            using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            throw new NotebookFormatException(path, $"is not UTF-8 text (line {FirstLineNotUtf8(File.ReadAllBytes(path))} holds bytes " +
                                                    "that are not); save it again as UTF-8 in your editor");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException(path, $"cannot be read ({e.Message})");
        }
        try
        {
            return System.IO.Path.GetExtension(path).Equals(".dib", StringComparison.OrdinalIgnoreCase)
                ? ParseDib(path, text)
                : ParseIpynb(path, text);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // JSON that parses but is not a notebook in a way not checked above (a key given twice, a value of the wrong kind).
            throw new NotebookFormatException(path, $"is not a notebook coursekit can read: {e.Message}");
        }
    }

    public static Notebook ParseIpynb(string path, string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new NotebookFormatException(path, "is empty; an .ipynb notebook is a JSON object with \"cells\", \"metadata\" and \"nbformat\" " +
                                                    "(open it in Jupyter or VS Code and save it again)");
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }); }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path,
                $"is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {FirstSentence(e.Message)}");
        }
        if (root is not JsonObject nb)
            throw new NotebookFormatException(path, "is not a notebook: the top level of the JSON must be an object with \"cells\", \"metadata\" and \"nbformat\"");

        if (nb["nbformat"] is not JsonValue formatValue || !formatValue.TryGetValue(out int format))
            throw new NotebookFormatException(path, nb.ContainsKey("nbformat")
                ? $"has an \"nbformat\" that is {Describe(nb["nbformat"])}; only nbformat 4 notebooks can be run"
                : "has no \"nbformat\" number; only nbformat 4 notebooks can be run");
        if (format != 4)
            throw new NotebookFormatException(path, $"is nbformat {format}; only nbformat 4 notebooks can be run (open and save it in Jupyter or VS Code to upgrade it)");
        int minor = nb["nbformat_minor"] is JsonValue mv && mv.TryGetValue(out int m) ? m : 0;

        if (nb["cells"] is not JsonArray cells)
            throw new NotebookFormatException(path, nb.ContainsKey("cells")
                ? "has \"cells\" that is not an array"
                : "has no \"cells\" array");

        var metadata = nb["metadata"] as JsonObject ?? new JsonObject();
        var notebook = new Notebook
        {
            Path = path,
            Metadata = (JsonObject)metadata.DeepClone(),
            NbformatMinor = minor,
            DefaultLanguage = DefaultLanguageOf(metadata),
        };

        var ids = new HashSet<string>();
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject c)
                throw new NotebookFormatException(path, $"cell {i + 1} is not a JSON object");
            string type = c["cell_type"] is JsonValue tv && tv.TryGetValue(out string? t) ? t
                : throw new NotebookFormatException(path, c.ContainsKey("cell_type")
                    ? $"cell {i + 1} has a \"cell_type\" that is {Describe(c["cell_type"])}; expected \"code\", \"markdown\" or \"raw\""
                    : $"cell {i + 1} has no \"cell_type\"");
            var kind = type switch
            {
                "code" => CellKind.Code,
                "markdown" => CellKind.Markdown,
                "raw" => CellKind.Raw,
                _ => throw new NotebookFormatException(path, $"cell {i + 1} has cell_type \"{type}\"; expected code, markdown or raw"),
            };
            var name = c["id"] is JsonValue nv && nv.TryGetValue(out string? cellId) ? $"cell {i + 1} (id \"{cellId}\")" : $"cell {i + 1}";
            string source = MultilineString(c["source"], out var sourceProblem)
                ?? throw new NotebookFormatException(path, $"{name} {sourceProblem}");
            var cellMetadata = c["metadata"] is JsonObject cm ? (JsonObject)cm.DeepClone() : new JsonObject();

            string id = c["id"] is JsonValue iv && iv.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s) && ids.Add(s)
                ? s : NewId(ids);

            var cell = new Cell { Id = id, Kind = kind, Source = source, Metadata = cellMetadata };
            if (kind == CellKind.Code)
            {
                cell.Language = LanguageOf(cellMetadata, source, notebook.DefaultLanguage);
                cell.ExecutionCount = c["execution_count"] is JsonValue ev && ev.TryGetValue(out int n) ? n : null;
                if (c["outputs"] is JsonArray outs)
                    foreach (var o in outs.OfType<JsonObject>()) cell.Outputs.Add((JsonObject)o.DeepClone());
            }
            notebook.Cells.Add(cell);
        }
        return notebook;
    }

    /// <summary>
    /// A .dib file: an optional "#!meta" JSON header, then cells that each start with a kernel line
    /// ("#!csharp", "#!markdown", "#!fsharp", …). Blank lines around a cell's text are not part of it.
    /// </summary>
    public static Notebook ParseDib(string path, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var kernelNames = new HashSet<string>(Kernels.Known, StringComparer.OrdinalIgnoreCase);
        var notebook = new Notebook { Path = path };

        // The #!meta cell may name more kernels (and aliases) that also act as separators.
        var sections = new List<(string Kernel, List<string> Lines)>();
        (string Kernel, List<string> Lines)? current = null;
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd();
            if (trimmed.StartsWith("#!") && trimmed.Length > 2 && !trimmed.Contains(' ') && kernelNames.Contains(trimmed[2..]))
            {
                current = (trimmed[2..], new List<string>());
                sections.Add(current.Value);
                continue;
            }
            if (current is null)
            {
                if (trimmed.Length == 0) continue;
                current = (notebook.DefaultLanguage, new List<string>());
                sections.Add(current.Value);
            }
            current.Value.Lines.Add(line);
        }

        var ids = new HashSet<string>();
        foreach (var (kernel, body) in sections)
        {
            string content = string.Join("\n", body).Trim('\n', '\r', ' ', '\t') ;
            if (kernel.Equals("meta", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    if (JsonNode.Parse(content) is JsonObject meta)
                    {
                        notebook.Metadata["polyglot_notebook"] = meta.DeepClone();
                        notebook.DefaultLanguage = DefaultLanguageOf(notebook.Metadata);
                        if (meta["kernelInfo"]?["items"] is JsonArray items)
                            foreach (var item in items.OfType<JsonObject>())
                            {
                                if (item["name"]?.GetValue<string>() is { } n) kernelNames.Add(n);
                                if (item["aliases"] is JsonArray al)
                                    foreach (var a in al) if (a?.GetValue<string>() is { } s) kernelNames.Add(s.TrimStart('#', '!'));
                            }
                    }
                }
                catch (JsonException e)
                {
                    throw new NotebookFormatException(path, $"has a #!meta header that is not valid JSON: {FirstSentence(e.Message)}");
                }
                continue;
            }
            if (content.Length == 0) continue;
            string name = Kernels.Canonical(kernel);
            notebook.Cells.Add(name == "markdown"
                ? new Cell { Id = NewId(ids), Kind = CellKind.Markdown, Source = content }
                : new Cell { Id = NewId(ids), Kind = CellKind.Code, Source = content, Language = name });
        }
        if (notebook.Cells.Count == 0)
            throw new NotebookFormatException(path, "is empty (it has no cell with any text); a .dib notebook holds cells, each after a line " +
                                                    "such as #!csharp or #!markdown");
        return notebook;
    }

    static string DefaultLanguageOf(JsonObject metadata)
    {
        if (metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"] is JsonValue v && v.TryGetValue(out string? name))
            return Kernels.Canonical(name);
        if (metadata["kernelspec"]?["language"] is JsonValue l && l.TryGetValue(out string? lang))
            return Kernels.Canonical(lang);
        return "csharp";
    }

    /// <summary>A code cell's kernel: its metadata, else a "#!name" first line, else the notebook's default.</summary>
    static string LanguageOf(JsonObject metadata, string source, string fallback)
    {
        var firstLine = source.TrimStart().Split('\n', 2)[0].Trim();
        if (firstLine.StartsWith("#!") && Kernels.Known.Contains(firstLine[2..]) && firstLine[2..] != "meta")
            return Kernels.Canonical(firstLine[2..]);
        foreach (var (outer, inner) in new[] { ("polyglot_notebook", "kernelName"), ("dotnet_interactive", "language") })
            if (metadata[outer]?[inner] is JsonValue v && v.TryGetValue(out string? name))
                return Kernels.Canonical(name);
        return fallback;
    }

    /// <summary>
    /// Jupyter's "multiline string": one string, or a list of strings (the lines) joined. Anything else is null, with
    /// <paramref name="problem"/> saying what was found instead.
    /// </summary>
    static string? MultilineString(JsonNode? node, out string problem)
    {
        problem = "";
        if (node is JsonValue v && v.TryGetValue(out string? s)) return s;
        if (node is JsonArray a)
        {
            var text = new StringBuilder();
            for (int i = 0; i < a.Count; i++)
            {
                if (a[i] is JsonValue item && item.TryGetValue(out string? line)) { text.Append(line); continue; }
                problem = $"has a \"source\" list whose item {i + 1} is {Describe(a[i])}, not text; each item must be a line of the cell in quotes";
                return null;
            }
            return text.ToString();
        }
        problem = node is null
            ? "has no \"source\" (its text: a string, or a list of strings, one per line)"
            : $"has a \"source\" that is {Describe(node)}; it must be a string, or a list of strings, one per line";
        return null;
    }

    /// <summary>A JSON value in words, for messages: "a number (5)", "null", "an object".</summary>
    static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v when v.GetValueKind() is JsonValueKind.Number => $"a number ({v.ToJsonString()})",
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => $"a true/false value ({v.ToJsonString()})",
        _ => node.ToJsonString(),
    };

    /// <summary>The line (counting from 1) of the first bytes in <paramref name="bytes"/> that are not UTF-8.</summary>
    static int FirstLineNotUtf8(byte[] bytes)
    {
        System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out int valid, out _, replaceInvalidSequences: false);
        return bytes.AsSpan(0, valid).Count((byte)'\n') + 1;
    }

    internal static string NewId(HashSet<string> taken)
    {
        while (true)
        {
            var id = Guid.NewGuid().ToString("N")[..8];
            if (taken.Add(id)) return id;
        }
    }

    static string FirstSentence(string message)
    {
        var i = message.IndexOf(" Path:", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}
