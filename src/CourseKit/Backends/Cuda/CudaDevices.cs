using System.Text;
using static CourseKit.Backends.Cuda.CudaNative;

namespace CourseKit.Backends.Cuda;

/// <summary>One NVIDIA GPU as the CUDA driver reports it.</summary>
internal sealed record CudaDeviceInfo(int Ordinal, int Handle, string Name, long TotalMemory, int Major, int Minor,
                                      int Multiprocessors, int DriverVersion)
{
    /// <summary>Compute capability as one number, e.g. 90 for 9.0 (H100/H200).</summary>
    public int Architecture => Major * 10 + Minor;

    /// <summary>"12.4" from the driver's 12040.</summary>
    public string DriverVersionText => $"{DriverVersion / 1000}.{DriverVersion % 1000 / 10}";
}

/// <summary>Finds the NVIDIA GPUs through the CUDA driver (libcuda.so.1), and checks that the libraries the backend needs
/// beside it (NVRTC) can be loaded.</summary>
internal static unsafe class CudaDevices
{
    private static readonly object Gate = new();
    private static (IReadOnlyList<CudaDeviceInfo> Devices, string Summary)? _found;

    /// <summary>The driver's file name on this operating system, for messages.</summary>
    public static string DriverFile => NativeLibraries.Candidates("cuda")[0];

    /// <summary>Every CUDA device, or none with the reason in the summary; never throws.</summary>
    public static (IReadOnlyList<CudaDeviceInfo> Devices, string Summary) Discover()
    {
        lock (Gate) return _found ??= DiscoverOnce();
    }

    private static (IReadOnlyList<CudaDeviceInfo>, string) DiscoverOnce()
    {
        try
        {
            if (!NativeLibraries.TryLoad("cuda")) return ([], $"no CUDA driver found ({DriverFile})");
            int err = cuInit(0);
            if (err != 0)
                return ([], $"the CUDA driver ({DriverFile}) is installed but cuInit failed with {CudaException.DriverErrorName(err)} ({err})" +
                            (err == 100 ? ": no NVIDIA GPU is visible to this process" : ""));
            int count = 0, driver = 0;
            CudaException.Check(cuDeviceGetCount(&count), "cuDeviceGetCount");
            CudaException.Check(cuDriverGetVersion(&driver), "cuDriverGetVersion");
            if (count == 0) return ([], $"the CUDA driver ({DriverFile}) reports no devices");
            var devices = new List<CudaDeviceInfo>();
            for (int i = 0; i < count; i++) devices.Add(Describe(i, driver));
            if (!NativeLibraries.TryLoad("nvrtc"))
                return ([], $"the CUDA driver found {string.Join(", ", devices.Select(d => d.Name))}, but not NVRTC, CUDA's run-time compiler " +
                            $"(searched {string.Join(", ", NativeLibraries.Candidates("nvrtc"))}, /usr/local/cuda and Python's nvidia wheels): " +
                            "install the CUDA toolkit's nvrtc package (or `pip install nvidia-cuda-nvrtc-cu12`), or set COURSEKIT_CUDA_PATH to the folder that has it");
            return (devices, $"CUDA driver {devices[0].DriverVersionText}: {string.Join(", ", devices.Select(d => d.Name))}");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or CudaException)
        {
            return ([], $"the CUDA driver ({DriverFile}) could not be used: {e.Message}");
        }
    }

    private static CudaDeviceInfo Describe(int ordinal, int driver)
    {
        int handle;
        CudaException.Check(cuDeviceGet(&handle, ordinal), "cuDeviceGet");
        var name = new byte[256];
        fixed (byte* n = name) CudaException.Check(cuDeviceGetName(n, name.Length, handle), "cuDeviceGetName");
        nuint memory;
        CudaException.Check(cuDeviceTotalMem_v2(&memory, handle), "cuDeviceTotalMem");
        return new CudaDeviceInfo(ordinal, handle, Encoding.ASCII.GetString(name).TrimEnd('\0'), (long)memory,
            Attribute(handle, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR), Attribute(handle, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
            Attribute(handle, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT), driver);
    }

    private static int Attribute(int device, int attribute)
    {
        int value;
        CudaException.Check(cuDeviceGetAttribute(&value, attribute, device), $"cuDeviceGetAttribute({attribute})");
        return value;
    }
}
