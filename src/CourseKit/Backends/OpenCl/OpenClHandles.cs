using System.Runtime.InteropServices;
using static CourseKit.Backends.OpenCl.OpenClNative;

namespace CourseKit.Backends.OpenCl;

/// <summary>An OpenCL object that is released exactly once, even if its owner is only finalised.</summary>
internal abstract class ClHandle : SafeHandle
{
    protected ClHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);
    public override bool IsInvalid => handle == IntPtr.Zero;
    public IntPtr Value => handle;
}

internal sealed class ClContextHandle(IntPtr h) : ClHandle(h)
{
    protected override bool ReleaseHandle() => clReleaseContext(handle) == 0;
}

internal sealed class ClQueueHandle(IntPtr h) : ClHandle(h)
{
    protected override bool ReleaseHandle() => clReleaseCommandQueue(handle) == 0;
}

internal sealed class ClProgramHandle(IntPtr h) : ClHandle(h)
{
    protected override bool ReleaseHandle() => clReleaseProgram(handle) == 0;
}

internal sealed class ClKernelHandle(IntPtr h) : ClHandle(h)
{
    protected override bool ReleaseHandle() => clReleaseKernel(handle) == 0;
}
