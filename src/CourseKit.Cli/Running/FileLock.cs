using System.Diagnostics;

namespace CourseKit.Cli.Running;

/// <summary>
/// A lock shared by every process on the machine (and every thread of this one), held while a lock file is open:
/// exclusive for one holder, or shared by many readers until a writer asks for it exclusively (flock(2) on Linux and
/// macOS, sharing modes on Windows). The operating system releases it when its holder exits, even when killed, so a
/// crashed run never leaves others waiting. The lock file itself is left in place: removing it would race.
/// </summary>
public sealed class FileLock : IDisposable
{
    readonly FileStream stream;

    FileLock(FileStream stream) => this.stream = stream;

    /// <summary>Waits (polling) until the lock on <paramref name="path"/> is free, then holds it until disposed.</summary>
    /// <exception cref="TimeoutException">Another holder kept it for longer than <paramref name="timeout"/>.</exception>
    public static async Task<FileLock> AcquireAsync(string path, bool shared, TimeSpan timeout, CancellationToken cancel = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileLock(shared
                    ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.Read)
                    : new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                if (waited.Elapsed > timeout)
                    throw new TimeoutException($"{path} stayed locked by another coursekit run for {timeout.TotalSeconds:0} s", e);
                await Task.Delay(50 + Random.Shared.Next(100), cancel);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
