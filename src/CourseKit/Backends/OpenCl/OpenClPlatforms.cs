using System.Text;
using static CourseKit.Backends.OpenCl.OpenClNative;

namespace CourseKit.Backends.OpenCl;

/// <summary>One OpenCL device found on this machine.</summary>
internal sealed record OpenClDeviceInfo(IntPtr Platform, IntPtr Device, string PlatformName, string DeviceName,
                                         long GlobalMemory, int ComputeUnits, long MaxAllocation);

/// <summary>Finds the OpenCL platforms and devices (all types) through the ICD loader.</summary>
internal static unsafe class OpenClPlatforms
{
    private static readonly object Gate = new();
    private static (IReadOnlyList<OpenClDeviceInfo> Devices, string Summary)? _found;

    /// <summary>Every device of every platform, in platform order; never throws (problems go into the summary).</summary>
    public static (IReadOnlyList<OpenClDeviceInfo> Devices, string Summary) Discover()
    {
        lock (Gate) return _found ??= DiscoverOnce();
    }

    private static (IReadOnlyList<OpenClDeviceInfo>, string) DiscoverOnce()
    {
        var searched = $"searched for the OpenCL loader as {string.Join(", ", Candidates)}";
        try
        {
            if (!TryLoadLibrary()) return ([], $"no OpenCL loader found ({searched})");
            uint count = 0;
            int err = clGetPlatformIDs(0, null, &count);
            if (err != 0 || count == 0)
                return ([], $"the OpenCL loader was found but reports no platforms ({OpenClException.NameOf(err)}; {searched}; is an ICD such as pocl-opencl-icd installed?)");
            var platforms = new IntPtr[count];
            fixed (IntPtr* p = platforms) OpenClException.Check(clGetPlatformIDs(count, p, null), "clGetPlatformIDs");
            var devices = new List<OpenClDeviceInfo>();
            var names = new List<string>();
            foreach (var platform in platforms)
            {
                string platformName = PlatformString(platform, CL_PLATFORM_NAME);
                uint n = 0;
                err = clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, &n);
                names.Add($"'{platformName}' ({(err == 0 ? n : 0)} devices)");
                if (err != 0 || n == 0) continue;
                var ids = new IntPtr[n];
                fixed (IntPtr* d = ids) OpenClException.Check(clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, n, d, null), "clGetDeviceIDs");
                foreach (var id in ids)
                {
                    ulong memory = 0, maxAlloc = 0;
                    uint units = 0;
                    clGetDeviceInfo(id, CL_DEVICE_GLOBAL_MEM_SIZE, sizeof(ulong), &memory, null);
                    clGetDeviceInfo(id, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof(uint), &units, null);
                    clGetDeviceInfo(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE, sizeof(ulong), &maxAlloc, null);
                    devices.Add(new OpenClDeviceInfo(platform, id, platformName, DeviceString(id, CL_DEVICE_NAME), (long)memory, (int)units, (long)maxAlloc));
                }
            }
            return (devices, $"platforms found: {string.Join(", ", names)}");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or OpenClException or BadImageFormatException)
        {
            return ([], $"OpenCL discovery failed: {e.Message} ({searched})");
        }
    }

    private static string PlatformString(IntPtr platform, uint param)
    {
        nuint size = 0;
        if (clGetPlatformInfo(platform, param, 0, null, &size) != 0 || size == 0) return "?";
        var bytes = new byte[(int)size];
        fixed (byte* b = bytes) if (clGetPlatformInfo(platform, param, size, b, null) != 0) return "?";
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
    }

    private static string DeviceString(IntPtr device, uint param)
    {
        nuint size = 0;
        if (clGetDeviceInfo(device, param, 0, null, &size) != 0 || size == 0) return "?";
        var bytes = new byte[(int)size];
        fixed (byte* b = bytes) if (clGetDeviceInfo(device, param, size, b, null) != 0) return "?";
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
    }
}
