using System.Security.Cryptography;
using System.Text;
using CourseKit.Backends.Gpu;
using static CourseKit.Backends.Cuda.NvrtcNative;

namespace CourseKit.Backends.Cuda;

/// <summary>
/// Compiles <see cref="GpuKernels.Cuda"/> with NVRTC into PTX for a device's architecture, once: the PTX is kept in
/// memory per architecture and on disk (~/.cache/coursekit/kernels, beside the dataset cache; keyed by the source, the options and NVRTC's version),
/// so a new notebook kernel skips the compiler. The driver turns PTX into machine code (and caches that itself).
/// </summary>
internal static unsafe class CudaCompiler
{
    private static readonly object Gate = new();
    private static readonly Dictionary<int, byte[]> Compiled = new();

    /// <summary>NVRTC's version as "12.4".</summary>
    public static string Version
    {
        get
        {
            int major, minor;
            CudaException.CheckNvrtc(nvrtcVersion(&major, &minor), "nvrtcVersion");
            return $"{major}.{minor}";
        }
    }

    /// <summary>Null-terminated PTX of every kernel for compute capability <paramref name="architecture"/> (e.g. 90).</summary>
    public static byte[] Ptx(int architecture)
    {
        lock (Gate)
        {
            int target = Target(architecture);
            if (Compiled.TryGetValue(target, out var ptx)) return ptx;
            string[] options = [$"--gpu-architecture=compute_{target}", "--fmad=false", "--std=c++14"];
            string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
                string.Join("\n", [GpuKernels.Cuda, .. options, Version])))).ToLowerInvariant()[..16];
            string file = Path.Combine(Path.GetDirectoryName(CourseKit.Data.DataLocations.DefaultCacheFolder())!, "kernels", $"cuda-sm{target}-{key}.ptx");
            ptx = ReadCache(file) ?? Compile(options);
            WriteCache(file, ptx);
            return Compiled[target] = ptx;
        }
    }

    /// <summary>The newest architecture NVRTC knows that is not newer than the device (PTX runs on later GPUs too).</summary>
    private static int Target(int architecture)
    {
        try
        {
            int count;
            if (nvrtcGetNumSupportedArchs(&count) != 0 || count == 0) return architecture;
            var archs = new int[count];
            fixed (int* a = archs)
                if (nvrtcGetSupportedArchs(a) != 0) return architecture;
            var usable = archs.Where(a => a <= architecture).ToArray();
            return usable.Length > 0 ? usable.Max() : archs.Min();
        }
        catch (EntryPointNotFoundException) { return architecture; } // NVRTC before 11.2
    }

    private static byte[] Compile(string[] options)
    {
        IntPtr program;
        var source = Encoding.UTF8.GetBytes(GpuKernels.Cuda + "\0");
        var name = "coursekit_kernels.cu\0"u8.ToArray();
        fixed (byte* s = source, n = name)
            CudaException.CheckNvrtc(nvrtcCreateProgram(&program, s, n, 0, null, null), "nvrtcCreateProgram");
        try
        {
            var encoded = options.Select(o => Encoding.ASCII.GetBytes(o + "\0")).ToArray();
            var handles = encoded.Select(e => System.Runtime.InteropServices.GCHandle.Alloc(e, System.Runtime.InteropServices.GCHandleType.Pinned)).ToArray();
            int result;
            try
            {
                var pointers = stackalloc byte*[encoded.Length];
                for (int i = 0; i < encoded.Length; i++) pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
                result = nvrtcCompileProgram(program, encoded.Length, pointers);
            }
            finally
            {
                foreach (var h in handles) h.Free();
            }
            CudaException.CheckNvrtc(result, $"nvrtcCompileProgram (CourseKit kernels, {string.Join(" ", options)})",
                                     result == 0 ? null : "Compiler log:\n" + Log(program));
            nuint size;
            CudaException.CheckNvrtc(nvrtcGetPTXSize(program, &size), "nvrtcGetPTXSize");
            var ptx = new byte[(int)size];
            fixed (byte* p = ptx) CudaException.CheckNvrtc(nvrtcGetPTX(program, p), "nvrtcGetPTX");
            return ptx;
        }
        finally
        {
            nvrtcDestroyProgram(&program);
        }
    }

    private static string Log(IntPtr program)
    {
        nuint size;
        if (nvrtcGetProgramLogSize(program, &size) != 0 || size <= 1) return "(no log)";
        var log = new byte[(int)size];
        fixed (byte* l = log) nvrtcGetProgramLog(program, l);
        return Encoding.UTF8.GetString(log).TrimEnd('\0');
    }

    private static byte[]? ReadCache(string file)
    {
        try { return File.Exists(file) ? File.ReadAllBytes(file) is { Length: > 0 } b && b[^1] == 0 ? b : null : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static void WriteCache(string file, byte[] ptx)
    {
        try
        {
            if (File.Exists(file)) return;
            AtomicFile.Write(file, stream => stream.Write(ptx), "CUDA kernel cache", createFolder: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the cache is only a shortcut */ }
    }
}
