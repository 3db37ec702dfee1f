namespace CourseKit.Backends.Gpu;

/// <summary>How many work-items a kernel runs, OpenCL-style: the global count per dimension and, optionally, the size of
/// a work-group (a CUDA block) when the kernel shares memory within one. CUDA's grid is global / local per dimension.</summary>
internal readonly record struct GpuGrid(int X, int Y = 1, int Z = 1, int LocalX = 0, int LocalY = 0, int LocalZ = 0)
{
    public int Dimensions => Z > 1 ? 3 : Y > 1 ? 2 : 1;
    public bool HasLocalSize => LocalX > 0;
}
