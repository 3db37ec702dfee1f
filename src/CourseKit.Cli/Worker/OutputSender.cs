using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;

namespace CourseKit.Cli.Worker;

/// <summary>
/// The worker's only writer to the runner: a dedicated thread that takes what the <see cref="OutputOutbox"/> holds,
/// turns each item into a signed message and writes it to the private socket. When the host says a cell has finished,
/// it first sends everything the cell printed, then writes the cell's end markers on the raw stdout and stderr, then
/// the signed "done". Only the host holds this object; nothing a cell can reach leads to it or to its key.
/// </summary>
sealed class OutputSender
{
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    readonly OutputOutbox outbox;
    readonly ChannelSeal seal;
    readonly Stream channel;
    readonly ConcurrentQueue<JsonObject> control = new();
    readonly Stream rawStdout = RawStream(1);
    readonly Stream rawStderr = RawStream(2);

    OutputSender(OutputOutbox outbox, ChannelSeal seal, Stream channel)
    {
        this.outbox = outbox;
        this.seal = seal;
        this.channel = channel;
    }

    /// <summary>Starts the sender thread.</summary>
    public static OutputSender Start(OutputOutbox outbox, ChannelSeal seal, Stream channel)
    {
        var sender = new OutputSender(outbox, seal, channel);
        new Thread(sender.Loop) { IsBackground = true, Name = "coursekit output sender" }.Start();
        return sender;
    }

    /// <summary>Sends "ready".</summary>
    public void Ready() => Enqueue(new JsonObject { ["type"] = Protocol.Ready });

    /// <summary>Sends everything cell <paramref name="cell"/> printed, its end markers, then "done" with its status.</summary>
    public void Done(int cell, bool ok) => Enqueue(new JsonObject { ["type"] = Protocol.Done, ["cell"] = cell, ["status"] = ok ? "ok" : "error" });

    void Enqueue(JsonObject message)
    {
        control.Enqueue(message);
        outbox.Wake();
    }

    void Loop()
    {
        try
        {
            while (true)
            {
                outbox.WaitForWork(Tick);
                bool flush = outbox.FlushRequested;
                SendPending();
                while (control.TryDequeue(out var message))
                {
                    SendPending();
                    if (message["cell"]?.GetValue<int>() is int cell) WriteEndMarkers(cell);
                    Write(message);
                }
                if (flush) outbox.Flushed();
            }
        }
        catch (Exception)
        {
            // The runner has gone (killed, or its socket closed), or the channel broke: nobody is left to report to.
            WorkerSession.EndAll();
        }
    }

    void SendPending()
    {
        foreach (var item in outbox.TakeAll())
            Write(item switch
            {
                TextItem text => new JsonObject
                {
                    ["type"] = Protocol.Output, ["cell"] = text.Cell, ["output"] = Protocol.Stream(text.Stream, text.Text.ToString()),
                },
                OutputItem { IsUpdate: true } update => new JsonObject
                {
                    ["type"] = Protocol.Update, ["cell"] = update.Cell, ["displayId"] = update.DisplayId, ["output"] = update.Output,
                },
                OutputItem output => new JsonObject
                {
                    ["type"] = Protocol.Output, ["cell"] = output.Cell, ["displayId"] = output.DisplayId, ["output"] = output.Output,
                },
                _ => throw new InvalidOperationException($"Unknown outbox item {item.GetType().Name}."),
            });
    }

    void Write(JsonObject message)
    {
        var bytes = Encoding.UTF8.GetBytes(seal.Seal(message) + "\n");
        channel.Write(bytes);
        channel.Flush();
    }

    void WriteEndMarkers(int cell)
    {
        foreach (var (stream, name) in new[] { (rawStdout, "stdout"), (rawStderr, "stderr") })
            try { stream.Write(seal.EndMarker(cell, name)); stream.Flush(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException) { }
    }

    /// <summary>The process's own stdout or stderr as a stream, whatever Console.Out has become.</summary>
    static Stream RawStream(int fd) => new FileStream(new SafeFileHandle(fd, ownsHandle: false), FileAccess.Write, bufferSize: 0);
}
