using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CourseKit.Cli.Sandbox;
using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Running;

/// <summary>How one cell ended.</summary>
public enum CellStatus { Ok, Failed, TimedOut, Crashed, Skipped, NotRun, Markdown }

/// <summary>What the worker reported for one cell, and why it stopped if it did not finish.</summary>
public sealed record CellOutcome(CellStatus Status, string? Note = null);

/// <summary>
/// The runner's end of a worker process (<c>dotnet CourseKit.Cli.dll __worker SOCKET</c>): starts it in the notebook's
/// folder, hands it a fresh key over a private Unix socket, sends it cells, relays its outputs (checking each message's
/// signature and sequence number), gives each cell pipes of its own for raw stdout and stderr (see
/// <see cref="CellPipes"/>) and reads them as plain text of that cell, and notices when
/// it dies, runs past the time a cell may take, or a cell tampers with the channel. Disposing it stops the worker and
/// every process the notebook started. A worker may run in a sandbox (<see cref="ISandbox"/>): it then reaches the
/// runner only through a folder of the runner's (its socket and the cells' named pipes), since it cannot see the
/// runner's /proc.
/// </summary>
public sealed class WorkerClient : IAsyncDisposable
{
    /// <summary>How long to wait, after "done", for the cell's end markers in its raw pipes.</summary>
    static readonly TimeSpan MarkerGrace = TimeSpan.FromSeconds(3);

    readonly Process process;
    readonly string treeMark;
    readonly Socket socket;
    readonly ChannelSeal seal;
    readonly Channel<WorkerEvent> events = Channel.CreateUnbounded<WorkerEvent>(new UnboundedChannelOptions { SingleReader = true });
    readonly RawOutputReader stdout;
    readonly RawOutputReader stderr;
    readonly Task readers;
    readonly List<(RunnerPipe Pipe, Task Reader)> cellPipes = [];
    /// <summary>The folder of a sandboxed worker's socket and cell pipes, removed when the worker is disposed; null unsandboxed.</summary>
    readonly string? channelFolder;
    List<RunnerPipe> writeEnds = [];
    RawOutputReader? cellStderr;
    volatile int currentCell;

    WorkerClient(Process process, string treeMark, Socket socket, ChannelSeal seal, string? channelFolder)
    {
        this.process = process;
        this.channelFolder = channelFolder;
        this.treeMark = treeMark;
        this.socket = socket;
        this.seal = seal;
        stdout = new RawOutputReader(process.StandardOutput.BaseStream, "stdout", null, () => currentCell, events.Writer);
        stderr = new RawOutputReader(process.StandardError.BaseStream, "stderr", null, () => currentCell, events.Writer);
        var messages = Task.Run(ReadChannelAsync);
        readers = Task.WhenAll(messages, Task.Run(stdout.RunAsync), Task.Run(stderr.RunAsync));
    }

    public bool HasExited => process.HasExited;

