using System.Text;
using System.Threading.Channels;
using CourseKit.Cli.Running;
using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Tests;

/// <summary>A cell's raw stdout pipe as the runner reads it: plain text, the text written while the cell ran ended by its signed end marker.</summary>
public class RawOutputReaderTests
{
    static readonly ChannelSeal Seal = new(Enumerable.Range(1, ChannelSeal.KeyBytes).Select(i => (byte)i).ToArray());

    /// <summary>A pipe that hands out its bytes in the given pieces, as reads from a real pipe may.</summary>
    sealed class ChunkedStream(byte[][] pieces) : MemoryStream(pieces.SelectMany(p => p).ToArray())
    {
        readonly Queue<int> sizes = new(pieces.Select(p => p.Length));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel = default) =>
            ValueTask.FromResult(Read(buffer.Span[..Math.Min(buffer.Length, sizes.TryDequeue(out int size) ? size : buffer.Length)]));
    }

    static async Task<List<WorkerEvent>> Read(int cell, params byte[][] pieces)
    {
        var events = Channel.CreateUnbounded<WorkerEvent>();
        await new RawOutputReader(new ChunkedStream(pieces), "stdout", Seal, () => cell, events.Writer).RunAsync();
        var list = new List<WorkerEvent>();
        while (events.Reader.TryRead(out var e)) list.Add(e);
        return list;
    }

    static string Text(IEnumerable<WorkerEvent> events) => string.Concat(events.OfType<RawText>().Select(t => t.Text));

    [Fact]
    public async Task A_marker_split_across_reads_ends_the_cell_and_is_removed()
    {
        var marker = Seal.EndMarker(2, "stdout");
        var events = await Read(2, [.. "before…"u8, .. marker[..7]], [.. marker[7..], .. "after\n"u8]);
        var end = events.FindIndex(e => e is RawEnd { Cell: 2 });
        Assert.True(end > 0);
        Assert.Equal("before…", Text(events.Take(end)));
        Assert.Equal("after\n", Text(events.Skip(end)));
    }

    [Fact]
    public async Task A_forged_or_other_cells_marker_is_plain_text()
    {
        var forged = Encoding.ASCII.GetBytes("\u001ecoursekit-end " + new string('0', 32) + "\n");
        var other = Seal.EndMarker(5, "stdout");
        var previous = Seal.EndMarker(2, "stdout");
        var events = await Read(3, [.. "a"u8, .. forged, .. other, .. previous, .. "b"u8]);
        Assert.Equal("a" + Encoding.ASCII.GetString(forged) + Encoding.ASCII.GetString(other) + Encoding.ASCII.GetString(previous) + "b", Text(events));
        Assert.All(events.OfType<RawText>(), t => Assert.Equal(3, t.Cell));
        Assert.Equal(new RawEnd(3, "stdout"), Assert.Single(events.OfType<RawEnd>()));
        Assert.IsType<RawEnd>(events[^1]);
    }

    [Fact]
    public async Task Text_after_the_marker_is_late_text_of_the_same_cell()
    {
        var events = await Read(2, [.. "during\n"u8, .. Seal.EndMarker(2, "stdout"), .. "LATE\n"u8]);
        Assert.Equal([new RawText(2, "stdout", "during\n"), new RawEnd(2, "stdout"), new RawText(2, "stdout", "LATE\n"), new RawEnd(2, "stdout")], events);
    }

    [Fact]
    public async Task The_workers_own_stream_has_no_markers()
    {
        var events = Channel.CreateUnbounded<WorkerEvent>();
        var marker = Seal.EndMarker(4, "stdout");
        await new RawOutputReader(new ChunkedStream([[.. "x"u8, .. marker]]), "stdout", null, () => 4, events.Writer).RunAsync();
        var list = new List<WorkerEvent>();
        while (events.Reader.TryRead(out var e)) list.Add(e);
        Assert.Equal("x" + Encoding.ASCII.GetString(marker), Text(list));
        Assert.IsType<RawEnd>(Assert.Single(list, e => e is RawEnd));
    }
}
