using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CourseKit.Backends;

/// <summary>
/// Finds the vendors' native libraries that the GPU backends call (<c>[DllImport("OpenCL")]</c>, <c>"cuda"</c>,
/// <c>"nvrtc"</c>, <c>"cublas"</c>): each logical name maps to the file names tried in order — versioned names, since
/// Linux installs rarely provide the unversioned ones — and, for CUDA's libraries, the usual install folders too
/// (<c>COURSEKIT_CUDA_PATH</c>, <c>CUDA_PATH</c>, <c>CUDA_HOME</c>, /usr/local/cuda, and the NVIDIA wheels of a Python
/// environment, where PyTorch users have them).
/// </summary>
internal static class NativeLibraries
{
    private static readonly ConcurrentDictionary<string, IntPtr> Loaded = new();
    private static readonly Dictionary<string, string[]> Names = new()
    {
        ["OpenCL"] = OperatingSystem.IsWindows() ? ["OpenCL.dll"]
            : OperatingSystem.IsMacOS() ? ["/System/Library/Frameworks/OpenCL.framework/OpenCL"]
            : ["libOpenCL.so.1", "libOpenCL.so"],
        ["cuda"] = OperatingSystem.IsWindows() ? ["nvcuda.dll"] : ["libcuda.so.1", "libcuda.so"],
        ["nvrtc"] = OperatingSystem.IsWindows() ? ["nvrtc64_130_0.dll", "nvrtc64_120_0.dll", "nvrtc64_112_0.dll"]
            : ["libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11.1", "libnvrtc.so.11.0"],
        ["cublas"] = OperatingSystem.IsWindows() ? ["cublas64_13.dll", "cublas64_12.dll", "cublas64_11.dll"]
            : ["libcublas.so", "libcublas.so.13", "libcublas.so.12", "libcublas.so.11"],
    };

    static NativeLibraries()
    {
        try { NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve); }
        catch (InvalidOperationException) { /* a resolver is already set for this assembly */ }
    }

    /// <summary>The file names tried for <paramref name="library"/>, for messages.</summary>
    public static IReadOnlyList<string> Candidates(string library) => Names[library];

    /// <summary>Loads <paramref name="library"/> if it can be found (never throws); later DllImports of it use that handle.</summary>
    public static bool TryLoad(string library) => Resolve(library, typeof(NativeLibraries).Assembly, null) != IntPtr.Zero;

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (!Names.TryGetValue(name, out var files)) return IntPtr.Zero;
        return Loaded.GetOrAdd(name, _ =>
        {
            foreach (var file in files)
                if (NativeLibrary.TryLoad(file, assembly, path, out var handle)) return handle;
            if (name is "OpenCL") return IntPtr.Zero;
            foreach (var folder in CudaFolders())
                foreach (var file in files)
                {
                    var full = Path.Combine(folder, file);
                    if (!File.Exists(full)) continue;
                    if (name == "cublas") PreloadCublasLt(folder);
                    if (NativeLibrary.TryLoad(full, out var handle)) return handle;
                }
            return IntPtr.Zero;
        });
    }

    /// <summary>cuBLAS needs libcublasLt from its own folder, which the loader may not search.</summary>
    private static void PreloadCublasLt(string folder)
    {
        foreach (var lt in Directory.EnumerateFiles(folder, OperatingSystem.IsWindows() ? "cublasLt64_*.dll" : "libcublasLt.so*"))
            if (NativeLibrary.TryLoad(lt, out _)) return;
    }

    /// <summary>Folders where CUDA's libraries are usually installed, most specific first.</summary>
    private static IEnumerable<string> CudaFolders()
    {
        foreach (var variable in new[] { "COURSEKIT_CUDA_PATH", "CUDA_PATH", "CUDA_HOME" })
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } root)
                foreach (var sub in new[] { "", "lib64", "lib", "bin", Path.Combine("lib", "x64") })
                    yield return Path.Combine(root, sub);
        if (OperatingSystem.IsWindows()) yield break;
        yield return "/usr/local/cuda/lib64";
        yield return "/usr/local/cuda/targets/x86_64-linux/lib";
        yield return "/usr/lib/x86_64-linux-gnu";
        // pip's nvidia-*-cu12 wheels (what PyTorch installs): …/site-packages/nvidia/<component>/lib
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        foreach (var prefix in new[] { "/usr/lib", "/usr/local/lib", "/opt/conda/lib", Path.Combine(home, ".local", "lib") })
        {
            if (!Directory.Exists(prefix)) continue;
            foreach (var python in SafeDirectories(prefix, "python3*"))
                foreach (var packages in new[] { "site-packages", "dist-packages" })
                    foreach (var component in SafeDirectories(Path.Combine(python, packages, "nvidia"), "*"))
                        yield return Path.Combine(component, "lib");
        }
    }

    private static IEnumerable<string> SafeDirectories(string folder, string pattern)
    {
        try { return Directory.Exists(folder) ? Directory.GetDirectories(folder, pattern) : []; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
