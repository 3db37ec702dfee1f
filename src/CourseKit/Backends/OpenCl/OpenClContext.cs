using System.Text;
using static CourseKit.Backends.OpenCl.OpenClNative;

namespace CourseKit.Backends.OpenCl;

/// <summary>One device's context, in-order command queue and the compiled kernel program (built once, on first use).</summary>
internal sealed unsafe class OpenClContext : IDisposable
{
    private readonly ClContextHandle _context;
    private readonly ClQueueHandle _queue;
    private readonly Dictionary<string, ClKernelHandle> _kernels = new();
    private ClProgramHandle? _program;

    public OpenClContext(OpenClDeviceInfo device)
    {
        Info = device;
        int err;
        IntPtr id = device.Device;
        IntPtr context = clCreateContext(null, 1, &id, IntPtr.Zero, IntPtr.Zero, &err);
        OpenClException.Check(err, $"clCreateContext (device '{device.DeviceName}')");
        _context = new ClContextHandle(context);
        IntPtr queue = clCreateCommandQueue(context, id, 0, &err);
        OpenClException.Check(err, "clCreateCommandQueue");
        _queue = new ClQueueHandle(queue);
    }

    public OpenClDeviceInfo Info { get; }

    /// <summary>Serialises kernel argument setting and enqueueing (kernels are shared objects).</summary>
    public object Gate { get; } = new();

    public IntPtr Queue => _queue.Value;

    /// <summary>The error code of the last allocation that failed for lack of memory.</summary>
    public int LastOutOfMemoryCode { get; private set; }

    /// <summary>A new cl_mem of <paramref name="bytes"/>, or <see cref="IntPtr.Zero"/> when the device is out of memory.</summary>
    public IntPtr CreateBuffer(long bytes)
    {
        if (Info.MaxAllocation > 0 && bytes > Info.MaxAllocation)
            throw OpenClOutOfMemoryException.TooLarge(Info, bytes);
        int err;
        IntPtr mem = clCreateBuffer(_context.Value, CL_MEM_READ_WRITE, (nuint)bytes, null, &err);
        if (OpenClException.IsOutOfMemory(err))
        {
            LastOutOfMemoryCode = err;
            return IntPtr.Zero;
        }
        OpenClException.Check(err, $"clCreateBuffer ({bytes} bytes)");
        return mem;
    }

    /// <summary>The kernel of that name from the (lazily built) program.</summary>
    public IntPtr Kernel(string name)
    {
        if (_kernels.TryGetValue(name, out var k)) return k.Value;
        _program ??= Build();
        int err;
        var bytes = Encoding.ASCII.GetBytes(name + "\0");
        IntPtr kernel;
        fixed (byte* b = bytes) kernel = clCreateKernel(_program.Value, b, &err);
        OpenClException.Check(err, $"clCreateKernel('{name}')");
        var handle = new ClKernelHandle(kernel);
        _kernels[name] = handle;
        return handle.Value;
    }

    private ClProgramHandle Build()
    {
        int err;
        var source = Encoding.ASCII.GetBytes(Gpu.GpuKernels.OpenCl);
        IntPtr program;
        fixed (byte* s = source)
        {
            byte* strings = s;
            nuint length = (nuint)source.Length;
            program = clCreateProgramWithSource(_context.Value, 1, &strings, &length, &err);
        }
        OpenClException.Check(err, "clCreateProgramWithSource");
        var handle = new ClProgramHandle(program);
        IntPtr id = Info.Device;
        var options = Encoding.ASCII.GetBytes("-cl-std=CL1.2\0");
        fixed (byte* o = options) err = clBuildProgram(program, 1, &id, o, IntPtr.Zero, IntPtr.Zero);
        if (err != 0)
        {
            string log = BuildLog(program, id);
            handle.Dispose();
            throw new OpenClException("clBuildProgram (CourseKit kernels)", err, "Build log:\n" + log);
        }
        return handle;
    }

    private static string BuildLog(IntPtr program, IntPtr device)
    {
        nuint size = 0;
        if (clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, &size) != 0 || size == 0) return "(no log)";
        var bytes = new byte[(int)size];
        fixed (byte* b = bytes) clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, size, b, null);
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0');
    }

    public void Dispose()
    {
        foreach (var k in _kernels.Values) k.Dispose();
        _program?.Dispose();
        _queue.Dispose();
        _context.Dispose();
    }
}
