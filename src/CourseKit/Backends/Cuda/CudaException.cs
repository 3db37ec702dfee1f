using System.Runtime.InteropServices;

namespace CourseKit.Backends.Cuda;

/// <summary>A CUDA call failed: the message names the library (driver, NVRTC, cuBLAS), the error (CUDA_ERROR_…) and the
/// operation.</summary>
public sealed class CudaException : Exception
{
    internal CudaException(string operation, string error, int code, string? detail = null)
        : base($"CUDA: {operation} failed with {error} ({code}).{(detail is null ? "" : " " + detail)}")
    {
        Operation = operation;
        ErrorName = error;
        ErrorCode = code;
    }

    /// <summary>The function (and what it was doing).</summary>
    public string Operation { get; }

    /// <summary>The error's name, e.g. CUDA_ERROR_ILLEGAL_ADDRESS or CUBLAS_STATUS_INVALID_VALUE.</summary>
    public string ErrorName { get; }

    /// <summary>The raw status code.</summary>
    public int ErrorCode { get; }

    /// <summary>Throws for a driver API result other than CUDA_SUCCESS.</summary>
    internal static void Check(int result, string operation)
    {
        if (result != 0) throw new CudaException(operation, DriverErrorName(result), result, DriverErrorText(result));
    }

    internal static void CheckNvrtc(int result, string operation, string? detail = null)
    {
        if (result != 0) throw new CudaException(operation, NvrtcErrorName(result), result, detail);
    }

    internal static void CheckCublas(int status, string operation)
    {
        if (status != 0) throw new CudaException(operation, CublasStatusName(status), status);
    }

    internal static unsafe string DriverErrorName(int result)
    {
        byte* name = null;
        try
        {
            if (CudaNative.cuGetErrorName(result, &name) == 0 && name != null) return Marshal.PtrToStringAnsi((IntPtr)name) ?? $"CUresult {result}";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        return $"CUresult {result}";
    }

    private static unsafe string? DriverErrorText(int result)
    {
        byte* text = null;
        try
        {
            if (CudaNative.cuGetErrorString(result, &text) == 0 && text != null) return Marshal.PtrToStringAnsi((IntPtr)text) + ".";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        return null;
    }

    private static unsafe string NvrtcErrorName(int result)
    {
        try { return Marshal.PtrToStringAnsi((IntPtr)NvrtcNative.nvrtcGetErrorString(result)) ?? $"nvrtcResult {result}"; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return $"nvrtcResult {result}"; }
    }

    internal static string CublasStatusName(int status) => status switch
    {
        1 => "CUBLAS_STATUS_NOT_INITIALIZED",
        3 => "CUBLAS_STATUS_ALLOC_FAILED",
        7 => "CUBLAS_STATUS_INVALID_VALUE",
        8 => "CUBLAS_STATUS_ARCH_MISMATCH",
        11 => "CUBLAS_STATUS_MAPPING_ERROR",
        13 => "CUBLAS_STATUS_EXECUTION_FAILED",
        14 => "CUBLAS_STATUS_INTERNAL_ERROR",
        15 => "CUBLAS_STATUS_NOT_SUPPORTED",
        16 => "CUBLAS_STATUS_LICENSE_ERROR",
        _ => $"cublasStatus {status}",
    };
}
