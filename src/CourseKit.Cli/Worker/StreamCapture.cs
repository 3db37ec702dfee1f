using System.Text;

namespace CourseKit.Cli.Worker;

/// <summary>
/// Stands in for Console.Out or Console.Error while cells run: collects what a cell writes and hands it on as
/// stream outputs in chunks (at a display, at the end of the cell, when 8 KB have gathered, or when the process exits).
/// </summary>
sealed class StreamCapture(string name, Action<string, string> send) : TextWriter
{
    const int ChunkSize = 8192;
    readonly StringBuilder buffer = new();
    readonly object gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (gate) buffer.Append(value);
        if (buffer.Length >= ChunkSize) Flush();
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (gate) buffer.Append(value);
        if (buffer.Length >= ChunkSize) Flush();
    }

    public override void Write(char[] chars, int index, int count) => Write(new string(chars, index, count));

    public override void Flush()
    {
        // Sent while holding the lock, so that chunks flushed from two threads keep their order.
        lock (gate)
        {
            if (buffer.Length == 0) return;
            var text = buffer.ToString();
            buffer.Clear();
            send(name, text);
        }
    }
}
