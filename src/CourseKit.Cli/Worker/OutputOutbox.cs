using System.Text;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Worker;

/// <summary>Something a cell produced that the runner has not been sent yet.</summary>
abstract record OutboxItem(int Cell);

/// <summary>Text a cell printed on one stream, gathered from consecutive writes.</summary>
sealed record TextItem(int Cell, string Stream) : OutboxItem(Cell)
{
    public StringBuilder Text { get; } = new();
}

/// <summary>A display, a display's update, a result or an error.</summary>
sealed record OutputItem(int Cell, JsonObject Output, string? DisplayId = null, bool IsUpdate = false) : OutboxItem(Cell);

/// <summary>A test's report, accepted by the <see cref="ReportSink"/>: sent as a "report" message.</summary>
sealed record ReportItem(int Cell, JsonObject Report) : OutboxItem(Cell);

/// <summary>Something a cell did to the grading machinery: sent as a "tampering" message, for the grader to name.</summary>
sealed record TamperingItem(int Cell, string Kind, string What) : OutboxItem(Cell)
{
    /// <summary>A report that did not come straight from the running cell's code.</summary>
    public const string Report = "report";

    /// <summary>A hook of CourseKit's replaced.</summary>
    public const string Hook = "hook";

    /// <summary>Console.Out or Console.Error replaced.</summary>
    public const string Console = "console";
}

/// <summary>
/// Outputs waiting to be sent, in the order they were made. Cell code adds to it (through the console and
/// <c>display</c>); the worker's sender thread takes everything at once. Its lock is private and held only to append
/// or to swap the list, never while writing anywhere or waiting, so a cell that holds any lock of its own (even
/// <c>lock (Console.Out)</c>) never blocks the sender. A cell that prints faster than the runner reads waits (without
/// any lock) while more than <see cref="MaxPendingChars"/> are pending, which bounds the worker's memory.
/// </summary>
sealed class OutputOutbox
{
    /// <summary>Text beyond this many characters per item starts a new item, so that messages stay a few MB at most.</summary>
    public const int ItemChars = 1 << 20;
    const long MaxPendingChars = 16L << 20;
    const int WakeChars = 64 << 10;

    readonly object gate = new();
    readonly ManualResetEventSlim room = new(true);
    readonly AutoResetEvent work = new(false);
    readonly ManualResetEventSlim flushRequested = new(false);
    readonly ManualResetEventSlim flushed = new(false);
    List<OutboxItem> items = [];
    long pendingChars;

    /// <summary>Appends text the running cell printed on <paramref name="stream"/>.</summary>
    public void Write(string stream, ReadOnlySpan<char> text)
    {
        // A huge single write goes in pieces, so that no message (and no wait for room) is larger than an item.
        for (; text.Length > ItemChars; text = text[ItemChars..]) WritePiece(stream, text[..ItemChars]);
        WritePiece(stream, text);
    }

    void WritePiece(string stream, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        if (Interlocked.Read(ref pendingChars) > MaxPendingChars) room.Wait(TimeSpan.FromSeconds(1));
        int cell = RunningCell.Number;
        long pending;
        lock (gate)
        {
            if (items.Count == 0 || items[^1] is not TextItem last || last.Cell != cell || last.Stream != stream || last.Text.Length >= ItemChars)
                items.Add(last = new TextItem(cell, stream));
            last.Text.Append(text);
            pending = pendingChars += text.Length;
            if (pending > MaxPendingChars) room.Reset();
        }
        if (pending >= WakeChars) work.Set();
    }

    /// <summary>Appends a display, an update, a result or an error, after everything printed before it.</summary>
    public void Add(OutboxItem item)
    {
        lock (gate) items.Add(item);
        work.Set();
    }

    /// <summary>Everything pending, oldest first; the outbox is empty afterwards.</summary>
    public List<OutboxItem> TakeAll()
    {
        List<OutboxItem> taken;
        lock (gate)
        {
            taken = items;
            items = [];
            pendingChars = 0;
        }
        room.Set();
        return taken;
    }

    /// <summary>Waits until there is a lot to send, something other than text, or <paramref name="timeout"/> has passed.</summary>
    public void WaitForWork(TimeSpan timeout) => work.WaitOne(timeout);

    /// <summary>Wakes the sender now (a cell has finished, or the process is exiting).</summary>
    public void Wake() => work.Set();

    /// <summary>Asks the sender to send everything now and waits (at most <paramref name="timeout"/>) until it has.</summary>
    public void FlushAndWait(TimeSpan timeout)
    {
        flushed.Reset();
        flushRequested.Set();
        work.Set();
        flushed.Wait(timeout);
    }

    /// <summary>For <see cref="AppDomain.ProcessExit"/>: what is pending is sent before the process goes (waiting at most 2 s).</summary>
    public void FlushOnExit(object? sender, EventArgs e) => FlushAndWait(TimeSpan.FromSeconds(2));

    /// <summary>For the sender: whether a flush was asked for; <see cref="Flushed"/> answers it.</summary>
    public bool FlushRequested => flushRequested.IsSet;

    /// <summary>For the sender: everything asked for has been sent.</summary>
    public void Flushed()
    {
        flushRequested.Reset();
        flushed.Set();
    }
}
