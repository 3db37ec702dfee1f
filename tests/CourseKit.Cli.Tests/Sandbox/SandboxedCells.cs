using System.Text;
using System.Text.Json.Nodes;
using CourseKit.Cli.Running;
using CourseKit.Cli.Sandbox;

namespace CourseKit.Cli.Tests.Sandbox;

/// <summary>
/// A worker started through <see cref="WorkerClient"/> in a sandbox, in a fresh submission folder of a fresh grading
/// folder (which also holds a decoy bundle and another student's submission), and the text of each cell it runs.
/// </summary>
sealed class SandboxedCells : IAsyncDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    static readonly TimeSpan CellTimeout = TimeSpan.FromSeconds(120);

    readonly List<JsonObject> outputs = [];
    int cells;

    public WorkerClient Worker { get; }

    /// <summary>The grading folder: bundle.json, other-student/, and this worker's submission/.</summary>
    public string GradingFolder { get; }

    public string Submission => Path.Combine(GradingFolder, "submission");

    SandboxedCells(WorkerClient worker, string gradingFolder)
    {
        Worker = worker;
        GradingFolder = gradingFolder;
    }

    /// <summary>The sandbox this machine offers; the calling test is skipped where bubblewrap does not work.</summary>
    public static ISandbox Bubblewrap()
    {
        var sandbox = Sandboxes.Detect();
        Skip.If(sandbox is Unisolated, $"bubblewrap does not work here: {(sandbox as Unisolated)?.Reason}");
        return sandbox;
    }

    /// <summary>A grading folder with a decoy bundle and another submission, and a fresh submission folder for the worker.</summary>
    public static string NewGradingFolder()
    {
        var folder = TestNotebooks.NewFolder();
        File.WriteAllText(Path.Combine(folder, "bundle.json"), """{"hidden": "expected values"}""");
        Directory.CreateDirectory(Path.Combine(folder, "other-student"));
        File.WriteAllText(Path.Combine(folder, "other-student", "answers.ipynb"), "{}");
        Directory.CreateDirectory(Path.Combine(folder, "submission"));
        File.WriteAllText(Path.Combine(folder, "submission", "mine.txt"), "my own file");
        return folder;
    }

    /// <summary>Starts a worker in <paramref name="sandbox"/>; <paramref name="change"/> adjusts the spec made for the submission folder.</summary>
    public static async Task<SandboxedCells> StartAsync(ISandbox sandbox, Func<SandboxSpec, SandboxSpec>? change = null, string? packagesFolder = null)
    {
        var grading = NewGradingFolder();
        var spec = SandboxSpec.ForWorker(Path.Combine(grading, "submission"), packagesFolder);
        if (change is not null) spec = change(spec);
        var worker = await WorkerClient.StartAsync(spec.WorkingFolder, null, StartTimeout, default, sandbox, spec);
        return new SandboxedCells(worker, grading);
    }

    /// <summary>Runs one cell; returns how it ended and its text: streams, plain-text results and errors ("Type: message"), not displays.</summary>
    public async Task<(CellOutcome Outcome, string Text)> RunAsync(string code, IReadOnlyList<string>? references = null)
    {
        int cell = ++cells;
        var text = new StringBuilder();
        var outcome = await Worker.RunCellAsync(cell, code, references ?? [], CellTimeout, (from, output, _) =>
        {
            lock (outputs) outputs.Add(output);
            if (from == cell) lock (text) text.Append(TextOf(output));
        }, (_, _, _) => { });
        lock (text) return (outcome, text.ToString());
    }

    /// <summary>Every output of every cell so far.</summary>
    public IReadOnlyList<JsonObject> Outputs
    {
        get { lock (outputs) return outputs.ToList(); }
    }

    static string TextOf(JsonObject output) => output["output_type"]?.GetValue<string>() switch
    {
        "stream" => output["text"]?.GetValue<string>() ?? "",
        "error" => $"{output["ename"]}: {output["evalue"]}\n",
        "execute_result" => output["data"]?["text/plain"]?.GetValue<string>() + "\n",
        _ => "",
    };

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        try { Directory.Delete(GradingFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
