using Spectre.Console;

namespace CourseKit.Cli.Running;

/// <summary>The table printed at the end of a run: each notebook's cells with their time and status.</summary>
public static class Summary
{
    public static void Print(RunReport report, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Notebook").AddColumn(new TableColumn("Cell").RightAligned()).AddColumn("First line")
            .AddColumn(new TableColumn("Time").RightAligned()).AddColumn("Status");
        foreach (var notebook in report.Notebooks)
        {
            var name = Markup.Escape(Path.GetFileName(notebook.Path));
            if (notebook.Error is not null)
            {
                table.AddRow(name, "", Markup.Escape(notebook.Error), "", "[red]not run[/]");
                continue;
            }
            foreach (var cell in notebook.Cells.Where(c => c.Status != CellStatus.Markdown))
            {
                table.AddRow(name, cell.Index.ToString(), Markup.Escape(NotebookRunner.Quote(cell.FirstLine)),
                    cell.Elapsed == TimeSpan.Zero ? "" : $"{cell.Elapsed.TotalSeconds:0.00} s", Status(cell));
                name = "";
            }
        }
        console.Write(table);

        var cells = report.Notebooks.SelectMany(n => n.Cells).Where(c => c.Status != CellStatus.Markdown).ToList();
        int ok = cells.Count(c => c.Status == CellStatus.Ok);
        int bad = cells.Count(c => c.Status is CellStatus.Failed or CellStatus.TimedOut or CellStatus.Crashed or CellStatus.NotRun);
        int skipped = cells.Count(c => c.Status == CellStatus.Skipped);
        int broken = report.Notebooks.Count(n => n.Error is not null);
        var total = cells.Aggregate(TimeSpan.Zero, (t, c) => t + c.Elapsed);
        console.MarkupLine($"{report.Notebooks.Count} notebook(s), {ok} cell(s) ok, {bad} not ok, {skipped} skipped" +
                           (broken > 0 ? $", [red]{broken} notebook(s) unreadable[/]" : "") + $", {total.TotalSeconds:0.0} s in cells");
        foreach (var cell in report.Notebooks.SelectMany(n => n.Cells.Select(c => (n, c)))
                     .Where(x => x.c.Status is CellStatus.Failed or CellStatus.TimedOut or CellStatus.Crashed && x.c.Note is not null))
            console.MarkupLine($"[red]{Markup.Escape(Path.GetFileName(cell.n.Path))} cell {cell.c.Index}:[/] {Markup.Escape(cell.c.Note!.Split('\n')[0])}");
    }

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
