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
    sealed class ChunkedStream(IEnumerable<byte[]> pieces) : Stream
    {
        readonly Queue<byte[]> queue = new(pieces);
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (queue.Count == 0) return 0;
            var piece = queue.Dequeue();
            piece.CopyTo(buffer, offset);
            return piece.Length;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
