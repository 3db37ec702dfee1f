using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseKit.Cli.Assignments;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;
using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Grading;

/// <summary>Grading could not be done for a reason that is not the student's (a restore failed, the worker did not
/// start): the submission is "not gradable" with this message, never scored 0.</summary>
public sealed class NotGradableException(string reason) : Exception(reason);

/// <summary>
/// Runs a submission's planned code cells one at a time in one worker (started through the options' launcher, in a
/// private working folder, with COURSEKIT_GRADING=1), each within the per-cell time limit and all within the
/// submission's. A cell that times out or crashes the worker (stack overflow, Environment.Exit, out of memory) costs
/// only itself: it is recorded, a fresh worker is started, the earlier cells that succeeded are run again in it (their
/// outputs discarded), and grading goes on with the next cell. After <see cref="GradeOptions.MaxRestarts"/> restarts,
/// or when the submission's time is up, the remaining cells are not run.
/// </summary>
sealed class GradingRun(Bundle bundle, GradeOptions options, string workingDirectory)
{
    /// <summary>One piece of code sent to the worker (a package's extension script, or a cell's code) with the
    /// assemblies it needs that were not referenced before: kept to be sent again to a fresh worker.</summary>
    sealed record Piece(string Code, IReadOnlyList<string> References);

    /// <summary>The variable that tells a session it is graded (CourseKit's <c>Grading.GradingVariable</c>): hidden tests report only then.</summary>
    public const string GradingVariable = "COURSEKIT_GRADING";

    readonly SessionPackages packages = new(options.Restorer, options.PackageSourcesFolder ?? Directory.GetCurrentDirectory());
    readonly OutputRouting routing = new();
    readonly List<Piece[]> succeeded = [];
    readonly List<string> notices = [];
    readonly List<string> tampering = [];
    /// <summary>The planned cell each execution number ran (replays are not here: what they send counts for nothing).</summary>
    readonly Dictionary<int, PlannedCell> ranAs = [];
    readonly Stopwatch clock = new();
    readonly TimeSpan cellLimit = options.TimeoutPerCell ?? TimeSpan.FromSeconds(bundle.Limits.CellTimeoutSeconds);
    readonly TimeSpan submissionLimit = TimeSpan.FromSeconds(bundle.Limits.SubmissionTimeoutSeconds);
    WorkerClient? worker;
    bool replayNeeded;
    /// <summary>A cell was stopped because the submission's time ran out (and the notice said so).</summary>
    bool outOfTime;
    int restarts;
    int executionCount;

    /// <summary>What the student should know about the run: restarts, cells left out, time running out.</summary>
    public IReadOnlyList<string> Notices => notices;

    /// <summary>What the student's code did to the grading machinery while it ran (hooks replaced, reports sent from
    /// the student's code while a test ran), one sentence each: the public tests then count for nothing.</summary>
    public IReadOnlyList<string> Tampering => tampering;

    /// <summary>Runs the cells, setting each one's <see cref="PlannedCell.Run"/>; throws <see cref="NotGradableException"/>.</summary>
    public async Task RunAsync(IReadOnlyList<PlannedCell> cells, CancellationToken cancel)
    {
        clock.Start();
        string? stop = null;
        try
        {
            foreach (var planned in cells.Where(c => c.Runs))
            {
                if (stop is not null) planned.Run = new CellRun(CellStatus.NotRun, stop, TimeSpan.Zero);
                else if (string.IsNullOrWhiteSpace(planned.Cell.Source)) planned.Run = new CellRun(CellStatus.Ok, null, TimeSpan.Zero);
                else if (Remaining <= TimeSpan.Zero)
                {
                    stop = $"not run: the submission's time limit of {submissionLimit.TotalSeconds:0.#} s ran out";
                    if (!outOfTime) notices.Add($"The submission's time limit of {submissionLimit.TotalSeconds:0.#} s ran out; the cells after that were not run.");
                    planned.Run = new CellRun(CellStatus.NotRun, stop, TimeSpan.Zero);
                }
                else
                {
                    planned.Run = await RunCellAsync(planned, cancel);
                    if (planned.Run.Status is CellStatus.TimedOut or CellStatus.Crashed && ++restarts > options.MaxRestarts)
                    {
                        stop = $"not run: the session was restarted {options.MaxRestarts} times, the most one submission gets";
                        notices.Add($"After {options.MaxRestarts} restarts of the session the remaining cells were not run.");
                    }
                }
            }
        }
        finally
        {
            await StopWorkerAsync();
            routing.Finish();
        }
    }

    TimeSpan Remaining => submissionLimit - clock.Elapsed;

    /// <summary>
    /// Why a cell the student wrote may not load what it asks for, or null. Packages are restored outside the sandbox,
    /// from the course's package sources: a submission may use the packages the assignment's own cells load, but cannot
    /// make the grader fetch others or add sources (which would reach the network on its behalf).
    /// </summary>
    string? ForeignPackages(CellDirectives directives)
    {
        var loaded = packages.Names.ToList();
        string course = loaded.Count == 0 ? "none" : string.Join(", ", loaded);
        if (directives.Sources.Count > 0)
            return $"A graded notebook cannot add package sources (#i \"nuget: {directives.Sources[0]}\"): the grader restores packages only from the course's sources. Remove the line.";
        if (directives.Packages.FirstOrDefault(p => !packages.Has(p.Name)) is { } other)
            return $"A graded notebook can load only the packages its assignment loads ({course}), not {other.Name}. " +
                   "Remove the #r line, or ask your instructor to add the package to the assignment's setup cell.";
        return null;
    }

