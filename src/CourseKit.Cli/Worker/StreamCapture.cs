using System.Text;

namespace CourseKit.Cli.Worker;

/// <summary>
/// Stands in for Console.Out or Console.Error while cells run: what a cell writes goes to the <see cref="OutputOutbox"/>,
/// marked with the cell that wrote it. It keeps nothing of its own and takes no lock a cell can hold, so it never waits
/// for another thread (Console's own wrapper does lock, but only the writing threads contend for it).
/// </summary>
sealed class StreamCapture(string name, OutputOutbox outbox) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => outbox.Write(name, [value]);

    public override void Write(string? value) => outbox.Write(name, value);

    public override void Write(char[] buffer, int index, int count) => outbox.Write(name, buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer) => outbox.Write(name, buffer);

    public override void WriteLine(string? value) => outbox.Write(name, (value ?? "") + NewLine);

    public override void WriteLine(ReadOnlySpan<char> buffer) => outbox.Write(name, string.Concat(buffer, NewLine));

    /// <summary>Nothing to do: the sender sends what is pending a few times a second, and everything at the end of a cell.</summary>
    public override void Flush() { }
}
