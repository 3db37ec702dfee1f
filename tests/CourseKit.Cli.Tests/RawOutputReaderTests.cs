using System.Text;
using System.Threading.Channels;
using CourseKit.Cli.Running;
using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Tests;

/// <summary>The worker's raw stdout as the runner reads it: plain text, cut per cell by the signed end markers.</summary>
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
    public async Task A_forged_or_other_cells_marker_is_plain_text_and_a_late_one_is_dropped()
    {
        var forged = Encoding.ASCII.GetBytes("\u001ecoursekit-end " + new string('0', 32) + "\n");
        var other = Seal.EndMarker(5, "stdout");
        var late = Seal.EndMarker(2, "stdout");
        var events = await Read(3, [.. "a"u8, .. forged, .. other, .. late, .. "b"u8]);
        Assert.DoesNotContain(events, e => e is RawEnd { Cell: > 0 });
        Assert.Equal("a" + Encoding.ASCII.GetString(forged) + Encoding.ASCII.GetString(other) + "b", Text(events));
        Assert.IsType<RawEnd>(events[^1]);
    }
}
