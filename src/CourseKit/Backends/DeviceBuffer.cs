namespace CourseKit.Backends;

/// <summary>
/// A block of float32 memory that lives on one device (host RAM for the CPU backends, GPU memory for the
/// accelerators). Tensors own one buffer each; only backends look inside it.
/// </summary>
public abstract class DeviceBuffer : IDisposable
{
    /// <summary>Number of float32 elements.</summary>
    public abstract int Length { get; }

    private int _references;

    /// <summary>Frees device memory early; the garbage collector does it otherwise.</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>One more tensor uses this buffer (a reshape or a detached view shares its buffer).</summary>
    internal void Retain() => Interlocked.Increment(ref _references);

    /// <summary>A tensor using this buffer was disposed; the last one frees the memory.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0) Dispose();
    }
}

/// <summary>Host memory: a plain managed array, shared by the Reference and Cpu backends. Disposing it (when its last
/// tensor is disposed) hands the array to <see cref="HostMemoryPool"/> for reuse.</summary>
internal sealed class HostBuffer(float[] data) : DeviceBuffer
{
    private int _disposed;

    public float[] Data { get; } = data;
    public override int Length => Data.Length;
    public Span<float> Span => Data;

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) HostMemoryPool.Return(Data);
        base.Dispose();
    }
}
