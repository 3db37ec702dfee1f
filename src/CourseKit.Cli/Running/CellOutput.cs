using System.Text;
using System.Text.Json.Nodes;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Running;

/// <summary>
/// Collects one cell's outputs as they arrive. Consecutive text on a stream becomes one output. Of each stream
/// (stdout, stderr) at most <c>limit</c> bytes are kept, cut at a line end where there is one, like Jupyter's output
/// limits; the rest is only counted, and <see cref="Finish"/> adds one line saying how much was left out. With a
/// side-file stem, the whole text of a stream that went over the limit is written to
/// <c>STEM.cell-N.stdout.txt</c> (or <c>.stderr.txt</c>) as well, through a temporary file renamed into place; a side
/// file that cannot be written is named in the truncation line with the reason, and costs the notebook nothing else.
/// Displays count against the same limit, all together: those beyond it are left out, with one line saying how many
/// (so a cell that shows thousands of large values cannot fill the runner's memory); results and errors are always kept.
/// </summary>
sealed class CellOutput(Cell cell, int number, long limit, string? sideFileStem)
{
    /// <summary>What is known of one stream of the cell.</summary>
    sealed class StreamState(string name)
    {
        public string Name { get; } = name;
        public long KeptBytes;
        public bool EndsWithNewline = true;
        public bool Truncated;
        public long DroppedBytes;
        public long DroppedLines;
        public bool DroppedEndsWithNewline = true;
        /// <summary>A copy of the kept text, only while a side file may still be needed.</summary>
        public StringBuilder? Kept;
        public string? SidePath;
        /// <summary>The temporary file the side file is written to, renamed to <see cref="SidePath"/> at the end.</summary>
        public string? SideTemp;
        public StreamWriter? Side;
        /// <summary>Why the side file could not be written, or null.</summary>
        public string? SideProblem;
    }

    readonly Dictionary<string, StreamState> streams = [];
    long displayBytes;
    int droppedDisplays;
    long droppedDisplayBytes;
    JsonObject? openStream;
    readonly StringBuilder openText = new();

    public Cell Cell => cell;

    /// <summary>
    /// Adds an output; returns the copy kept in the notebook (for displays updated later), null for text and for a
    /// display left out beyond the limit.
    /// </summary>
    public JsonObject? Add(JsonObject output)
    {
        var type = output["output_type"]?.GetValue<string>();
        if (type == "stream" && output["name"]?.GetValue<string>() is { } name && output["text"]?.GetValue<string>() is { } text)
        {
            AddText(name, text);
            return null;
        }
        if (type == "display_data")
        {
            long size = Encoding.UTF8.GetByteCount(output.ToJsonString());
            if (droppedDisplays > 0 || displayBytes + size > limit)
            {
                droppedDisplays++;
                droppedDisplayBytes += size;
                return null;
            }
            displayBytes += size;
        }
        CloseStream();
        var copy = (JsonObject)output.DeepClone();
        if (copy["output_type"]?.GetValue<string>() == "execute_result") copy["execution_count"] = cell.ExecutionCount;
        cell.Outputs.Add(copy);
        return copy;
    }

    void AddText(string name, string text)
    {
        if (!streams.TryGetValue(name, out var state))
            streams[name] = state = new StreamState(name) { Kept = sideFileStem is null ? null : new StringBuilder() };
        if (state.Truncated)
        {
            Drop(state, text);
            WriteSide(state, side => side.Write(text));
            return;
        }
        long bytes = Encoding.UTF8.GetByteCount(text);
        int keep = text.Length;
        if (state.KeptBytes + bytes > limit)
        {
            int fit = CharsWithin(text, limit - state.KeptBytes);
            int lineEnd = fit > 0 ? text.LastIndexOf('\n', fit - 1) + 1 : 0;
            keep = lineEnd > 0 ? lineEnd : fit;
            state.Truncated = true;
            Drop(state, text[keep..]);
            if (sideFileStem is not null) OpenSideFile(state, text);
            state.Kept = null;
        }
        else state.Kept?.Append(text);
        if (keep == 0) return;
        var kept = text[..keep];
        state.KeptBytes += keep == text.Length ? bytes : Encoding.UTF8.GetByteCount(kept);
        state.EndsWithNewline = kept[^1] == '\n';
        Append(name, kept);
    }

