using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Running;

/// <summary>How one cell ended.</summary>
public enum CellStatus { Ok, Failed, TimedOut, Crashed, Skipped, NotRun, Markdown }

/// <summary>What the worker reported for one cell, and why it stopped if it did not finish.</summary>
public sealed record CellOutcome(CellStatus Status, string? Note = null);

/// <summary>
/// The runner's end of a worker process (<c>dotnet CourseKit.Cli.dll __worker</c>): starts it in the notebook's folder,
/// sends it cells, relays its outputs, and notices when it dies or runs past the time a cell may take.
/// </summary>
public sealed class WorkerClient : IAsyncDisposable
{
    const int StderrKeep = 16_000;
    readonly Process process;
    readonly Channel<JsonObject> messages = Channel.CreateUnbounded<JsonObject>();
    readonly StringBuilder stderr = new();
    readonly Task readers;

    WorkerClient(Process process)
    {
        this.process = process;
        readers = Task.WhenAll(Task.Run(ReadStdoutAsync), Task.Run(ReadStderrAsync));
    }

    public bool HasExited => process.HasExited;

    /// <summary>Starts a worker and waits until it says it is ready.</summary>
    public static async Task<WorkerClient> StartAsync(string workingDirectory, string? dataDirectory, TimeSpan startTimeout)
    {
        var cliAssembly = typeof(WorkerClient).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(cliAssembly);
        start.ArgumentList.Add(Program.WorkerVerb);
        if (dataDirectory is not null) start.Environment["COURSEKIT_DATA"] = Path.GetFullPath(dataDirectory);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var client = new WorkerClient(Process.Start(start) ?? throw new InvalidOperationException("The worker process could not be started."));
        using var timeout = new CancellationTokenSource(startTimeout);
        try
        {
            while (true)
            {
                var message = await client.messages.Reader.ReadAsync(timeout.Token);
                if (message["type"]?.GetValue<string>() == Protocol.Ready) return client;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            var why = e is OperationCanceledException ? $"did not start within {startTimeout.TotalSeconds:0} s" : "exited while starting";
            await client.DisposeAsync();
            throw new InvalidOperationException($"The worker process ({DotnetHost.Path} {cliAssembly} {Program.WorkerVerb}) {why}.\n{client.StderrSummary()}");
        }
    }

    /// <summary>
    /// Runs one cell. <paramref name="onOutput"/> gets each output (with its display id, if it is a display);
    /// <paramref name="onUpdate"/> gets replacements for an earlier display.
    /// </summary>
    public async Task<CellOutcome> RunCellAsync(int cell, string code, IReadOnlyList<string> references, TimeSpan timeout,
        Action<JsonObject, string?> onOutput, Action<string, JsonObject> onUpdate)
    {
        var request = new JsonObject
        {
            ["type"] = Protocol.Run,
            ["cell"] = cell,
            ["code"] = code,
            ["references"] = new JsonArray(references.Select(r => (JsonNode)r).ToArray()),
        };
        try
        {
            await process.StandardInput.WriteLineAsync(Protocol.Line(request));
            await process.StandardInput.FlushAsync();
        }
        catch (IOException)
        {
            return await CrashedAsync();
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var message = await messages.Reader.ReadAsync(deadline.Token);
                switch (message["type"]?.GetValue<string>())
                {
                    case Protocol.Output:
                        onOutput(message["output"]!.AsObject(), message["displayId"]?.GetValue<string>());
                        break;
                    case Protocol.Update:
                        onUpdate(message["displayId"]!.GetValue<string>(), message["output"]!.AsObject());
                        break;
                    case Protocol.Done:
                        return new CellOutcome(message["status"]?.GetValue<string>() == "ok" ? CellStatus.Ok : CellStatus.Failed);
                }
            }
        }
        catch (OperationCanceledException)
        {
            Kill();
            return new CellOutcome(CellStatus.TimedOut, $"did not finish within {timeout.TotalSeconds:0.#} s; the worker was stopped");
        }
        catch (ChannelClosedException)
        {
            return await CrashedAsync();
        }
    }

    async Task<CellOutcome> CrashedAsync()
    {
        try { await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token); } catch { }
        try { await readers.WaitAsync(TimeSpan.FromSeconds(5)); } catch { }
        var code = process.HasExited ? process.ExitCode.ToString() : "unknown";
        return new CellOutcome(CellStatus.Crashed, $"the worker process exited with code {code}. {StderrSummary()}".Trim());
    }

    /// <summary>The first lines of what the runtime printed on the worker's stderr (e.g. "Stack overflow.").</summary>
    string StderrSummary()
    {
        string text;
        lock (stderr) text = stderr.ToString();
        var lines = text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).Take(12).ToList();
        return lines.Count == 0 ? "" : string.Join("\n", lines);
    }

    async Task ReadStdoutAsync()
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                JsonObject? message = null;
                try { message = JsonNode.Parse(line) as JsonObject; } catch (JsonException) { }
                // Text that bypassed the captured console (native code, a raw stdout handle) is still shown.
                message ??= new JsonObject { ["type"] = Protocol.Output, ["output"] = Protocol.Stream("stdout", line + "\n") };
                messages.Writer.TryWrite(message);
            }
        }
        catch (Exception) { }
        finally { messages.Writer.TryComplete(); }
    }

    async Task ReadStderrAsync()
    {
        var buffer = new char[4096];
        try
        {
            int n;
            while ((n = await process.StandardError.ReadAsync(buffer)) > 0)
                lock (stderr)
                    if (stderr.Length < StderrKeep) stderr.Append(buffer, 0, Math.Min(n, StderrKeep - stderr.Length));
        }
        catch (Exception) { }
    }

    void Kill()
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch { }
    }

    public async ValueTask DisposeAsync()
    {
        try { process.StandardInput.Close(); } catch { }
        try { await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(3)).Token); } catch { }
        Kill();
        try { await readers.WaitAsync(TimeSpan.FromSeconds(3)); } catch { }
        process.Dispose();
    }
}
