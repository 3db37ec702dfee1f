using System.Diagnostics;
using CourseKit.Cli.Html;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Running;

/// <summary>
/// Runs notebooks: each notebook's C# cells go, in order, to a fresh worker process in the notebook's folder; outputs
/// come back into the cells; the executed notebook (and optionally an HTML page) is written when the notebook is done.
/// Like Jupyter's "Run All", a notebook stops at its first cell that fails, times out or crashes the worker, and the
/// cells after it are marked not run; with <see cref="RunOptions.KeepGoing"/> the cells after a failure still run
/// (a timeout or crash still ends the notebook: its worker is gone). Cells are named by the number the page shows
/// beside them (their execution count), in the log, in error messages and in the summary.
/// Where each notebook will be written is checked before anything runs; a notebook that cannot be written is reported
/// and not run, and the others go on.
/// </summary>
public sealed class NotebookRunner(RunOptions options)
{
    readonly PackageRestorer restorer = new();

    public static TimeSpan WorkerStartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Finds the notebooks in <see cref="RunOptions.Inputs"/> and runs them.</summary>
    public Task<RunReport> RunAsync(CancellationToken cancel = default) =>
        RunAsync(NotebookFinder.Find(options.Inputs, options.OutputDirectory), cancel);

    /// <summary>Runs notebooks already found (as <see cref="NotebookFinder.Find"/> lists them).</summary>
    public async Task<RunReport> RunAsync(IReadOnlyList<NotebookInput> inputs, CancellationToken cancel = default)
    {
        var problems = OutputProblems(inputs);
        var reports = new List<NotebookReport>();
        foreach (var input in inputs)
        {
            cancel.ThrowIfCancellationRequested();
            if ((input.Problem ?? problems.GetValueOrDefault(input)) is { } problem)
            {
                options.Log.WriteLine($"▶ {input.Path}\n  ✗ {problem} (not run)");
                reports.Add(new NotebookReport(input.Path, null, null, [], problem));
                continue;
            }
            try { reports.Add(await RunNotebookAsync(input, cancel)); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A defect in coursekit must not cost the other notebooks their run.
                var error = $"coursekit failed on this notebook: {e.GetType().Name}: {e.Message}";
                options.Log.WriteLine($"  ✗ {error}");
                reports.Add(new NotebookReport(input.Path, null, null, [], error));
            }
        }
        return new RunReport(reports);
    }

