using System.IO.Pipes;
using Microsoft.Win32.SafeHandles;

namespace CourseKit.Cli.Running;

/// <summary>
/// The runner's end of one cell's raw stdout or stderr pipe (see <see cref="Worker.CellPipes"/>): a stream to read, the
/// path the worker opens the write end by, and the runner's own copy of the write end, which it keeps until the worker
/// has opened its own, so that the pipe ends only when the cell and every process it started are done with it.
/// </summary>
abstract class RunnerPipe : IDisposable
{
    /// <summary>What the cell writes.</summary>
    public abstract Stream ReadEnd { get; }

    /// <summary>The path the worker opens to write into the pipe.</summary>
    public abstract string PathForWorker { get; }

    /// <summary>Closes the runner's copy of the write end.</summary>
    public abstract void CloseWriteEnd();

    public abstract void Dispose();

    /// <summary>
    /// An anonymous pipe, which the worker opens through <c>/proc/RUNNER/fd/N</c>: the worker shares the runner's view of
    /// /proc (no sandbox).
    /// </summary>
    public static RunnerPipe Anonymous() => new AnonymousPipe();

    /// <summary>
    /// A named pipe with an unguessable name in <paramref name="folder"/>, which a sandboxed worker (its own /proc, maybe
    /// its own user) reaches through that folder, mounted into its sandbox: anyone who can enter the folder may write to it.
    /// </summary>
    public static RunnerPipe Named(string folder) => new NamedPipe(Path.Combine(folder, $"pipe-{Guid.NewGuid():N}"));

    sealed class AnonymousPipe : RunnerPipe
    {
        readonly AnonymousPipeServerStream pipe = new(PipeDirection.In, HandleInheritability.None);

        public override Stream ReadEnd => pipe;
        public override string PathForWorker => $"/proc/{Environment.ProcessId}/fd/{pipe.GetClientHandleAsString()}";
        public override void CloseWriteEnd() => pipe.DisposeLocalCopyOfClientHandle();
        public override void Dispose() => pipe.Dispose();
    }

    sealed class NamedPipe : RunnerPipe
    {
        readonly string path;
        readonly SafeFileHandle writeEnd;
        readonly FileStream readEnd;

        public NamedPipe(string path)
        {
            this.path = path;
            Posix.MakeFifo(path);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
            // Opening for reading and writing never waits for the other side; with that write end open, neither does
            // opening the read end.
            writeEnd = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            readEnd = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        }

        public override Stream ReadEnd => readEnd;
        public override string PathForWorker => path;
        public override void CloseWriteEnd() => writeEnd.Dispose();

        public override void Dispose()
        {
            writeEnd.Dispose();
            readEnd.Dispose();
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
