namespace CourseKit.Cli.Sandbox;

/// <summary>
/// What one sandboxed worker may use. The wall clock is not here: the grader stops a cell (and the worker) that runs past
/// its time.
/// </summary>
public sealed record SandboxLimits
{
    /// <summary>
    /// Processes and threads the worker and everything it starts may have at once (Linux counts each thread as a task;
    /// the worker alone has 10 to 20). A fork bomb stops here.
    /// </summary>
    public int Processes { get; init; } = 256;

    /// <summary>The largest file a cell may write, in MiB; writing more fails (.NET reports it as an ArgumentOutOfRangeException:
    /// "Specified file length was too large for the file system").</summary>
    public int FileMegabytes { get; init; } = 64;

    /// <summary>CPU time the worker may use over its whole life, in seconds (all its threads together).</summary>
    public int CpuSeconds { get; init; } = 1800;

    /// <summary>
    /// The managed heap, in MiB (the runtime's DOTNET_GCHeapHardLimit): an allocation beyond it throws
    /// OutOfMemoryException in the cell. Native memory is bounded too, by the address space this leaves plus
    /// <see cref="AddressSpaceReserveMegabytes"/>.
    /// </summary>
    public int HeapMegabytes { get; init; } = 2048;

    /// <summary>
    /// Address space beyond the heap that the runtime, Roslyn, thread stacks and native libraries need, in MiB (a worker
    /// with a 2 GiB heap reserves about 5.3 GiB before its first cell). Native allocations of a cell come out of it too.
    /// </summary>
    public int AddressSpaceReserveMegabytes { get; init; } = 6144;

    /// <summary>Size of the private /tmp (kept in memory), in MiB.</summary>
    public int TempMegabytes { get; init; } = 256;

    /// <summary>DOTNET_GCHeapHardLimit's value: the heap limit in bytes, in hexadecimal as the runtime reads it.</summary>
    public string HeapHardLimitVariable => $"0x{(long)HeapMegabytes << 20:X}";
}
