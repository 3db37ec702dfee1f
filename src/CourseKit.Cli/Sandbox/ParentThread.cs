using System.Diagnostics;

namespace CourseKit.Cli.Sandbox;

/// <summary>
/// Starts a sandboxed process from a thread of its own that waits for it. bwrap's <c>--die-with-parent</c> asks Linux
/// to kill the sandbox when its parent dies, and to Linux the parent is the thread that started it: started from a
/// pool or test thread, the sandbox would be killed whenever that thread ends, long before the grader does.
/// </summary>
static class ParentThread
{
    public static Process Start(ProcessStartInfo start)
    {
        Process? process = null;
        Exception? failure = null;
        using var started = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            try { process = Process.Start(start); }
            catch (Exception e) { failure = e; }
            started.Set();
            process?.WaitForExit();
        })
        { IsBackground = true, Name = "coursekit sandbox parent" };
        thread.Start();
        started.Wait();
        if (failure is not null) throw failure;
        return process ?? throw new InvalidOperationException($"{start.FileName} could not be started.");
    }
}