    async Task<CellRun> RunCellAsync(PlannedCell planned, CancellationToken cancel)
    {
        var cell = planned.Cell;
        var directives = CellDirectives.Parse(cell.Source, workingDirectory);
        var refused = planned.FromBundle ? null : ForeignPackages(directives);
        // The worker starts (or restarts and replays the earlier cells) while the cell's packages are restored: each
        // takes seconds, and the first cell of a submission usually needs both.
        var ready = EnsureWorkerAsync(cancel);
        var prepared = refused is null ? await PrepareAsync(planned, directives, ready, cancel) : null;
        await ready;
        // Numbered after the replay, which numbers the replayed cells first: the worker's cell numbers only grow.
        int number = ++executionCount;
        cell.ExecutionCount = number;
        ranAs[number] = planned;
        var collector = routing.Collect(cell, number, bundle.Limits.MaxOutputPerCell, null);
        var started = clock.Elapsed;
        if (refused is not null)
        {
            collector.Add(Protocol.Error("PackageNotAllowedException", refused, [refused]));
            LogCell(number, CellStatus.Failed, TimeSpan.Zero, planned);
            return new CellRun(CellStatus.Failed, refused, TimeSpan.Zero);
        }
        foreach (var line in prepared!.Installed) collector.Add(Protocol.Stream("stdout", line));
        // A test's code is the bundle's; its Grading and Judge are CourseKit's, whatever the student's cells declared.
        var source = planned.IsTest ? TestCellSource.Qualified(directives.Code) : directives.Code;
        var pieces = prepared.Extensions.Append(source)
            .Select((code, i) => new Piece(code, i == 0 ? prepared.Assemblies : [])).ToArray();

        // The cell may take its own limit, but no more than the submission has left.
        var budget = cellLimit < Remaining ? cellLimit : Remaining;
        var outcome = await SendAsync(number, pieces, budget, cancel);
        var elapsed = clock.Elapsed - started;
        LogCell(number, outcome.Status, elapsed, planned);
        switch (outcome.Status)
        {
            case CellStatus.Ok:
                succeeded.Add(pieces);
                return new CellRun(CellStatus.Ok, null, elapsed);
            case CellStatus.TimedOut:
                outOfTime = budget < cellLimit;
                var limit = outOfTime ? $"the submission's time limit of {submissionLimit.TotalSeconds:0.#} s ran out while it ran"
                    : $"it did not finish within {cellLimit.TotalSeconds:0.#} s";
                var timeout = $"Cell {number} was stopped: {limit}.";
                collector.Add(Protocol.Error("TimeoutException", timeout, [timeout]));
                if (outOfTime)
                {
                    notices.Add($"{CellPlan.Capitalized(planned.Description)} was stopped because {limit}; the cells after it were not run.");
                    await StopWorkerAsync();
                }
                else await LoseWorkerAsync(planned, $"was stopped because {limit}");
                return new CellRun(CellStatus.TimedOut, limit, elapsed);
            case CellStatus.Crashed:
                var crash = $"Cell {number} crashed the session: {outcome.Note}";
                if (!planned.Hidden) collector.Add(Protocol.Error("WorkerCrashedException", crash.Split('\n')[0], crash.Split('\n')));
                await LoseWorkerAsync(planned, "ended the session (it exited the process, overflowed its stack or ran out of memory)");
                return new CellRun(CellStatus.Crashed, outcome.Note?.Split('\n')[0], elapsed);
            default:
                var error = cell.Outputs.LastOrDefault(o => o["output_type"]?.GetValue<string>() == "error");
                return new CellRun(outcome.Status, error?["evalue"]?.GetValue<string>(), elapsed);
        }
    }

    /// <summary>Restores the packages <paramref name="directives"/> ask for, while the worker gets <paramref name="ready"/>;
    /// a restore that fails makes the submission not gradable (the worker, once started, is stopped when the run ends).</summary>
    async Task<CellReferences> PrepareAsync(PlannedCell planned, CellDirectives directives, Task ready, CancellationToken cancel)
    {
        try { return await packages.PrepareAsync(directives, cancel: cancel); }
        catch (Exception e)
        {
            try { await ready; } catch (Exception) when (!cancel.IsCancellationRequested) { }
            if (e is RestoreException)
                throw new NotGradableException($"the packages of {planned.Description} could not be restored: {e.Message.Split('\n')[0]}");
            throw;
        }
    }

