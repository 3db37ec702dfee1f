using Spectre.Console;

namespace CourseKit.Cli.Running;

/// <summary>
/// The table printed at the end of a run. By default it shows each notebook in one line (how many cells passed, the
/// time) followed by only what went wrong: the failing cell, by the number the page shows beside it, and how many cells
/// after it were not run. With <c>verbose</c> every cell gets its own line. The totals and the first line of each
/// failure's message follow the table.
/// </summary>
public static class Summary
{
    public static void Print(RunReport report, IAnsiConsole console, bool verbose = false)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Notebook").AddColumn(new TableColumn("Cell").RightAligned()).AddColumn("First line")
            .AddColumn(new TableColumn("Time").RightAligned()).AddColumn("Status");
        foreach (var notebook in report.Notebooks)
            AddNotebook(table, notebook, verbose);
        console.Write(table);

        var cells = report.Notebooks.SelectMany(n => n.Cells).Where(c => c.Status != CellStatus.Markdown).ToList();
        int ok = cells.Count(c => c.Status == CellStatus.Ok);
        int failed = cells.Count(c => IsFailure(c.Status));
        int notRun = cells.Count(c => c.Status == CellStatus.NotRun);
        int skipped = cells.Count(c => c.Status == CellStatus.Skipped);
        int broken = report.Notebooks.Count(n => n.Error is not null);
        console.MarkupLine($"{report.Notebooks.Count} notebook(s), {ok} cell(s) ok, {failed} failed, {notRun} not run, {skipped} skipped" +
                           (broken > 0 ? $", [red]{broken} notebook(s) not run or not written[/]" : "") +
                           $", {Seconds(cells):0.0} s in cells");
        foreach (var (notebook, cell) in report.Notebooks.SelectMany(n => n.Cells.Select(c => (n, c)))
                     .Where(x => IsFailure(x.c.Status) && x.c.Note is not null))
            console.MarkupLine($"[red]{Markup.Escape(Path.GetFileName(notebook.Path))} {Markup.Escape(CellName(cell))}:[/] {Markup.Escape(cell.Note!.Split('\n')[0])}");
    }

    static void AddNotebook(Table table, NotebookReport notebook, bool verbose)
    {
        var name = Markup.Escape(Path.GetFileName(notebook.Path));
        var code = notebook.Cells.Where(c => c.Status != CellStatus.Markdown).ToList();
        if (!verbose && code.Count > 0)
        {
            int ok = code.Count(c => c.Status == CellStatus.Ok);
            table.AddRow(name, "", $"{ok} of {code.Count} cell(s) ok", Time(Seconds(code)),
                notebook.Succeeded ? "[green]ok[/]" : "[red]failed[/]");
            name = "";
        }
        foreach (var cell in code.Where(c => verbose || IsFailure(c.Status)))
        {
            table.AddRow(name, cell.Number?.ToString() ?? "", Markup.Escape(NotebookRunner.Quote(cell.FirstLine)), Time(cell.Elapsed.TotalSeconds), Status(cell));
            name = "";
        }
        if (!verbose)
            foreach (var (status, what) in new[] { (CellStatus.NotRun, "later cell(s)"), (CellStatus.Skipped, "cell(s) in other languages") })
                if (code.Count(c => c.Status == status) is var n and > 0)
                {
                    table.AddRow(name, "", $"{n} {what}", "", Status(code.First(c => c.Status == status)));
                    name = "";
                }
        if (notebook.Error is not null)
            table.AddRow(name, "", Markup.Escape(notebook.Error), "", notebook.Cells.Count == 0 ? "[red]not run[/]" : "[red]not written[/]");
    }

    static bool IsFailure(CellStatus status) => status is CellStatus.Failed or CellStatus.TimedOut or CellStatus.Crashed;

    /// <summary>A cell as the page shows it: "cell 3" by its execution count, or its position when it did not run.</summary>
    static string CellName(CellReport cell) => cell.Number is int n ? $"cell {n}" : $"cell at position {cell.Index}";

    static double Seconds(IEnumerable<CellReport> cells) => cells.Sum(c => c.Elapsed.TotalSeconds);

    static string Time(double seconds) => seconds == 0 ? "" : $"{seconds:0.00} s";

    static string Status(CellReport cell) => cell.Status switch
    {
        CellStatus.Ok => "[green]ok[/]",
        CellStatus.Failed => "[red]failed[/]",
        CellStatus.TimedOut => "[red]timed out[/]",
        CellStatus.Crashed => "[red]crashed[/]",
        CellStatus.NotRun => "[grey]not run[/]",
        CellStatus.Skipped => "[yellow]skipped[/]",
        _ => "",
    };
}
