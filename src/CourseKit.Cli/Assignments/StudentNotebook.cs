using System.Text.Json.Nodes;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// The notebook students get (exercises/NAME.ipynb), made from a master: no solutions (each region stubbed), no
/// hidden tests, no instructor notes, no outputs. Each cell carries its stable id (nbformat <c>id</c> and
/// <c>metadata.coursekit.cell</c>) and its role (<c>metadata.coursekit.role</c>); locked setup and public tests are
/// also marked <c>editable: false, deletable: false</c>, which Jupyter honours. The same master always gives the
/// same bytes.
/// </summary>
public static class StudentNotebook
{
    /// <summary>The notebook, to be written at <paramref name="path"/>.</summary>
    public static Notebook Build(MasterNotebook master, string path)
    {
        var metadata = (JsonObject)master.Notebook.Metadata.DeepClone();
        metadata["coursekit"] = new JsonObject { ["assignment"] = master.Name };
        var notebook = new Notebook { Path = path, Metadata = metadata, DefaultLanguage = master.Notebook.DefaultLanguage };
        foreach (var cell in master.Cells.Where(c => c.InStudentVersion))
        {
            notebook.Cells.Add(new Cell
            {
                Id = cell.Id,
                Kind = cell.Cell.Kind,
                Language = cell.Cell.Language,
                Source = cell.StudentSource,
                Metadata = CellMetadata(cell.Id, cell.Role),
            });
        }
        return notebook;
    }

    /// <summary>The student notebook's file text (nbformat 4.5 JSON, as <see cref="NotebookWriter"/> writes every notebook).</summary>
    public static string Text(MasterNotebook master, string path) => NotebookWriter.ToJsonText(Build(master, path));

    /// <summary>
    /// A student notebook cell's metadata: <c>coursekit: {cell, role}</c>, and for locked cells and public tests
    /// <c>deletable: false, editable: false</c>. (The grader gives a cell it restores the same.)
    /// </summary>
    public static JsonObject CellMetadata(string id, CellRole role)
    {
        var metadata = new JsonObject { ["coursekit"] = new JsonObject { ["cell"] = id, ["role"] = RoleName(role) } };
        if (role is CellRole.Locked or CellRole.PublicTest)
        {
            metadata["deletable"] = false;
            metadata["editable"] = false;
        }
        return metadata;
    }

    /// <summary>The role as a student notebook's metadata names it: locked, answer, prose, public-test, hidden-test, code, markdown.</summary>
    public static string RoleName(CellRole role) => role switch
    {
        CellRole.PublicTest => "public-test",
        CellRole.HiddenTest => "hidden-test",
        _ => role.ToString().ToLowerInvariant(),
    };
}
