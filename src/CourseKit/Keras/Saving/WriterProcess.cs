using System.Diagnostics;

namespace CourseKit;

/// <summary>
/// Whether the process that named a temporary file after itself (a model being saved, a download arriving) may still
/// be writing it. Files whose writer is gone — killed with <c>kill -9</c>, or on a machine that lost power — are
/// removed by the next save or load in their folder; files that may still be written are never touched.
/// </summary>
internal static class WriterProcess
{
    /// <summary>False when process <paramref name="pid"/> no longer runs, or when that number now belongs to a process
    /// started after the file was last written (numbers are reused); true otherwise, also when it cannot be told.</summary>
    public static bool MayBeRunning(int pid, DateTime lastWriteUtc)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime() <= lastWriteUtc.AddSeconds(1);
        }
        catch (ArgumentException) { return false; }         // no such process
        catch (InvalidOperationException) { return false; }  // it has exited
        catch (Exception) { return true; }                   // cannot tell: leave the file alone
    }
}
