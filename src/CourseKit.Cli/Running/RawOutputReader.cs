using System.Text;
using System.Threading.Channels;
using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Running;

/// <summary>
/// Reads raw output of the worker, plain text (the protocol never goes there): either one cell's stdout or stderr pipe
/// (see <see cref="CellPipes"/>), whose text ends with the cell's signed end marker once the cell has finished (the
/// marker is removed, and what follows it, from processes the cell started, is still that cell's), or, with no
/// <paramref name="seal"/>, the worker's own stdout or stderr, whose text belongs to the cell that ran last.
/// </summary>
sealed class RawOutputReader(Stream pipe, string name, ChannelSeal? seal, Func<int> currentCell, ChannelWriter<WorkerEvent> events)
{
    /// <summary>The last text written to a stderr stream, e.g. "Stack overflow." when the worker crashed (empty for
    /// stdout, whose tail no message needs).</summary>
    public string Tail
    {
        get { lock (tail) return tail.ToString(); }
    }

    const int TailKeep = 16_000;
    readonly StringBuilder tail = new();
    readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();

    /// <summary>Reads until the worker closes the stream.</summary>
    public async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new List<byte>();
        try
        {
            int n;
            while ((n = await pipe.ReadAsync(buffer)) > 0)
            {
                int cell = currentCell();
                pending.AddRange(buffer.AsSpan(0, n));
                int from = 0;
                while (seal is not null && FindMarkerStart(pending, from) is var at and >= 0 && pending.Count - at >= ChannelSeal.EndMarkerLength)
                {
                    // This cell's marker ends the text the cell wrote while it ran; anything else that looks like a
                    // marker is text.
                    if (!pending.GetRange(at, ChannelSeal.EndMarkerLength).SequenceEqual(seal.EndMarker(cell, name)))
                    {
                        from = at + 1;
                        continue;
                    }
                    Emit(cell, pending.GetRange(0, at).ToArray());
                    pending.RemoveRange(0, at + ChannelSeal.EndMarkerLength);
                    from = 0;
                    events.TryWrite(new RawEnd(cell, name));
                }
                // Keep back only what could be the start of a marker that the next read completes.
                int keep = seal is null ? 0 : PartialMarkerLength(pending, from);
                Emit(cell, pending.GetRange(0, pending.Count - keep).ToArray());
                pending.RemoveRange(0, pending.Count - keep);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
        Emit(currentCell(), pending.ToArray(), flush: true);
        events.TryWrite(new RawEnd(currentCell(), name));
    }

    void Emit(int cell, byte[] bytes, bool flush = false)
    {
        var chars = new char[decoder.GetCharCount(bytes, flush)];
        int count = decoder.GetChars(bytes, chars, flush);
        if (count == 0) return;
        var text = new string(chars, 0, count);
        if (name == "stderr")
            lock (tail)
            {
                tail.Append(text);
                if (tail.Length > TailKeep) tail.Remove(0, tail.Length - TailKeep);
            }
        if (cell > 0) events.TryWrite(new RawText(cell, name, text));
    }

    /// <summary>Where the next thing starting like an end marker begins, at or after <paramref name="from"/>; -1 if nowhere.</summary>
    static int FindMarkerStart(List<byte> data, int from)
    {
        var prefix = ChannelSeal.EndMarkerPrefix;
        for (int i = from < data.Count ? data.IndexOf(prefix[0], from) : -1; i >= 0; i = i + 1 < data.Count ? data.IndexOf(prefix[0], i + 1) : -1)
            if (StartsLikeMarker(data, i)) return i;
        return -1;
    }

    /// <summary>True when the bytes from <paramref name="at"/> agree with the marker prefix as far as both go.</summary>
    static bool StartsLikeMarker(List<byte> data, int at)
    {
        var prefix = ChannelSeal.EndMarkerPrefix;
        for (int j = 0; j < prefix.Length && at + j < data.Count; j++)
            if (data[at + j] != prefix[j]) return false;
        return true;
    }

    /// <summary>How many bytes at the end of <paramref name="data"/> could be the start of a marker not yet complete.</summary>
    static int PartialMarkerLength(List<byte> data, int from)
    {
        for (int i = Math.Max(from, data.Count - ChannelSeal.EndMarkerLength + 1); i < data.Count; i++)
            if (StartsLikeMarker(data, i)) return data.Count - i;
        return 0;
    }
}
