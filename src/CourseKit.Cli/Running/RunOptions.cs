namespace CourseKit.Cli.Running;

/// <summary>What <c>coursekit run</c> was asked to do.</summary>
public sealed class RunOptions
{
    /// <summary>Notebooks (.ipynb, .dib) and folders to search for them.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Where executed notebooks go (DIR/&lt;name&gt;.ipynb); null writes &lt;name&gt;.executed.ipynb beside each input.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Also write a standalone &lt;name&gt;.html page of each executed notebook.</summary>
    public bool Html { get; init; }

    /// <summary>
    /// Run the remaining cells after a cell fails. By default a notebook stops at its first failing cell, as Jupyter's
    /// "Run All" does, and the cells after it are reported as not run.
    /// </summary>
    public bool KeepGoing { get; init; }

    /// <summary>How long one cell may run before it is stopped (default 600 s).</summary>
    public TimeSpan TimeoutPerCell { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>
    /// How many bytes of each stream (stdout, stderr) a cell's output keeps (default 4 MB, about 50,000 lines of
    /// 80 characters); what the cell prints beyond that is left out with one "output truncated" line.
    /// </summary>
    public long MaxOutputPerCell { get; init; } = DefaultMaxOutputPerCell;

    /// <summary>The default of <see cref="MaxOutputPerCell"/>: 4 MB.</summary>
    public const long DefaultMaxOutputPerCell = 4_000_000;

    /// <summary>Also keep the whole text of a stream that went over the limit in &lt;notebook&gt;.cell-N.stdout.txt beside the output.</summary>
    public bool KeepFullOutput { get; init; }

    /// <summary>The course data folder, passed to cells as COURSEKIT_DATA.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Where progress lines go (the console by default).</summary>
    public TextWriter Log { get; init; } = Console.Out;
}

/// <summary>
/// One cell's result, for the summary: <paramref name="Index"/> is its position in the file (from 1),
/// <paramref name="Number"/> the number shown beside it on the page ([3] in Jupyter and the HTML export), null when it
/// did not run.
/// </summary>
public sealed record CellReport(int Index, int? Number, string FirstLine, CellStatus Status, TimeSpan Elapsed, string? Note = null);

/// <summary>
/// One notebook's result: where it was written, and each cell; <see cref="Error"/> when it could not be run at all, or
/// its outputs could not be written.
/// </summary>
public sealed record NotebookReport(string Path, string? OutputPath, string? HtmlPath, IReadOnlyList<CellReport> Cells, string? Error = null)
{
    public bool Succeeded => Error is null && Cells.All(c => c.Status is CellStatus.Ok or CellStatus.Markdown or CellStatus.Skipped);
}

/// <summary>The whole run; exit code 0 only when every cell of every notebook succeeded.</summary>
public sealed record RunReport(IReadOnlyList<NotebookReport> Notebooks)
{
    public int ExitCode => Notebooks.Count > 0 && Notebooks.All(n => n.Succeeded) ? 0 : 1;
}
