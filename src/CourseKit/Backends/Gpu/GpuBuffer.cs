namespace CourseKit.Backends.Gpu;

/// <summary>
/// float32 memory on a GPU (a cl_mem or a CUdeviceptr), rented from its device's <see cref="GpuMemoryPool"/>.
/// Disposing it — or, as a safety net, the garbage collector finalising it — hands the memory back to the pool, which
/// gives it to the next allocation of the same size instead of asking the driver again.
/// </summary>
internal sealed class GpuBuffer : DeviceBuffer
{
    private readonly int _length;
    private IntPtr _memory;

    internal GpuBuffer(GpuBackend owner, IntPtr memory, int length, long capacity)
    {
        Owner = owner;
        _memory = memory;
        _length = length;
        Capacity = capacity;
    }

    public override int Length => _length;

    /// <summary>The backend whose device holds the memory.</summary>
    internal GpuBackend Owner { get; }

    /// <summary>Bytes actually reserved (the pool's size class, at least <see cref="Length"/> floats).</summary>
    internal long Capacity { get; }

    /// <summary>The driver's handle; throws once the buffer was disposed.</summary>
    internal IntPtr Memory => _memory != IntPtr.Zero ? _memory
        : throw new ObjectDisposedException(nameof(GpuBuffer), $"This {Owner.Name} buffer was already freed; a disposed tensor cannot be used again.");

    public override void Dispose()
    {
        ReturnToPool();
        base.Dispose();
    }

    ~GpuBuffer() => ReturnToPool();

    private void ReturnToPool()
    {
        var memory = Interlocked.Exchange(ref _memory, IntPtr.Zero);
        if (memory != IntPtr.Zero) Owner.Pool.Return(memory, Capacity);
    }
}