    /// <summary>Sends a cell's pieces in order; the first that does not succeed ends the cell.</summary>
    async Task<CellOutcome> SendAsync(int number, IEnumerable<Piece> pieces, TimeSpan budget, CancellationToken cancel)
    {
        var outcome = new CellOutcome(CellStatus.Ok);
        var start = clock.Elapsed;
        foreach (var piece in pieces)
        {
            var left = budget - (clock.Elapsed - start);
            if (left <= TimeSpan.Zero) return new CellOutcome(CellStatus.TimedOut);
            outcome = await worker!.RunCellAsync(number, piece.Code, piece.References, left, routing.OnOutput, routing.OnUpdate, cancel);
            if (outcome.Status != CellStatus.Ok) break;
        }
        return outcome;
    }

    /// <summary>After a cell took the worker down: the notice, and a fresh worker (with the cells replayed) before the next cell.</summary>
    async Task LoseWorkerAsync(PlannedCell planned, string what)
    {
        notices.Add($"{CellPlan.Capitalized(planned.Description)} {what}; the session was restarted " +
                    "and the cells before it that had succeeded were run again, without it.");
        await StopWorkerAsync();
        replayNeeded = true;
    }

    /// <summary>Starts a worker when there is none; after a restart, runs the cells that succeeded so far again in it.</summary>
    async Task EnsureWorkerAsync(CancellationToken cancel)
    {
        while (worker is null || worker.HasExited || replayNeeded)
        {
            if (worker is null || worker.HasExited) await StartWorkerAsync(cancel);
            if (!replayNeeded) return;
            replayNeeded = false;
            foreach (var pieces in succeeded.ToList())
            {
                int number = ++executionCount;
                routing.Collect(new Cell { Id = "replay", Kind = CellKind.Code, Source = "" }, number, bundle.Limits.MaxOutputPerCell, null);
                var budget = cellLimit < Remaining ? cellLimit : Remaining;
                var outcome = budget > TimeSpan.Zero ? await SendAsync(number, pieces, budget, cancel) : new CellOutcome(CellStatus.TimedOut);
                if (outcome.Status == CellStatus.Ok) continue;
                // A cell that succeeded before and not now (it depends on time or chance) is left out from here on.
                succeeded.Remove(pieces);
                if (outcome.Status is CellStatus.TimedOut or CellStatus.Crashed)
                {
                    if (++restarts > options.MaxRestarts || Remaining <= TimeSpan.Zero)
                        throw new NotGradableException("the session could not be set up again after a cell crashed it: the cells " +
                                                       "that had succeeded before failed when they were run again");
                    await StopWorkerAsync();
                    replayNeeded = true;
                    break;
                }
            }
        }
    }

    async Task StartWorkerAsync(CancellationToken cancel)
    {
        await StopWorkerAsync();
        // The sandbox shows the packages folder from the start, before the first cell's restore has made it.
        Directory.CreateDirectory(options.Restorer.PackagesFolder);
        var launch = new WorkerLaunch(workingDirectory, options.DataDirectory, bundle.DataFiles,
            new Dictionary<string, string> { [GradingVariable] = "1" }, bundle.Limits,
            [options.Restorer.PackagesFolder], options.WorkerStartTimeout);
        try
        {
            worker = await options.Launcher.StartAsync(launch, cancel);
            worker.OnGrading = OnGrading;
        }
        catch (InvalidOperationException e)
        {
            throw new NotGradableException($"the worker that runs the cells could not be started: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>
    /// A "report" or "tampering" message of the worker: a report counts for the test cell that ran as
    /// <paramref name="number"/>; tampering is named, with the cell that was running (hooks and reports) or noticed
    /// only (the console replaced). A report the worker refused counts as tampering only while a test ran.
    /// </summary>
    void OnGrading(int number, JsonObject message)
    {
        if (!ranAs.TryGetValue(number, out var planned)) return;
        if (message["type"]?.GetValue<string>() == Protocol.Report)
        {
            if (planned.IsTest && message["report"] is { } json && CapturedReport.Read(json) is { } report) planned.Reports.Add(report);
            return;
        }
        var kind = message["kind"]?.GetValue<string>();
        var what = message["what"]?.GetValue<string>() ?? "tampered with the grading";
        if (kind == TamperingItem.Report && !planned.IsTest) return;
        var sentence = kind == TamperingItem.Report
            ? $"{CellPlan.Capitalized(planned.Description)} received {what}: your code sent it while the test ran, and it was ignored."
            : $"{CellPlan.Capitalized(planned.Description)} (or a thread an earlier cell started, while it ran) {what}; it was put back.";
        var list = kind == TamperingItem.Console ? notices : tampering;
        if (!list.Contains(sentence)) list.Add(sentence);
    }

    async Task StopWorkerAsync()
    {
        if (worker is null) return;
        worker.DeliverLateOutput(routing.OnOutput, routing.OnUpdate);
        await worker.DisposeAsync();
        worker = null;
    }

    void LogCell(int number, CellStatus status, TimeSpan elapsed, PlannedCell planned) =>
        options.Log.WriteLine($"  [{number}] {NotebookRunner.Label(status),-9} {elapsed.TotalSeconds,6:0.00}s  " +
                              (planned.Hidden ? $"hidden test {planned.Spec!.Test}" : NotebookRunner.Quote(planned.Cell.FirstLine)));
}
