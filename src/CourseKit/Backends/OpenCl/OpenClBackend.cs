using CourseKit.Backends.Gpu;
using static CourseKit.Backends.OpenCl.OpenClNative;

namespace CourseKit.Backends.OpenCl;

/// <summary>
/// The GPU kernels (<see cref="GpuKernels"/>) on one OpenCL device: buffers are cl_mem objects of the device's context,
/// commands go to one in-order queue, and downloads wait for them.
/// </summary>
internal sealed unsafe class OpenClBackend(OpenClDeviceInfo device) : GpuBackend
{
    private readonly OpenClContext _cl = new(device);

    public override string Name => "opencl";

    public override string DeviceName => _cl.Info.DeviceName;

    internal OpenClDeviceInfo Info => _cl.Info;

    public override void Dispose()
    {
        base.Dispose();
        _cl.Dispose();
    }

    internal override IntPtr AllocateMemory(long bytes) => _cl.CreateBuffer(bytes);

    internal override void FreeMemory(IntPtr memory) => clReleaseMemObject(memory);

    internal override DeviceOutOfMemoryException OutOfMemory(long requestedBytes, long bytesInUse) =>
        OpenClOutOfMemoryException.Failed(_cl.Info, $"clCreateBuffer ({DeviceOutOfMemoryException.Megabytes(bytesInUse)} already in use)",
                                          requestedBytes, _cl.LastOutOfMemoryCode);

    protected override void CopyToDevice(ReadOnlySpan<float> source, GpuBuffer destination)
    {
        lock (_cl.Gate)
            fixed (float* p = source)
                OpenClException.Check(clEnqueueWriteBuffer(_cl.Queue, destination.Memory, 1, 0, (nuint)source.Length * sizeof(float), p, 0, null, null),
                                      "clEnqueueWriteBuffer (upload)");
    }

    protected override void CopyToHost(GpuBuffer source, Span<float> destination)
    {
        lock (_cl.Gate)
            fixed (float* p = destination)
                OpenClException.Check(clEnqueueReadBuffer(_cl.Queue, source.Memory, 1, 0, (nuint)destination.Length * sizeof(float), p, 0, null, null),
                                      "clEnqueueReadBuffer (download)");
        GC.KeepAlive(source);
    }

    public override void Synchronize()
    {
        lock (_cl.Gate) OpenClException.Check(clFinish(_cl.Queue), "clFinish");
    }

    protected override void Launch(string kernel, GpuGrid grid, object[] args)
    {
        nuint* global = stackalloc nuint[3] { (nuint)grid.X, (nuint)grid.Y, (nuint)grid.Z };
        nuint* local = stackalloc nuint[3] { (nuint)grid.LocalX, (nuint)grid.LocalY, (nuint)grid.LocalZ };
        lock (_cl.Gate)
        {
            IntPtr k = _cl.Kernel(kernel);
            for (uint i = 0; i < args.Length; i++)
            {
                int err;
                switch (args[i])
                {
                    case GpuBuffer b:
                        IntPtr mem = b.Memory;
                        err = clSetKernelArg(k, i, (nuint)IntPtr.Size, &mem);
                        break;
                    case int v:
                        err = clSetKernelArg(k, i, sizeof(int), &v);
                        break;
                    case float v:
                        err = clSetKernelArg(k, i, sizeof(float), &v);
                        break;
                    case int[] s:
                        fixed (int* p = s) err = clSetKernelArg(k, i, (nuint)(s.Length * sizeof(int)), p);
                        break;
                    default:
                        throw new ArgumentException($"Unsupported kernel argument {args[i]?.GetType().Name ?? "null"}.");
                }
                OpenClException.Check(err, $"clSetKernelArg({kernel}, {i})");
            }
            int launch = clEnqueueNDRangeKernel(_cl.Queue, k, (uint)grid.Dimensions, null, global, grid.HasLocalSize ? local : null, 0, null, null);
            if (OpenClException.IsOutOfMemory(launch))
            {
                // the implementation may only back buffers with memory when a kernel first uses them
                long bytes = args.OfType<GpuBuffer>().Sum(b => b.Capacity);
                throw OpenClOutOfMemoryException.Failed(_cl.Info, $"clEnqueueNDRangeKernel({kernel})", bytes, launch);
            }
            OpenClException.Check(launch, $"clEnqueueNDRangeKernel({kernel})");
        }
        GC.KeepAlive(args);
    }
}
