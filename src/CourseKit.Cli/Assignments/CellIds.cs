using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// The stable ids of an assignment's cells, shared by the student notebook (nbformat id and
/// <c>metadata.coursekit.cell</c>) and the bundle, so that the grader finds a student's answer cell again. A cell keeps
/// the id it has in the master's .ipynb file (nbformat 4.5 ids survive editing, moving and inserting cells around
/// it); a cell without one (a .dib master, an older .ipynb) gets "ck-" and a hash of its position, role and question,
/// the same every time the master is regenerated.
/// </summary>
public static partial class CellIds
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ValidId();

    /// <summary>
    /// The ids the master's file itself gives its cells, by position; null where a cell has none, or one that is not
    /// a valid nbformat id or repeats an earlier one (the reader replaces those with random ids, which would not be
    /// stable).
    /// </summary>
    public static string?[] InFile(Notebook master)
    {
        var ids = new string?[master.Cells.Count];
        if (!master.Path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || !File.Exists(master.Path)) return ids;
        try
        {
            if (JsonNode.Parse(File.ReadAllText(master.Path))?["cells"] is not JsonArray cells || cells.Count != ids.Length) return ids;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < ids.Length; i++)
                if (cells[i]?["id"] is JsonValue v && v.TryGetValue(out string? id) && ValidId().IsMatch(id) && seen.Add(id))
                    ids[i] = id;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException) { }
        return ids;
    }

    /// <summary>The id of a cell without one in the file: "ck-" and 10 hex digits of SHA-256 of its position, role and question.</summary>
    public static string Derived(int number, CellRole role, string? question) =>
        "ck-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{number}|{role}|{question}")))[..10];
}