    /// <summary>
    /// For each notebook whose executed copy or page cannot be written, why: a folder in the way, a folder that cannot
    /// be written to or made, or an earlier notebook of this run written to the same file.
    /// </summary>
    Dictionary<NotebookInput, string> OutputProblems(IReadOnlyList<NotebookInput> inputs)
    {
        var problems = new Dictionary<NotebookInput, string>();
        var folders = new Dictionary<string, string?>(StringComparer.Ordinal);
        var writers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs.Where(i => i.Problem is null))
        {
            var (notebook, html) = OutputPaths(input);
            foreach (var target in options.Html ? [notebook, html] : new[] { notebook })
            {
                var problem = OutputLocation.FileProblem(target, folders)
                              ?? (writers.TryGetValue(target, out var other)
                                  ? $"{target}: {other} is written there too; rename one of them or run them with different --out folders"
                                  : null)
                              ?? (target == notebook && IsSourceNotebookBeside(target, input)
                                  ? $"{target} is a notebook of yours, which the executed copy of {input.Path} would replace; choose another --out"
                                  : null);
                if (problem is not null) { problems[input] = problem; break; }
            }
            if (!problems.ContainsKey(input))
            {
                writers[notebook] = input.Path;
                if (options.Html) writers[html] = input.Path;
            }
        }
        return problems;
    }

    /// <summary>
    /// True when <paramref name="target"/> is an existing notebook in <paramref name="input"/>'s own folder (a.ipynb beside
    /// a.dib, run with --out set to that folder): a source, not an earlier output, so it must not be overwritten.
    /// </summary>
    static bool IsSourceNotebookBeside(string target, NotebookInput input) =>
        File.Exists(target) && NotebookFinder.IsNotebook(target)
        && Path.GetDirectoryName(target) == Path.GetDirectoryName(input.Path);

    /// <summary>Where the executed copy of a notebook goes: DIR/&lt;relative name&gt;.ipynb, or &lt;name&gt;.executed.ipynb beside it.</summary>
    public (string Notebook, string Html) OutputPaths(NotebookInput input)
    {
        var name = Path.GetFileNameWithoutExtension(input.Path);
        var dir = Path.GetDirectoryName(input.Path)!;
        if (options.OutputDirectory is { } outDir)
        {
            var target = Path.GetFullPath(Path.Combine(outDir, input.RelativeOutput));
            if (!string.Equals(target, input.Path, StringComparison.Ordinal))
                return (target, Path.ChangeExtension(target, ".html"));
        }
        return (Path.Combine(dir, name + ".executed.ipynb"), Path.Combine(dir, name + ".html"));
    }

    public async Task<NotebookReport> RunNotebookAsync(NotebookInput input, CancellationToken cancel = default)
    {
        var log = options.Log;
        log.WriteLine($"▶ {input.Path}");
        Notebook notebook;
        try { notebook = NotebookReader.Read(input.Path); }
        catch (NotebookFormatException e)
        {
            log.WriteLine($"  ✗ {e.Message} (nothing written)");
            return new NotebookReport(input.Path, null, null, [], e.Message);
        }

        var notebookDir = Path.GetDirectoryName(input.Path)!;
        var cells = new List<CellReport>();
        WorkerClient? worker = null;
        string? stopReason = null;
        int executionCount = 0;
        var packages = new SessionPackages(restorer, notebookDir);
        var routing = new OutputRouting();
        var sideFileStem = options.KeepFullOutput ? Path.ChangeExtension(OutputPaths(input).Notebook, null) : null;
        try
        {
            for (int i = 0; i < notebook.Cells.Count; i++)
            {
                var cell = notebook.Cells[i];
                int index = i + 1;
                if (cell.Kind != CellKind.Code)
                {
                    cells.Add(new CellReport(index, null, cell.FirstLine, CellStatus.Markdown, TimeSpan.Zero));
                    continue;
                }
                if (!Kernels.IsCSharp(cell.Language))
                {
                    var note = $"#!{cell.Language} cells are not run by coursekit (C# only); its outputs are kept";
                    cells.Add(new CellReport(index, null, cell.FirstLine, CellStatus.Skipped, TimeSpan.Zero, note));
                    log.WriteLine($"  [ ] skipped  {note}");
                    continue;
                }
                if (stopReason is not null)
                {
                    cell.Outputs.Clear();
                    cell.ExecutionCount = null;
                    cells.Add(new CellReport(index, null, cell.FirstLine, CellStatus.NotRun, TimeSpan.Zero, stopReason));
                    continue;
                }
                if (string.IsNullOrWhiteSpace(cell.Source))
                {
                    cells.Add(new CellReport(index, null, cell.FirstLine, CellStatus.Ok, TimeSpan.Zero));
                    continue;
                }

                cell.Outputs.Clear();
                int number = ++executionCount;
                cell.ExecutionCount = number;
                var collector = routing.Collect(cell, number, options.MaxOutputPerCell, sideFileStem);
                var clock = Stopwatch.StartNew();
                var directives = CellDirectives.Parse(cell.Source, notebookDir);
                CellReferences prepared;
                try
                {
                    prepared = await packages.PrepareAsync(directives,
                        restoring => log.WriteLine($"  [{number}] restoring {string.Join(", ", restoring)} …"), cancel);
                    foreach (var line in prepared.Installed) collector.Add(Protocol.Stream("stdout", line));
                }
                catch (RestoreException e)
                {
                    cell.Outputs.Add(Protocol.Error("NuGetRestoreException", e.Message.Split('\n')[0], e.Message.Split('\n')));
                    cells.Add(Report(index, cell, CellStatus.Failed, clock.Elapsed, "package restore failed"));
                    LogCell(number, CellStatus.Failed, clock.Elapsed, cell);
                    if (!options.KeepGoing) stopReason = StopReason(number, "failed");
                    continue;
                }
                var references = prepared.Assemblies;

                if (worker is null || worker.HasExited)
                {
                    try { worker = await WorkerClient.StartAsync(notebookDir, options.DataDirectory, WorkerStartTimeout, cancel); }
                    catch (InvalidOperationException e)
                    {
                        stopReason = "not run: the worker process could not be started";
                        cell.Outputs.Add(Protocol.Error("WorkerStartException", e.Message.Split('\n')[0], e.Message.Split('\n')));
                        cells.Add(Report(index, cell, CellStatus.Crashed, clock.Elapsed, e.Message.Split('\n')[0]));
                        continue;
                    }
                }

                // The worker names the cell by this number in its errors ("in cell 3, line 2"), as the page shows it.
                // Extension scripts of packages loaded just now run first, in the cell; a failure stops what follows.
                var outcome = new CellOutcome(CellStatus.Ok);
                foreach (var code in prepared.Extensions.Append(directives.Code))
                {
                    if (outcome.Status != CellStatus.Ok) break;
                    outcome = await worker.RunCellAsync(number, code, references, options.TimeoutPerCell, routing.OnOutput, routing.OnUpdate, cancel);
                    references = [];
                }
                clock.Stop();

                string? noteText = null;
                if (outcome.Status == CellStatus.TimedOut)
                {
                    noteText = $"Cell {number} ({Quote(cell.FirstLine)}) {outcome.Note}";
                    collector.Add(Protocol.Error("TimeoutException", noteText, [noteText]));
                    stopReason = StopReason(number, "timed out");
                }
                else if (outcome.Status == CellStatus.Crashed)
                {
                    noteText = $"Cell {number} ({Quote(cell.FirstLine)}) crashed the notebook: {outcome.Note}";
                    collector.Add(Protocol.Error("WorkerCrashedException", noteText.Split('\n')[0], noteText.Split('\n')));
                    stopReason = StopReason(number, "crashed the worker");
                }
                else if (outcome.Status == CellStatus.Failed)
                {
                    noteText = cell.Outputs.LastOrDefault(o => o["output_type"]?.GetValue<string>() == "error")?["evalue"]?.GetValue<string>();
                    if (!options.KeepGoing) stopReason = StopReason(number, "failed");
                }
                cells.Add(Report(index, cell, outcome.Status, clock.Elapsed, noteText));
                LogCell(number, outcome.Status, clock.Elapsed, cell);
            }
        }
        finally
        {
            if (worker is not null)
            {
                worker.DeliverLateOutput(routing.OnOutput, routing.OnUpdate);
                await worker.DisposeAsync();
            }
            routing.Finish();
        }
        if (cells.Count(c => c.Status == CellStatus.NotRun) is var notRun and > 0) log.WriteLine($"  {notRun} later cell(s) {stopReason}");
        return WriteOutputs(input, notebook, notebookDir, cells);
    }

    /// <summary>The progress line of a finished cell: "  [3] ok          0.52s  first line…".</summary>
    void LogCell(int number, CellStatus status, TimeSpan elapsed, Cell cell) =>
        options.Log.WriteLine($"  [{number}] {Label(status),-9} {elapsed.TotalSeconds,6:0.00}s  {Quote(cell.FirstLine)}");

    /// <summary>Why the cells after cell <paramref name="number"/> were not run, with the way to run them anyway.</summary>
    static string StopReason(int number, string what) => what == "failed"
        ? $"not run: cell {number} failed (--keep-going runs the cells after a failure)"
        : $"not run: cell {number} {what}";

    /// <summary>
    /// Writes the executed notebook and, when asked, its page. A file that cannot be written (the folder was removed or
    /// locked while the notebook ran) fails this notebook with the reason; the run goes on.
    /// </summary>
    NotebookReport WriteOutputs(NotebookInput input, Notebook notebook, string notebookDir, List<CellReport> cells)
    {
        var (notebookPath, htmlPath) = OutputPaths(input);
        string? written = null, writtenHtml = null;
        try
        {
            NotebookWriter.Write(notebook, notebookPath);
            written = notebookPath;
            options.Log.WriteLine($"  → {notebookPath}");
            if (options.Html)
            {
                NotebookWriter.WriteAtomically(htmlPath, writer => HtmlExporter.Export(notebook, notebookDir, writer));
                writtenHtml = htmlPath;
                options.Log.WriteLine($"  → {htmlPath}");
            }
            return new NotebookReport(input.Path, written, writtenHtml, cells);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var target = written is null ? notebookPath : htmlPath;
            var error = e is IOException or UnauthorizedAccessException
                ? $"{target} could not be written ({OutputLocation.Reason(e, target, target)}); choose a folder you can write to with --out"
                : $"{target} could not be made: {e.GetType().Name}: {e.Message}";
            options.Log.WriteLine($"  ✗ {error}");
            return new NotebookReport(input.Path, written, null, cells, error);
        }
    }

    static CellReport Report(int index, Cell cell, CellStatus status, TimeSpan elapsed, string? note) =>
        new(index, cell.ExecutionCount, cell.FirstLine, status, elapsed, note);

    internal static string Label(CellStatus status) => status switch
    {
        CellStatus.Ok => "ok",
        CellStatus.Failed => "failed",
        CellStatus.TimedOut => "timed out",
        CellStatus.Crashed => "crashed",
        CellStatus.Skipped => "skipped",
        CellStatus.NotRun => "not run",
        _ => "markdown",
    };

    internal static string Quote(string firstLine) => firstLine.Length > 60 ? firstLine[..57] + "…" : firstLine;
}