    void Append(string name, string text)
    {
        if (openStream is null || openStream["name"]!.GetValue<string>() != name)
        {
            CloseStream();
            openStream = Protocol.Stream(name, "");
            cell.Outputs.Add(openStream);
        }
        openText.Append(text);
    }

    /// <summary>Writes the text gathered so far into the open stream output; the next text starts a new one.</summary>
    void CloseStream()
    {
        if (openStream is null) return;
        openStream["text"] = openText.ToString();
        openText.Clear();
        openStream = null;
    }

    static void Drop(StreamState state, string text)
    {
        if (text.Length == 0) return;
        state.DroppedBytes += Encoding.UTF8.GetByteCount(text);
        state.DroppedLines += text.AsSpan().Count('\n');
        state.DroppedEndsWithNewline = text[^1] == '\n';
    }

    void OpenSideFile(StreamState state, string current)
    {
        state.SidePath = $"{sideFileStem}.cell-{number}.{state.Name}.txt";
        state.SideTemp = TemporaryFiles.Beside(state.SidePath);
        WriteSide(state, _ =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(state.SidePath)!);
            state.Side = new StreamWriter(state.SideTemp, append: false, new UTF8Encoding(false));
            state.Side.Write(state.Kept);
            state.Side.Write(current);
        });
    }

    /// <summary>Does <paramref name="write"/> on the side file; the first I/O error stops the side file and is remembered.</summary>
    static void WriteSide(StreamState state, Action<StreamWriter> write)
    {
        if (state.SideTemp is null || state.SideProblem is not null) return;
        try { write(state.Side!); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            state.SideProblem = OutputLocation.Reason(e, state.SideTemp, state.SidePath!);
            CloseSide(state);
        }
    }

    /// <summary>Closes the side file: renamed into place when it was written whole, else its temporary file removed.</summary>
    static void CloseSide(StreamState state)
    {
        if (state.SideTemp is null) return;
        try
        {
            state.Side?.Dispose();
            if (state.SideProblem is null) File.Move(state.SideTemp, state.SidePath!, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            state.SideProblem = OutputLocation.Reason(e, state.SideTemp, state.SidePath!);
        }
        state.Side = null;
        TemporaryFiles.Release(state.SideTemp);
        state.SideTemp = null;
    }

    /// <summary>The number of leading characters of <paramref name="text"/> whose UTF-8 takes at most <paramref name="bytes"/> bytes.</summary>
    static int CharsWithin(string text, long bytes)
    {
        long used = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int size = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 4 : text[i] < 0x80 ? 1 : text[i] < 0x800 ? 2 : 3;
            if (used + size > bytes) return i;
            used += size;
            if (size == 4) i++;
        }
        return text.Length;
    }

    /// <summary>"1 more line", "12 more lines".</summary>
    static string More(long count, string thing) => $"{count} more {thing}{(count == 1 ? "" : "s")}";

    /// <summary>Ends the cell's outputs: the open stream text is written, each truncated stream gets its one line.</summary>
    public void Finish()
    {
        foreach (var state in streams.Values.Where(s => s.Truncated))
        {
            CloseSide(state);
            long lines = state.DroppedLines + (state.DroppedEndsWithNewline ? 0 : 1);
            var where = state.SideProblem is not null ? $"the full text could not be written to {state.SidePath} ({state.SideProblem})"
                : state.SidePath is not null ? $"the full text is in {state.SidePath}"
                : "run with --keep-full-output to keep the full text in a file";
            Append(state.Name, (state.EndsWithNewline ? "" : "\n") +
                $"output truncated: {More(state.DroppedBytes, "byte")} ({More(lines, "line")}) beyond --max-output-per-cell {limit}; {where}\n");
            state.Truncated = false;
            state.EndsWithNewline = true;
        }
        if (droppedDisplays > 0)
        {
            bool midLine = streams.TryGetValue("stdout", out var stdout) && !stdout.EndsWithNewline;
            Append("stdout", (midLine ? "\n" : "") +
                $"output truncated: {More(droppedDisplays, "display")} ({More(droppedDisplayBytes, "byte")}) beyond --max-output-per-cell {limit}\n");
            droppedDisplays = 0;
        }
        CloseStream();
    }
}
