using System.Runtime.InteropServices;

namespace CourseKit.Backends.OpenCl;

/// <summary>The few OpenCL 1.2 entry points the backend uses, bound to the system's ICD loader
/// (libOpenCL.so.1 on Linux, OpenCL.dll on Windows, the OpenCL framework on macOS).</summary>
internal static unsafe class OpenClNative
{
    private const string Library = "OpenCL";

    /// <summary>File names tried, in order, for the OpenCL ICD loader.</summary>
    internal static IReadOnlyList<string> Candidates => NativeLibraries.Candidates(Library);

    /// <summary>Whether the ICD loader can be loaded at all (no exception).</summary>
    internal static bool TryLoadLibrary() => NativeLibraries.TryLoad(Library);

    public const uint CL_PLATFORM_NAME = 0x0902, CL_PLATFORM_VERSION = 0x0901;
    public const ulong CL_DEVICE_TYPE_ALL = 0xFFFFFFFF;
    public const uint CL_DEVICE_TYPE = 0x1000, CL_DEVICE_NAME = 0x102B, CL_DEVICE_GLOBAL_MEM_SIZE = 0x101F,
        CL_DEVICE_MAX_COMPUTE_UNITS = 0x1002, CL_DEVICE_MAX_WORK_GROUP_SIZE = 0x1004,
        CL_DEVICE_MAX_MEM_ALLOC_SIZE = 0x1010;
    public const uint CL_PROGRAM_BUILD_LOG = 0x1183;
    public const ulong CL_MEM_READ_WRITE = 1 << 0;

    [DllImport(Library)] public static extern int clGetPlatformIDs(uint numEntries, IntPtr* platforms, uint* numPlatforms);
    [DllImport(Library)] public static extern int clGetPlatformInfo(IntPtr platform, uint param, nuint size, void* value, nuint* sizeRet);
    [DllImport(Library)] public static extern int clGetDeviceIDs(IntPtr platform, ulong type, uint numEntries, IntPtr* devices, uint* numDevices);
    [DllImport(Library)] public static extern int clGetDeviceInfo(IntPtr device, uint param, nuint size, void* value, nuint* sizeRet);
    [DllImport(Library)] public static extern IntPtr clCreateContext(IntPtr* properties, uint numDevices, IntPtr* devices, IntPtr callback, IntPtr userData, int* error);
    [DllImport(Library)] public static extern IntPtr clCreateCommandQueue(IntPtr context, IntPtr device, ulong properties, int* error);
    [DllImport(Library)] public static extern IntPtr clCreateBuffer(IntPtr context, ulong flags, nuint size, void* hostPtr, int* error);
    [DllImport(Library)] public static extern int clEnqueueWriteBuffer(IntPtr queue, IntPtr buffer, uint blocking, nuint offset, nuint size, void* ptr, uint numEvents, IntPtr* waitList, IntPtr* evt);
    [DllImport(Library)] public static extern int clEnqueueReadBuffer(IntPtr queue, IntPtr buffer, uint blocking, nuint offset, nuint size, void* ptr, uint numEvents, IntPtr* waitList, IntPtr* evt);
    [DllImport(Library)] public static extern IntPtr clCreateProgramWithSource(IntPtr context, uint count, byte** strings, nuint* lengths, int* error);
    [DllImport(Library)] public static extern int clBuildProgram(IntPtr program, uint numDevices, IntPtr* devices, byte* options, IntPtr callback, IntPtr userData);
    [DllImport(Library)] public static extern int clGetProgramBuildInfo(IntPtr program, IntPtr device, uint param, nuint size, void* value, nuint* sizeRet);
    [DllImport(Library)] public static extern IntPtr clCreateKernel(IntPtr program, byte* name, int* error);
    [DllImport(Library)] public static extern int clSetKernelArg(IntPtr kernel, uint index, nuint size, void* value);
    [DllImport(Library)] public static extern int clEnqueueNDRangeKernel(IntPtr queue, IntPtr kernel, uint workDim, nuint* globalOffset, nuint* globalSize, nuint* localSize, uint numEvents, IntPtr* waitList, IntPtr* evt);
    [DllImport(Library)] public static extern int clFinish(IntPtr queue);
    [DllImport(Library)] public static extern int clReleaseContext(IntPtr context);
    [DllImport(Library)] public static extern int clReleaseCommandQueue(IntPtr queue);
    [DllImport(Library)] public static extern int clReleaseMemObject(IntPtr mem);
    [DllImport(Library)] public static extern int clReleaseProgram(IntPtr program);
    [DllImport(Library)] public static extern int clReleaseKernel(IntPtr kernel);
}
