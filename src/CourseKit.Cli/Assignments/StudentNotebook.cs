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
        var notebook = Of(master, path, master.Cells.Where(c => c.InStudentVersion), c => c.StudentSource);
        notebook.Metadata["coursekit"] = new JsonObject { ["assignment"] = master.Name };
        return notebook;
    }

    /// <summary>
    /// The master as a submission to run: one cell per bundle cell, with the bundle cell's id and role in its metadata
    /// (as a student's notebook has them), answer cells holding the solutions and prose cells the model answers.
    /// </summary>
    public static Notebook MasterAsSubmission(MasterNotebook master) =>
        Of(master, master.Notebook.Path, master.Cells.Where(c => c.InBundle), c => c.Source);

    /// <summary>A notebook of some of the master's cells, each with its id, its metadata and the source <paramref name="source"/> picks.</summary>
    static Notebook Of(MasterNotebook master, string path, IEnumerable<MasterCell> cells, Func<MasterCell, string> source)
    {
        var notebook = new Notebook
        {
            Path = path,
            Metadata = (JsonObject)master.Notebook.Metadata.DeepClone(),
            DefaultLanguage = master.Notebook.DefaultLanguage,
        };
        notebook.Cells.AddRange(cells.Select(cell => new Cell
        {
            Id = cell.Id,
            Kind = cell.Cell.Kind,
            Language = cell.Cell.Language,
            Source = source(cell),
            Metadata = CellMetadata(cell.Id, cell.Role),
        }));
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
