using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Worker;

/// <summary>
/// The worker's only writer to the runner: a dedicated thread that takes what the <see cref="OutputOutbox"/> holds,
/// turns each item into a signed message and writes it to the private socket. When the host says a cell has finished,
/// it first sends everything the cell printed, then writes the cell's end markers into the cell's raw stdout and
/// stderr pipes (see <see cref="CellPipes"/>), then the signed "done". Only the host holds this object; nothing a cell can reach leads to it or to its key.
/// </summary>
sealed class OutputSender
{
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    readonly OutputOutbox outbox;
    readonly ChannelSeal seal;
    readonly Stream channel;
    readonly ConcurrentQueue<(JsonObject Message, CellPipes? Pipes)> control = new();

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
    public void Ready() => Enqueue(new JsonObject { ["type"] = Protocol.Ready }, null);

    /// <summary>Sends everything cell <paramref name="cell"/> printed, its end markers, then "done" with its status.</summary>
    public void Done(int cell, bool ok, CellPipes? pipes) =>
        Enqueue(new JsonObject { ["type"] = Protocol.Done, ["cell"] = cell, ["status"] = ok ? "ok" : "error" }, pipes);

    void Enqueue(JsonObject message, CellPipes? pipes)
    {
        control.Enqueue((message, pipes));
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
                while (control.TryDequeue(out var next))
                {
                    SendPending();
                    if (next.Message["cell"]?.GetValue<int>() is int cell) next.Pipes?.End(stream => seal.EndMarker(cell, stream));
                    Write(next.Message);
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
                ReportItem report => new JsonObject { ["type"] = Protocol.Report, ["cell"] = report.Cell, ["report"] = report.Report },
                TamperingItem tampering => new JsonObject
                {
                    ["type"] = Protocol.Tampering, ["cell"] = tampering.Cell, ["kind"] = tampering.Kind, ["what"] = tampering.What,
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
}
