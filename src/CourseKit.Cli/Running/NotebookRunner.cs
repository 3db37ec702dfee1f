using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseKit.Cli.Html;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Running;

/// <summary>
/// Runs notebooks: each notebook's C# cells go, in order, to a fresh worker process in the notebook's folder; outputs
/// come back into the cells; the executed notebook (and optionally an HTML page) is written when the notebook is done.
/// A cell that fails leaves the worker running and the next cells still run (as after an error in the kernel);
/// a cell that times out or crashes the worker ends that notebook, and its remaining cells are marked not run.
/// </summary>
public sealed class NotebookRunner(RunOptions options)
{
    readonly PackageRestorer restorer = new();

    public static TimeSpan WorkerStartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public async Task<RunReport> RunAsync(CancellationToken cancel = default)
    {
        var reports = new List<NotebookReport>();
        foreach (var input in NotebookFinder.Find(options.Inputs, options.OutputDirectory))
        {
            cancel.ThrowIfCancellationRequested();
            reports.Add(await RunNotebookAsync(input, cancel));
        }
        return new RunReport(reports);
    }

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
        var packages = new List<PackageRequest>();
        var sources = new List<string>();
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var displays = new Dictionary<string, (Cell Cell, JsonObject Output)>();
        var collected = new Dictionary<int, CellOutput>();
        var sideFileStem = options.KeepFullOutput ? Path.ChangeExtension(OutputPaths(input).Notebook, null) : null;
        void OnOutput(int from, JsonObject output, string? displayId)
        {
            if (collected.TryGetValue(from, out var target) && target.Add(output) is { } shown && displayId is not null)
                displays[displayId] = (target.Cell, shown);
        }
        void OnUpdate(int from, string displayId, JsonObject output)
        {
            if (collected.TryGetValue(from, out var target)) UpdateOutput(target.Cell, displayId, output, displays);
        }
        try
        {
            for (int i = 0; i < notebook.Cells.Count; i++)
            {
                var cell = notebook.Cells[i];
                int number = i + 1;
                if (cell.Kind != CellKind.Code)
                {
                    cells.Add(new CellReport(number, cell.FirstLine, CellStatus.Markdown, TimeSpan.Zero));
                    continue;
                }
                if (!Kernels.IsCSharp(cell.Language))
                {
                    var note = $"#!{cell.Language} cells are not run by coursekit (C# only); its outputs are kept";
                    cells.Add(new CellReport(number, cell.FirstLine, CellStatus.Skipped, TimeSpan.Zero, note));
                    log.WriteLine($"  [{number}] skipped  {note}");
                    continue;
                }
                if (stopReason is not null || string.IsNullOrWhiteSpace(cell.Source))
                {
                    bool empty = stopReason is null;
                    if (!empty) { cell.Outputs.Clear(); cell.ExecutionCount = null; }
                    cells.Add(new CellReport(number, cell.FirstLine, empty ? CellStatus.Ok : CellStatus.NotRun, TimeSpan.Zero, empty ? null : stopReason));
                    continue;
                }

                cell.Outputs.Clear();
                cell.ExecutionCount = ++executionCount;
                var collector = collected[number] = new CellOutput(cell, number, options.MaxOutputPerCell, sideFileStem);
                var clock = Stopwatch.StartNew();
                var directives = CellDirectives.Parse(cell.Source, notebookDir);

                // References: DLL paths, and everything a restore of all packages asked for so far brings in.
                var references = new List<string>(directives.AssemblyPaths.Where(referenced.Add));
                if (directives.Packages.Count > 0)
                {
                    foreach (var p in directives.Packages)
                    {
                        packages.RemoveAll(q => q.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase));
                        packages.Add(p);
                    }
                    sources.AddRange(directives.Sources.Except(sources).ToList());
                    try
                    {
                        log.WriteLine($"  [{number}] restoring {string.Join(", ", directives.Packages)} …");
                        var restored = await restorer.RestoreAsync(packages, sources, notebookDir, cancel);
                        references.AddRange(restored.Assemblies.Where(referenced.Add));
                        foreach (var p in directives.Packages)
                            collector.Add(Protocol.Stream("stdout", $"Installed package {p.Name} version {restored.Resolved.GetValueOrDefault(p.Name, p.Version ?? "?")}\n"));
                    }
                    catch (RestoreException e)
                    {
                        cell.Outputs.Add(Protocol.Error("NuGetRestoreException", e.Message.Split('\n')[0], e.Message.Split('\n')));
                        cells.Add(Report(number, cell, CellStatus.Failed, clock.Elapsed, "package restore failed"));
                        continue;
                    }
                }
                else if (directives.Sources.Count > 0)
                {
                    sources.AddRange(directives.Sources.Except(sources).ToList());
                }

                if (worker is null || worker.HasExited)
                {
                    try { worker = await WorkerClient.StartAsync(notebookDir, options.DataDirectory, WorkerStartTimeout, cancel); }
                    catch (InvalidOperationException e)
                    {
                        stopReason = "the worker process could not be started";
                        cell.Outputs.Add(Protocol.Error("WorkerStartException", e.Message.Split('\n')[0], e.Message.Split('\n')));
                        cells.Add(Report(number, cell, CellStatus.Crashed, clock.Elapsed, e.Message.Split('\n')[0]));
                        continue;
                    }
                }

                var outcome = await worker.RunCellAsync(number, directives.Code, references, options.TimeoutPerCell, OnOutput, OnUpdate, cancel);
                clock.Stop();

                string? noteText = null;
                if (outcome.Status == CellStatus.TimedOut)
                {
                    noteText = $"Cell {number} ({Quote(cell.FirstLine)}) {outcome.Note}";
                    collector.Add(Protocol.Error("TimeoutException", noteText, [noteText]));
                    stopReason = $"not run: cell {number} timed out";
                }
                else if (outcome.Status == CellStatus.Crashed)
                {
                    noteText = $"Cell {number} ({Quote(cell.FirstLine)}) crashed the notebook: {outcome.Note}";
                    collector.Add(Protocol.Error("WorkerCrashedException", noteText.Split('\n')[0], noteText.Split('\n')));
                    stopReason = $"not run: cell {number} crashed the worker";
                }
                else if (outcome.Status == CellStatus.Failed)
                {
                    noteText = cell.Outputs.LastOrDefault(o => o["output_type"]?.GetValue<string>() == "error")?["evalue"]?.GetValue<string>();
                }
                cells.Add(Report(number, cell, outcome.Status, clock.Elapsed, noteText));
                log.WriteLine($"  [{number}] {Label(outcome.Status),-9} {clock.Elapsed.TotalSeconds,6:0.00}s  {Quote(cell.FirstLine)}");
            }
        }
        finally
        {
            if (worker is not null)
            {
                worker.DeliverLateOutput(OnOutput, OnUpdate);
                await worker.DisposeAsync();
            }
            foreach (var collector in collected.Values) collector.Finish();
        }

        var (notebookPath, htmlPath) = OutputPaths(input);
        NotebookWriter.Write(notebook, notebookPath);
        log.WriteLine($"  → {notebookPath}");
        string? writtenHtml = null;
        if (options.Html)
        {
            NotebookWriter.WriteAtomically(htmlPath, HtmlExporter.Export(notebook, notebookDir));
            writtenHtml = htmlPath;
            log.WriteLine($"  → {htmlPath}");
        }
        return new NotebookReport(input.Path, notebookPath, writtenHtml, cells);
    }

    static CellReport Report(int number, Cell cell, CellStatus status, TimeSpan elapsed, string? note) =>
        new(number, cell.FirstLine, status, elapsed, note);

    /// <summary>
    /// Replaces a display's output in place, even one shown by an earlier cell: the notebook keeps the last state.
    /// </summary>
    static void UpdateOutput(Cell current, string displayId, JsonObject output, Dictionary<string, (Cell Cell, JsonObject Output)> displays)
    {
        var copy = (JsonObject)output.DeepClone();
        if (displays.TryGetValue(displayId, out var shown) && shown.Cell.Outputs.IndexOf(shown.Output) is var index and >= 0)
        {
            shown.Cell.Outputs[index] = copy;
            displays[displayId] = (shown.Cell, copy);
        }
        else
        {
            current.Outputs.Add(copy);
            displays[displayId] = (current, copy);
        }
    }

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
