using System.Text.Json;
using System.Text.Json.Nodes;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;
using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// Runs the master's C# cells in order in one worker process (the runner's, started with COURSEKIT_GRADING=1 so that
/// <c>Grading.Report</c> sends its values), each within the assignment's cell timeout, and collects the reports
/// (display outputs of type <see cref="ValueFormatter.ReportMimeType"/>) of each test's cell. The first cell that
/// does not succeed stops the run: the master must run cleanly. The master is the instructor's own code, so it runs
/// in its folder without a sandbox.
/// </summary>
public sealed class WorkerMasterRunner(string? dataDirectory, TextWriter log) : IMasterRunner
{
    readonly PackageRestorer restorer = new();

    public async Task<MasterRun> RunAsync(Bundle bundle, Notebook master, CancellationToken cancel)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(master.Path))!;
        var sources = master.Cells.ToDictionary(c => c.Id);
        var timeout = TimeSpan.FromSeconds(bundle.Limits.CellTimeoutSeconds);
        var outputs = new Dictionary<int, List<JsonObject>>();
        var numbered = new Dictionary<int, BundleCell>();
        var runs = new List<MasterCellRun>();
        var packages = new List<PackageRequest>();
        var feeds = new List<string>();
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var extended = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void OnOutput(int from, JsonObject output, string? _) { if (outputs.TryGetValue(from, out var list)) list.Add(output); }
        WorkerClient? worker = null;
        string? stop = null;
        int number = 0;
        try
        {
            foreach (var cell in bundle.Cells.Where(c => c.Role is not (CellRole.Markdown or CellRole.Prose)))
            {
                var source = sources[cell.Id];
                if (!Kernels.IsCSharp(source.Language)) { runs.Add(new MasterCellRun(cell.Id, CellStatus.Skipped)); continue; }
                if (stop is not null) { runs.Add(new MasterCellRun(cell.Id, CellStatus.NotRun, stop)); continue; }
                number++;
                outputs[number] = [];
                numbered[number] = cell;
                var directives = CellDirectives.Parse(source.Source, folder);
                var references = directives.AssemblyPaths.Where(referenced.Add).ToList();
                var extensions = new List<string>();
                feeds.AddRange(directives.Sources.Except(feeds).ToList());
                if (directives.Packages.Count > 0)
                {
                    foreach (var p in directives.Packages)
                    {
                        packages.RemoveAll(q => q.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase));
                        packages.Add(p);
                    }
                    try
                    {
                        var restored = await restorer.RestoreAsync(packages, feeds, folder, cancel);
                        references.AddRange(restored.Assemblies.Where(referenced.Add));
                        foreach (var (_, packageFolder) in restored.Folders.Where(f => extended.Add(f.Key)))
                            if (ExtensionScript.CSharpIn(packageFolder) is { } script) extensions.Add(script);
                    }
                    catch (RestoreException e)
                    {
                        stop = Stop(runs, cell, CellStatus.Failed, e.Message.Split('\n')[0]);
                        continue;
                    }
                }
                try
                {
                    worker ??= await WorkerClient.StartAsync(folder, dataDirectory, NotebookRunner.WorkerStartTimeout, cancel,
                        new Dictionary<string, string> { ["COURSEKIT_GRADING"] = "1" });
                }
                catch (InvalidOperationException e)
                {
                    stop = Stop(runs, cell, CellStatus.Crashed, e.Message.Split('\n')[0]);
                    continue;
                }
                var outcome = new CellOutcome(CellStatus.Ok);
                foreach (var code in extensions.Append(directives.Code))
                {
                    if (outcome.Status != CellStatus.Ok) break;
                    outcome = await worker.RunCellAsync(number, code, references, timeout, OnOutput, (_, _, _) => { }, cancel);
                    references = [];
                }
                log.WriteLine($"  [{number}] {NotebookRunner.Label(outcome.Status),-9} {NotebookRunner.Quote(source.FirstLine)}");
                if (outcome.Status == CellStatus.Ok) runs.Add(new MasterCellRun(cell.Id, CellStatus.Ok));
                else stop = Stop(runs, cell, outcome.Status, outcome.Note ?? ErrorIn(outputs[number]));
            }
        }
        finally
        {
            if (worker is not null)
            {
                worker.DeliverLateOutput(OnOutput, (_, _, _) => { });
                await worker.DisposeAsync();
            }
        }

        var reports = new Dictionary<string, IReadOnlyList<TestReport>>(StringComparer.Ordinal);
        foreach (var (n, cell) in numbered.Where(c => c.Value.Test is not null))
        {
            var list = new List<TestReport>();
            foreach (var output in outputs[n])
                if (ReportIn(output) is { } report) list.Add(report);
                else if (output["data"]?[ValueFormatter.ReportMimeType] is not null)
                    runs.Add(new MasterCellRun(cell.Id, CellStatus.Failed, $"a report could not be read: {output["data"]![ValueFormatter.ReportMimeType]!.ToJsonString()}"));
            reports[cell.Test!] = list;
        }
        return new MasterRun(reports, runs);
    }

    /// <summary>Records the cell that stopped the run; returns why the cells after it did not run.</summary>
    static string Stop(List<MasterCellRun> runs, BundleCell cell, CellStatus status, string? error)
    {
        runs.Add(new MasterCellRun(cell.Id, status, error));
        return "an earlier cell of the master did not succeed";
    }

    /// <summary>The message of the error output a failing cell left ("CS0103: The name 'x' does not exist …").</summary>
    static string? ErrorIn(List<JsonObject> outputs) =>
        outputs.LastOrDefault(o => o["output_type"]?.GetValue<string>() == "error") is { } error
            ? $"{error["ename"]?.GetValue<string>()}: {error["evalue"]?.GetValue<string>()}"
            : null;

    /// <summary>A report display's content, {"name", "value", "judge"} as JSON text; null when the output is no report or is damaged.</summary>
    public static TestReport? ReportIn(JsonObject output)
    {
        if (output["data"]?[ValueFormatter.ReportMimeType] is not { } data) return null;
        try
        {
            var json = data is JsonValue v && v.TryGetValue(out string? text) ? JsonNode.Parse(text) : data;
            if (json?["name"] is not JsonValue name || !name.TryGetValue(out string? reportName)) return null;
            return new TestReport(reportName, ReportedValue.FromJson(json["value"]), Judge.FromJson(json["judge"]));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
