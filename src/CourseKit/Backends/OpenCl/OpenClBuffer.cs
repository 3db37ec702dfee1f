namespace CourseKit.Backends.OpenCl;

/// <summary>float32 memory on an OpenCL device (one cl_mem).</summary>
internal sealed class OpenClBuffer : DeviceBuffer
{
    internal OpenClBuffer(ClMemHandle memory, int length, OpenClContext owner)
    {
        Memory = memory;
        _length = length;
        Owner = owner;
    }

    private readonly int _length;
    public override int Length => _length;
    internal ClMemHandle Memory { get; }
    internal OpenClContext Owner { get; }

    public override void Dispose()
    {
        Memory.Dispose();
        base.Dispose();
    }
}
