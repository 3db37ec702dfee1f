using System.Text.Json.Nodes;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Grading;

/// <summary>
/// The feedback notebook a student gets back: a summary cell on top, then the student's own cells as they were graded,
/// with their outputs, and after the cells of each question a cell with that question's verdict. The feedback's own
/// cells carry <c>metadata.coursekit.role = "feedback"</c> and cannot be edited in Jupyter.
/// </summary>
public static class FeedbackNotebook
{
    /// <summary>The role in <c>metadata.coursekit</c> of the cells the feedback adds.</summary>
    public const string Role = "feedback";

    /// <param name="result">What grading found.</param>
    /// <param name="graded">The student's cells in order with their outputs, each with <c>metadata.coursekit.cell</c>.</param>
    /// <param name="path">Where the feedback notebook will be written.</param>
    public static Notebook Build(SubmissionResult result, Notebook graded, string path)
    {
        var feedback = new Notebook
        {
            Path = path,
            Metadata = (JsonObject)graded.Metadata.DeepClone(),
            NbformatMinor = graded.NbformatMinor,
            DefaultLanguage = graded.DefaultLanguage,
        };
        var ids = graded.Cells.Select(c => c.Id).ToHashSet();
        feedback.Cells.Add(FeedbackCell(UniqueId("feedback-summary", ids), FeedbackMarkdown.Summary(result, Title(result, graded)), null));

        var verdicts = result.Gradable ? VerdictsByPlace(result, graded) : [];
        foreach (var verdict in verdicts.GetValueOrDefault(-1, [])) feedback.Cells.Add(NewVerdict(verdict, ids));
        for (int i = 0; i < graded.Cells.Count; i++)
        {
            feedback.Cells.Add(Copy(graded.Cells[i]));
            foreach (var verdict in verdicts.GetValueOrDefault(i, [])) feedback.Cells.Add(NewVerdict(verdict, ids));
        }
        return feedback;
    }

    /// <summary>The assignment's title: the graded notebook's first "# " heading, else the assignment's id.</summary>
    static string Title(SubmissionResult result, Notebook graded) =>
        graded.Cells.Where(c => c.Kind == CellKind.Markdown)
            .SelectMany(c => c.Source.Split('\n'))
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("# "))?[2..].Trim() is { Length: > 0 } title ? title : result.Assignment;

    /// <summary>
    /// The questions, by the index of the graded cell their verdict follows: the last of the question's test cells
    /// (for a hidden test, which the student's notebook does not hold, the student's cell the grader ran before it;
    /// -1 when none came before). A question whose cells cannot be found gets no verdict cell; the summary lists it.
    /// </summary>
    static Dictionary<int, List<(QuestionResult, IReadOnlyList<TestResult>)>> VerdictsByPlace(SubmissionResult result, Notebook graded)
    {
        var indexOf = new Dictionary<string, int>();
        for (int i = 0; i < graded.Cells.Count; i++) indexOf.TryAdd(BundleCellId(graded.Cells[i]), i);
        var gradedOrder = result.Cells.Select(c => c.Id).ToList();

        int? Place(string? cell)
        {
            if (cell is null) return null;
            if (indexOf.TryGetValue(cell, out var index)) return index;
            int position = gradedOrder.IndexOf(cell);
            if (position < 0) return null;
            for (int before = position - 1; before >= 0; before--)
                if (indexOf.TryGetValue(gradedOrder[before], out index)) return index;
            return -1;
        }

        var places = new Dictionary<int, List<(QuestionResult, IReadOnlyList<TestResult>)>>();
        foreach (var (question, tests) in FeedbackMarkdown.Questions(result))
            if (tests.Select(t => Place(t.Cell)).Max() is int place)
            {
                if (!places.TryGetValue(place, out var here)) places[place] = here = [];
                here.Add((question, tests));
            }
        return places;
    }

    /// <summary>The bundle's id of a graded cell: <c>metadata.coursekit.cell</c>, else its nbformat id.</summary>
    static string BundleCellId(Cell cell) =>
        cell.Metadata["coursekit"]?["cell"] is JsonValue v && v.TryGetValue(out string? id) ? id : cell.Id;

    static Cell NewVerdict((QuestionResult Question, IReadOnlyList<TestResult> Tests) verdict, HashSet<string> ids) =>
        FeedbackCell(UniqueId($"feedback-{verdict.Question.Id}", ids), FeedbackMarkdown.Verdict(verdict.Question, verdict.Tests), verdict.Question.Id);

    static Cell FeedbackCell(string id, string markdown, string? question)
    {
        var coursekit = new JsonObject { ["role"] = Role };
        if (question is not null) coursekit["question"] = question;
        return new Cell
        {
            Id = id,
            Kind = CellKind.Markdown,
            Source = markdown,
            Metadata = new JsonObject { ["coursekit"] = coursekit, ["editable"] = false, ["deletable"] = false },
        };
    }

    /// <summary>A copy of the student's cell without the reports its tests sent to the grader (the grader's, not the student's).</summary>
    static Cell Copy(Cell cell)
    {
        var copy = new Cell
        {
            Id = cell.Id, Kind = cell.Kind, Language = cell.Language, Source = cell.Source,
            Metadata = (JsonObject)cell.Metadata.DeepClone(), ExecutionCount = cell.ExecutionCount,
        };
        foreach (var output in cell.Outputs)
            if (output["data"] is not JsonObject data || !data.ContainsKey(ReportMimeType))
                copy.Outputs.Add((JsonObject)output.DeepClone());
        return copy;
    }

    /// <summary>The MIME type of a test's report (the library's <c>Grading.ReportMimeType</c>).</summary>
    const string ReportMimeType = Worker.ValueFormatter.ReportMimeType;

    /// <summary><paramref name="wanted"/> as an nbformat cell id (letters, digits, '-' and '_'), with a number after it
    /// when a cell of the notebook already has that id.</summary>
    static string UniqueId(string wanted, HashSet<string> ids)
    {
        wanted = new string([.. wanted.Take(56).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
        var id = wanted;
        for (int n = 2; !ids.Add(id); n++) id = $"{wanted}-{n}";
        return id;
    }
}
