using System.Text;
using System.Threading.Channels;
using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Running;

/// <summary>
/// Reads what the worker process writes on its own stdout or stderr: plain text of the cell that is running (the
/// protocol never goes there). The worker ends each cell with a signed marker on both streams, so text written while
/// a cell ran is never taken for the next cell's; the marker itself is removed.
/// </summary>
sealed class RawOutputReader(Stream pipe, string name, ChannelSeal seal, Func<int> currentCell, ChannelWriter<WorkerEvent> events)
{
    /// <summary>The last bytes the runtime wrote there, e.g. "Stack overflow." when the worker crashed.</summary>
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
        int markerCell = -1;
        byte[] marker = [];
        try
        {
            int n;
            while ((n = await pipe.ReadAsync(buffer)) > 0)
            {
                int cell = currentCell();
                if (cell != markerCell) (markerCell, marker) = (cell, seal.EndMarker(cell, name));
                pending.AddRange(buffer.AsSpan(0, n));
                while (true)
                {
                    int at = IndexOf(pending, marker);
                    if (at < 0) break;
                    Emit(cell, pending.GetRange(0, at).ToArray());
                    pending.RemoveRange(0, at + marker.Length);
                    events.TryWrite(new RawEnd(cell, name));
                }
                // Keep back only what could be the start of a marker that the next read completes.
                int keep = PartialMarkerLength(pending, marker);
                Emit(cell, pending.GetRange(0, pending.Count - keep).ToArray());
                pending.RemoveRange(0, pending.Count - keep);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
        Emit(currentCell(), pending.ToArray(), flush: true);
        events.TryWrite(new RawEnd(0, name));
    }

    void Emit(int cell, byte[] bytes, bool flush = false)
    {
        var chars = new char[decoder.GetCharCount(bytes, flush)];
        int count = decoder.GetChars(bytes, chars, flush);
        if (count == 0) return;
        var text = new string(chars, 0, count);
        lock (tail)
        {
            tail.Append(text);
            if (tail.Length > TailKeep) tail.Remove(0, tail.Length - TailKeep);
        }
        if (cell > 0) events.TryWrite(new RawText(cell, name, text));
    }

    static int IndexOf(List<byte> data, byte[] marker)
    {
        if (marker.Length == 0) return -1;
        for (int i = data.IndexOf(marker[0]); i >= 0 && i <= data.Count - marker.Length; i = data.IndexOf(marker[0], i + 1))
        {
            int j = 1;
            while (j < marker.Length && data[i + j] == marker[j]) j++;
            if (j == marker.Length) return i;
        }
        return -1;
    }

    /// <summary>The length of the longest end of <paramref name="data"/> that is a beginning of <paramref name="marker"/>.</summary>
    static int PartialMarkerLength(List<byte> data, byte[] marker)
    {
        for (int k = Math.Min(marker.Length - 1, data.Count); k > 0; k--)
        {
            bool match = true;
            for (int j = 0; j < k && match; j++) match = data[data.Count - k + j] == marker[j];
            if (match) return k;
        }
        return 0;
    }
}
