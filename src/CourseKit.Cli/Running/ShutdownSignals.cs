using System.Runtime.InteropServices;

namespace CourseKit.Cli.Running;

/// <summary>
/// Ctrl-C (SIGINT), SIGTERM, SIGHUP (the terminal or SSH session closed) and SIGQUIT, turned into a cancellation: the
/// run stops where it is, the worker and every process the notebook started are killed, and <see cref="ExitCode"/> tells
/// which signal it was (130, 143, 129 or 131, as shells do).
/// A second signal ends the runner at once, and so does the first one if the run has not stopped within
/// <see cref="Grace"/> (a write blocked on a full disk or a stuck file system never holds the runner): then the
/// temporary files being written are removed and the notebook's processes killed before it exits.
/// </summary>
sealed class ShutdownSignals : IDisposable
{
    /// <summary>How long the run has after the first signal to stop by itself.</summary>
    public static TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(5);

    readonly CancellationTokenSource stop = new();
    readonly PosixSignalRegistration[] registrations;
    PosixSignal? received;

    public ShutdownSignals() =>
        registrations = [Register(PosixSignal.SIGINT), Register(PosixSignal.SIGTERM), Register(PosixSignal.SIGHUP), Register(PosixSignal.SIGQUIT)];

    /// <summary>Cancelled when the first signal arrives.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>128 + the signal's number, or null while no signal has come.</summary>
    public int? ExitCode => received switch
    {
        PosixSignal.SIGINT => 130,
        PosixSignal.SIGTERM => 143,
        PosixSignal.SIGHUP => 129,
        PosixSignal.SIGQUIT => 131,
        _ => null,
    };

    PosixSignalRegistration Register(PosixSignal signal) => PosixSignalRegistration.Create(signal, context =>
    {
        if (received is not null) return; // the second one: the default action ends the process
        context.Cancel = true;
        received = signal;
        stop.Cancel();
        _ = Task.Delay(Grace).ContinueWith(_ => StopNow(), TaskScheduler.Default);
    });

    /// <summary>The run did not stop in time: what Main's cleanup would do, then exit with the signal's code.</summary>
    void StopNow()
    {
        ProcessTree.KillDescendants();
        Environment.Exit(ExitCode ?? 1); // runs ProcessExit, which removes temporary files still being written
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        stop.Dispose();
    }
}
