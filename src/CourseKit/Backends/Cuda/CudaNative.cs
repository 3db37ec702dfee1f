using System.Runtime.InteropServices;

namespace CourseKit.Backends.Cuda;

/// <summary>The few CUDA driver API entry points the backend uses (libcuda.so.1 / nvcuda.dll, installed with the NVIDIA
/// driver). Every function returns a CUresult: 0 is success, see <see cref="CudaException"/>.</summary>
internal static unsafe class CudaNative
{
    private const string Library = "cuda";

    public const int CUDA_ERROR_OUT_OF_MEMORY = 2;
    public const int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
    public const int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
    public const uint CU_EVENT_DISABLE_TIMING = 2;

    [DllImport(Library)] public static extern int cuInit(uint flags);
    [DllImport(Library)] public static extern int cuDriverGetVersion(int* version);
    [DllImport(Library)] public static extern int cuGetErrorName(int error, byte** name);
    [DllImport(Library)] public static extern int cuGetErrorString(int error, byte** text);

    [DllImport(Library)] public static extern int cuDeviceGetCount(int* count);
    [DllImport(Library)] public static extern int cuDeviceGet(int* device, int ordinal);
    [DllImport(Library)] public static extern int cuDeviceGetName(byte* name, int length, int device);
    [DllImport(Library)] public static extern int cuDeviceTotalMem_v2(nuint* bytes, int device);
    [DllImport(Library)] public static extern int cuDeviceGetAttribute(int* value, int attribute, int device);

    [DllImport(Library)] public static extern int cuDevicePrimaryCtxRetain(IntPtr* context, int device);
    [DllImport(Library)] public static extern int cuDevicePrimaryCtxRelease_v2(int device);
    [DllImport(Library)] public static extern int cuCtxSetCurrent(IntPtr context);

    [DllImport(Library)] public static extern int cuStreamCreate(IntPtr* stream, uint flags);
    [DllImport(Library)] public static extern int cuStreamDestroy_v2(IntPtr stream);
    [DllImport(Library)] public static extern int cuStreamSynchronize(IntPtr stream);
    [DllImport(Library)] public static extern int cuEventCreate(IntPtr* evt, uint flags);
    [DllImport(Library)] public static extern int cuEventRecord(IntPtr evt, IntPtr stream);
    [DllImport(Library)] public static extern int cuEventSynchronize(IntPtr evt);
    [DllImport(Library)] public static extern int cuEventDestroy_v2(IntPtr evt);

    [DllImport(Library)] public static extern int cuMemAlloc_v2(ulong* pointer, nuint bytes);
    [DllImport(Library)] public static extern int cuMemFree_v2(ulong pointer);
    [DllImport(Library)] public static extern int cuMemGetInfo_v2(nuint* free, nuint* total);
    [DllImport(Library)] public static extern int cuMemAllocHost_v2(void** pointer, nuint bytes);
    [DllImport(Library)] public static extern int cuMemFreeHost(void* pointer);
    [DllImport(Library)] public static extern int cuMemcpyHtoDAsync_v2(ulong destination, void* source, nuint bytes, IntPtr stream);
    [DllImport(Library)] public static extern int cuMemcpyDtoHAsync_v2(void* destination, ulong source, nuint bytes, IntPtr stream);
    [DllImport(Library)] public static extern int cuMemsetD32Async(ulong destination, uint value, nuint count, IntPtr stream);

    [DllImport(Library)] public static extern int cuModuleLoadData(IntPtr* module, void* image);
    [DllImport(Library)] public static extern int cuModuleUnload(IntPtr module);
    [DllImport(Library)] public static extern int cuModuleGetFunction(IntPtr* function, IntPtr module, byte* name);
    [DllImport(Library)] public static extern int cuLaunchKernel(IntPtr function, uint gridX, uint gridY, uint gridZ,
        uint blockX, uint blockY, uint blockZ, uint sharedBytes, IntPtr stream, void** parameters, void** extra);
}

/// <summary>NVRTC, CUDA's run-time compiler (libnvrtc): turns the CUDA C kernels into PTX for the device's architecture.</summary>
internal static unsafe class NvrtcNative
{
    private const string Library = "nvrtc";

    [DllImport(Library)] public static extern int nvrtcVersion(int* major, int* minor);
    [DllImport(Library)] public static extern int nvrtcGetNumSupportedArchs(int* count);
    [DllImport(Library)] public static extern int nvrtcGetSupportedArchs(int* archs);
    [DllImport(Library)] public static extern byte* nvrtcGetErrorString(int result);
    [DllImport(Library)] public static extern int nvrtcCreateProgram(IntPtr* program, byte* source, byte* name, int headerCount, byte** headers, byte** includeNames);
    [DllImport(Library)] public static extern int nvrtcCompileProgram(IntPtr program, int optionCount, byte** options);
    [DllImport(Library)] public static extern int nvrtcGetPTXSize(IntPtr program, nuint* size);
    [DllImport(Library)] public static extern int nvrtcGetPTX(IntPtr program, byte* ptx);
    [DllImport(Library)] public static extern int nvrtcGetProgramLogSize(IntPtr program, nuint* size);
    [DllImport(Library)] public static extern int nvrtcGetProgramLog(IntPtr program, byte* log);
    [DllImport(Library)] public static extern int nvrtcDestroyProgram(IntPtr* program);
}

/// <summary>cuBLAS (libcublas), NVIDIA's BLAS: the GEMM of the CUDA backend. Column-major, like Fortran BLAS.</summary>
internal static unsafe class CublasNative
{
    private const string Library = "cublas";

    public const int CUBLAS_OP_N = 0, CUBLAS_OP_T = 1;
    public const int CUBLAS_DEFAULT_MATH = 0;

    [DllImport(Library)] public static extern int cublasCreate_v2(IntPtr* handle);
    [DllImport(Library)] public static extern int cublasDestroy_v2(IntPtr handle);
    [DllImport(Library)] public static extern int cublasGetVersion_v2(IntPtr handle, int* version);
    [DllImport(Library)] public static extern int cublasSetStream_v2(IntPtr handle, IntPtr stream);
    [DllImport(Library)] public static extern int cublasSetMathMode(IntPtr handle, int mode);
    [DllImport(Library)] public static extern int cublasSgemm_v2(IntPtr handle, int transA, int transB, int m, int n, int k,
        float* alpha, ulong a, int lda, ulong b, int ldb, float* beta, ulong c, int ldc);
    [DllImport(Library)] public static extern int cublasSgemmStridedBatched(IntPtr handle, int transA, int transB, int m, int n, int k,
        float* alpha, ulong a, int lda, long strideA, ulong b, int ldb, long strideB, float* beta, ulong c, int ldc, long strideC, int batchCount);
}