    /// <summary>
    /// Starts a worker and waits until it says it is ready. <paramref name="environment"/> adds variables the cells see
    /// (the grader's COURSEKIT_GRADING=1). With a <paramref name="sandbox"/>, the worker starts in it as
    /// <paramref name="spec"/> says (its working folder, data and limits; <paramref name="workingDirectory"/> and
    /// <paramref name="dataDirectory"/> are then unused, the spec's own are what count, and the spec's environment is
    /// the one the cells see).
    /// </summary>
    public static async Task<WorkerClient> StartAsync(string workingDirectory, string? dataDirectory, TimeSpan startTimeout,
        CancellationToken cancel = default, ISandbox? sandbox = null, SandboxSpec? spec = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        if (sandbox is not null && spec is null) throw new ArgumentNullException(nameof(spec), "A sandboxed worker needs a SandboxSpec.");
        var cliAssembly = typeof(WorkerClient).Assembly.Location;
        // The socket lives in a folder only this user can enter, and only until the worker has connected. A socket's
        // path is limited to 107 bytes, so a long TMPDIR falls back to /tmp.
        var socketFolder = Directory.CreateTempSubdirectory("coursekit-worker-");
        if (socketFolder.FullName.Length > 90 && !OperatingSystem.IsWindows() && Directory.Exists("/tmp"))
        {
            socketFolder.Delete();
            socketFolder = Directory.CreateDirectory($"/tmp/coursekit-worker-{Guid.NewGuid():N}",
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        // A sandboxed worker (maybe another user) reaches the folder through a read-only mount, knowing only the names it is
        // told: the folder lets others in but not list it, and the socket's name cannot be guessed.
        if (sandbox is not null && !OperatingSystem.IsWindows()) socketFolder.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var socketPath = Path.Combine(socketFolder.FullName, sandbox is null ? "channel" : $"c{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}");
        var treeMark = Guid.NewGuid().ToString("N");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        Process process;
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(1);
            if (sandbox is not null && !OperatingSystem.IsWindows()) File.SetUnixFileMode(socketPath, (UnixFileMode)0b110_110_110);
            var start = new ProcessStartInfo(DotnetHost.Path)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(cliAssembly);
            start.ArgumentList.Add(Program.WorkerVerb);
            start.ArgumentList.Add(socketPath);
            if (dataDirectory is not null) start.Environment["COURSEKIT_DATA"] = Path.GetFullPath(dataDirectory);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
            start.Environment[ProcessTree.MarkVariable] = treeMark;
            if (sandbox is not null) start = sandbox.Wrap(start, spec!, [socketFolder.FullName]);
            process = (sandbox is null ? Process.Start(start) : ParentThread.Start(start))
                      ?? throw new InvalidOperationException("The worker process could not be started.");
            process.StandardInput.Close();
        }
        catch (Exception e) when (e is SocketException or System.ComponentModel.Win32Exception or IOException)
        {
            socketFolder.Delete(recursive: true);
            throw new InvalidOperationException($"The worker process could not be started: {e.Message}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(startTimeout);
        Socket? socket = null;
        var worker = $"{DotnetHost.Path} {cliAssembly} {Program.WorkerVerb}{(sandbox is null ? "" : $", in the {sandbox.Name} sandbox")}";
        // A worker that dies before it connects (e.g. in a sandbox that cannot be set up) is reported at once.
        var accepting = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        _ = process.WaitForExitAsync(accepting.Token).ContinueWith(exit =>
        {
            try { if (exit.IsCompletedSuccessfully) accepting.Cancel(); } catch (ObjectDisposedException) { }
        }, TaskScheduler.Default);
        try { socket = await listener.AcceptAsync(accepting.Token); }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            var why = process.HasExited ? $"exited with code {process.ExitCode} while starting" : $"did not start within {startTimeout.TotalSeconds:0} s";
            ProcessTree.KillAll(process.Id, treeMark);
            var error = await process.StandardError.ReadToEndAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(3)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "");
            throw new InvalidOperationException($"The worker process ({worker}) {why}.\n{FirstLines(error)}");
        }
        finally
        {
            accepting.Dispose();
            listener.Close();
            // A sandboxed worker keeps the folder, for its cells' pipes, until it is disposed.
            if (sandbox is null || socket is null) socketFolder.Delete(recursive: true);
            else File.Delete(socketPath);
        }

        var key = ChannelSeal.NewKey();
        socket.Send(Encoding.ASCII.GetBytes(Convert.ToHexString(key) + "\n"));
        var client = new WorkerClient(process, treeMark, socket, new ChannelSeal(key), sandbox is null ? null : socketFolder.FullName);
        try
        {
            while (true)
            {
                var next = await client.events.Reader.ReadAsync(timeout.Token);
                if (next is WorkerMessage { Message: var m } && m["type"]?.GetValue<string>() == Protocol.Ready) return client;
                if (next is ChannelTampered tampered) throw new ChannelClosedException(tampered.Reason);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException && !cancel.IsCancellationRequested)
        {
            var why = e is OperationCanceledException ? $"did not start within {startTimeout.TotalSeconds:0} s"
                : e.InnerException is null && e.Message.Length > 0 && !client.HasExited ? $"broke its channel while starting: {e.Message}" : "exited while starting";
            await client.DisposeAsync();
            throw new InvalidOperationException($"The worker process ({worker}) {why}.\n{client.StderrSummary()}");
        }
        catch (OperationCanceledException)
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Gets the worker's "report" and "tampering" messages (see <see cref="Protocol"/>) with the cell each came from;
    /// the grader sets it, the notebook runner leaves it unset and they are dropped.
    /// </summary>
    public Action<int, JsonObject>? OnGrading { get; set; }

    /// <summary>
    /// Runs one cell. <paramref name="onOutput"/> gets each output with the cell that produced it (an earlier cell
    /// for late output of its threads) and its display id, if it is a display; <paramref name="onUpdate"/> gets
    /// replacements for an earlier display. Throws <see cref="OperationCanceledException"/> when
    /// <paramref name="cancel"/> fires, after stopping the worker.
    /// </summary>
    public async Task<CellOutcome> RunCellAsync(int cell, string code, IReadOnlyList<string> references, TimeSpan timeout,
        Action<int, JsonObject, string?> onOutput, Action<int, string, JsonObject> onUpdate, CancellationToken cancel = default)
    {
        var request = new JsonObject
        {
            ["type"] = Protocol.Run,
            ["cell"] = cell,
            ["code"] = code,
            ["references"] = new JsonArray(references.Select(r => (JsonNode)r).ToArray()),
        };
        writeEnds = [];
        foreach (var stream in new[] { "stdout", "stderr" })
        {
            var pipe = channelFolder is null ? RunnerPipe.Anonymous() : RunnerPipe.Named(channelFolder);
            var reader = new RawOutputReader(pipe.ReadEnd, stream, seal, () => cell, events.Writer);
            if (stream == "stderr") cellStderr = reader;
            cellPipes.Add((pipe, Task.Run(async () =>
            {
                await reader.RunAsync();
                pipe.Dispose(); // the cell and every process it started are done with it
            })));
            writeEnds.Add(pipe);
            request[stream] = pipe.PathForWorker;
        }
        currentCell = cell;
        try { return await RunAsync(cell, request, timeout, onOutput, onUpdate, cancel); }
        finally { CloseWriteEnds(); }
    }

    /// <summary>
    /// Closes the runner's copies of the running cell's write ends, once the worker has opened its own: a pipe then
    /// ends when the worker has moved on and the processes the cell started have gone.
    /// </summary>
    void CloseWriteEnds()
    {
        foreach (var pipe in writeEnds) pipe.CloseWriteEnd();
    }

    async Task<CellOutcome> RunAsync(int cell, JsonObject request, TimeSpan timeout, Action<int, JsonObject, string?> onOutput,
        Action<int, string, JsonObject> onUpdate, CancellationToken cancel)
    {
        try { await socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString() + "\n"), cancel); }
        catch (SocketException) { return await CrashedAsync(); }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        string? status = null;
        var ended = new HashSet<string>();
        try
        {
            while (status is null || ended.Count < 2)
            {
                WorkerEvent next;
                if (status is null) next = await events.Reader.ReadAsync(deadline.Token);
                else
                {
                    // Done: wait a little for the end markers, so that text the cell wrote on the raw streams stays in it.
                    using var grace = new CancellationTokenSource(MarkerGrace);
                    try { next = await events.Reader.ReadAsync(grace.Token); }
                    catch (OperationCanceledException) { break; }
                }
                switch (next)
                {
                    case RawText raw:
                        onOutput(raw.Cell, Protocol.Stream(raw.Stream, raw.Text), null);
                        break;
                    case RawEnd end when end.Cell == cell:
                        ended.Add(end.Stream);
                        break;
                    case ChannelTampered tampered:
                        return Tampered(cell, tampered.Reason);
                    case WorkerMessage { Message: var message }:
                        int from = message["cell"] is JsonValue v && v.TryGetValue(out int c) && c > 0 && c <= cell ? c : cell;
                        switch (message["type"]?.GetValue<string>())
                        {
                            case Protocol.Output:
                                onOutput(from, message["output"]!.AsObject(), message["displayId"]?.GetValue<string>());
                                break;
                            case Protocol.Update:
                                onUpdate(from, message["displayId"]!.GetValue<string>(), message["output"]!.AsObject());
                                break;
                            case Protocol.Report or Protocol.Tampering:
                                OnGrading?.Invoke(from, message);
                                break;
                            case Protocol.Done when status is null && message["cell"]?.GetValue<int>() == cell:
                                status = message["status"]?.GetValue<string>() ?? "error";
                                CloseWriteEnds();
                                break;
                            default:
                                return Tampered(cell, $"an unexpected message: {message.ToJsonString()}");
                        }
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Stop();
            throw;
        }
        catch (OperationCanceledException)
        {
            Stop();
            return new CellOutcome(CellStatus.TimedOut, $"did not finish within {timeout.TotalSeconds:0.#} s; the worker was stopped");
        }
        catch (ChannelClosedException)
        {
            return await CrashedAsync();
        }
        return new CellOutcome(status == "ok" ? CellStatus.Ok : CellStatus.Failed);
    }

    /// <summary>Hands on late output that has arrived since the last cell finished (before the worker is stopped).</summary>
    public void DeliverLateOutput(Action<int, JsonObject, string?> onOutput, Action<int, string, JsonObject> onUpdate)
    {
        while (events.Reader.TryRead(out var next))
        {
            if (next is RawText raw) onOutput(raw.Cell, Protocol.Stream(raw.Stream, raw.Text), null);
            else if (next is WorkerMessage { Message: var m } && m["cell"] is JsonValue v && v.TryGetValue(out int cell) && cell > 0 && cell <= currentCell)
            {
                if (m["type"]?.GetValue<string>() == Protocol.Output) onOutput(cell, m["output"]!.AsObject(), m["displayId"]?.GetValue<string>());
                else if (m["type"]?.GetValue<string>() == Protocol.Update) onUpdate(cell, m["displayId"]!.GetValue<string>(), m["output"]!.AsObject());
                else if (m["type"]?.GetValue<string>() is Protocol.Report or Protocol.Tampering) OnGrading?.Invoke(cell, m);
            }
        }
    }

    CellOutcome Tampered(int cell, string reason)
    {
        Stop();
        return new CellOutcome(CellStatus.Crashed,
            $"cell {cell} wrote to the runner's private channel or interfered with it ({reason}); the worker was stopped, and nothing it reported afterwards is trusted");
    }

    async Task<CellOutcome> CrashedAsync()
    {
        try { await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token); } catch { }
        try { await readers.WaitAsync(TimeSpan.FromSeconds(5)); } catch { }
        // What the runtime wrote last (e.g. "Stack overflow.") went into the cell's stderr pipe.
        CloseWriteEnds();
        try { await Task.WhenAll(cellPipes.TakeLast(2).Select(p => p.Reader)).WaitAsync(TimeSpan.FromSeconds(2)); } catch { }
        var code = process.HasExited ? process.ExitCode.ToString() : "unknown";
        return new CellOutcome(CellStatus.Crashed, $"the worker process exited with code {code}. {StderrSummary()}".Trim());
    }

    /// <summary>The first lines of what the runtime printed on the worker's stderr (e.g. "Stack overflow.").</summary>
    string StderrSummary() => FirstLines(cellStderr?.Tail + stderr.Tail);

    static string FirstLines(string text) => string.Join("\n", text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).Take(12));

    /// <summary>Reads the worker's messages, checking each; the first that is not genuine ends the reading.</summary>
    async Task ReadChannelAsync()
    {
        try
        {
            using var reader = new StreamReader(new NetworkStream(socket, ownsSocket: false), new UTF8Encoding(false), false, 1 << 16);
            while (await reader.ReadLineAsync() is { } line)
            {
                try { events.Writer.TryWrite(new WorkerMessage(seal.Open(line))); }
                catch (ChannelTamperedException e)
                {
                    events.Writer.TryWrite(new ChannelTampered(e.Message));
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException) { }
        catch (Exception e)
        {
            events.Writer.TryWrite(new ChannelTampered($"the runner could not read the worker's channel: {e.Message}"));
        }
        finally
        {
            // Let the raw streams deliver what the worker wrote last (e.g. "Stack overflow.") before the end is seen.
            try { await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(2)).Token); } catch { }
            events.Writer.TryComplete();
        }
    }

    /// <summary>Stops the worker and every process the notebook started.</summary>
    void Stop()
    {
        try
        {
            if (OperatingSystem.IsLinux()) ProcessTree.KillAll(process.Id, treeMark);
            else if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        try { socket.Dispose(); } catch { }
        try { await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(3)).Token); } catch { }
        try { await readers.WaitAsync(TimeSpan.FromSeconds(3)); } catch { }
        try { await Task.WhenAll(cellPipes.Select(p => p.Reader)).WaitAsync(TimeSpan.FromSeconds(3)); } catch { }
        foreach (var (pipe, _) in cellPipes) pipe.Dispose();
        process.Dispose();
        if (channelFolder is not null)
            try { Directory.Delete(channelFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
