using System.Text.Json.Nodes;
using CourseKit.Cli.Running;
using Microsoft.Win32.SafeHandles;

namespace CourseKit.Cli.Worker;

/// <summary>
/// The raw stdout and stderr of one cell: two pipes the runner made for that cell alone. While the cell runs they are
/// the worker's file descriptors 1 and 2, so native code, <c>Console.OpenStandardOutput()</c> and every process the
/// cell starts write into them; a child that prints after its cell has finished still prints into its own cell's pipe,
/// never into the next cell's. The worker opens the runner's write ends through <c>/proc/RUNNER/fd/N</c> (the paths
/// come with the "run" message) and keeps a private copy of each, to end the cell's text with a signed marker.
/// </summary>
sealed class CellPipes
{
    /// <summary>What file descriptors 1 and 2 were when the worker started (the runner's plain stdout and stderr pipes).</summary>
    static readonly int WorkerStdout = Posix.HiddenCopy(1), WorkerStderr = Posix.HiddenCopy(2);

    /// <summary>The worker's own copies of the cell's write ends, with their stream names.</summary>
    public IReadOnlyList<(SafeFileHandle Handle, string Stream)> Ends { get; }

    CellPipes(IReadOnlyList<(SafeFileHandle, string)> ends) => Ends = ends;

    /// <summary>
    /// Opens the pipes named in a "run" message and puts them on file descriptors 1 and 2; null when the message names
    /// none or they cannot be opened (the cell then writes where the worker's own output goes).
    /// </summary>
    public static CellPipes? Open(JsonObject run)
    {
        if (WorkerStdout < 0 || WorkerStderr < 0) return null;
        var ends = new List<(SafeFileHandle, string)>();
        try
        {
            foreach (var (stream, fd) in new[] { ("stdout", 1), ("stderr", 2) })
            {
                if (run[stream]?.GetValue<string>() is not { } path) return Close(ends);
                var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                ends.Add((handle, stream));
                if (!Posix.Replace(fd, (int)handle.DangerousGetHandle())) return Close(ends);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Close(ends);
        }
        return new CellPipes(ends);
    }

    /// <summary>
    /// The cell has finished: file descriptors 1 and 2 go back to the worker's own output (so what the next cell's
    /// processes print cannot reach this cell's pipes), also when the cell closed or replaced them.
    /// </summary>
    public static void Detach()
    {
        Posix.Replace(1, WorkerStdout);
        Posix.Replace(2, WorkerStderr);
    }

    /// <summary>Writes a cell's end marker into each pipe and closes the worker's copies.</summary>
    public void End(Func<string, byte[]> marker)
    {
        foreach (var (handle, stream) in Ends)
        {
            try
            {
                using var pipe = new FileStream(handle, FileAccess.Write, bufferSize: 0);
                pipe.Write(marker(stream));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException) { }
            handle.Dispose();
        }
    }

    static CellPipes? Close(List<(SafeFileHandle Handle, string)> ends)
    {
        Detach();
        foreach (var end in ends) end.Handle.Dispose();
        return null;
    }
}
