namespace CourseKit.Backends;

/// <summary>
/// A block of float32 memory that lives on one device (host RAM for the CPU backends, GPU memory for the
/// accelerators). Tensors own one buffer each; only backends look inside it.
/// </summary>
public abstract class DeviceBuffer : IDisposable
{
    /// <summary>Number of float32 elements.</summary>
    public abstract int Length { get; }

    /// <summary>Frees device memory early; the garbage collector does it otherwise.</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>Host memory: a plain managed array, shared by the Reference and Cpu backends.</summary>
internal sealed class HostBuffer(float[] data) : DeviceBuffer
{
    public float[] Data { get; } = data;
    public override int Length => Data.Length;
    public Span<float> Span => Data;
}
