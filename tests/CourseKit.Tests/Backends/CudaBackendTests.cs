using System.Diagnostics;
using System.Runtime.InteropServices;
using CourseKit.Backends;
using CourseKit.Backends.Cuda;
using CourseKit.Backends.Gpu;
using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Backends;

/// <summary>
/// The CUDA backend's parts that can be checked on any machine — absent-device behaviour, the grid and cuBLAS argument
/// mappings, the kernels compiled as CUDA C by clang — and, on a machine with an NVIDIA GPU, the device itself. (The
/// whole parametrised suite runs on "cuda" too; see <see cref="Devices"/>.)
/// </summary>
public class CudaBackendTests
{
    private static bool DriverInstalled()
    {
        if (!NativeLibrary.TryLoad(OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1", out var handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }

    [SkippableFact]
    public void WithoutADriverTheDeviceIsAbsentAndSaysWhy()
    {
        Skip.If(DriverInstalled(), "this machine has a CUDA driver");
        var e = Assert.Throws<InvalidOperationException>(() => Device.Cuda());
        Assert.Contains("no CUDA driver found (libcuda.so.1)", e.Message);
        Assert.Contains("Device.Cpu", e.Message);
        Assert.DoesNotContain(Device.List(), d => d.Name.StartsWith("cuda", StringComparison.Ordinal));
        var parse = Assert.Throws<ArgumentException>(() => Device.Parse("cuda:1"));
        Assert.Contains("no CUDA driver found (libcuda.so.1)", parse.Message);
        Assert.Contains("no CUDA driver found", Devices.CudaMissing);
    }

    [Theory]
    [InlineData(1000, 1, 1, 0, 0, 0, 256, 1, 1, 4, 1, 1)]       // a 1-D range: blocks of 256 threads in a row
    [InlineData(256, 1, 1, 0, 0, 0, 256, 1, 1, 1, 1, 1)]
    [InlineData(48, 32, 3, 16, 16, 1, 16, 16, 1, 3, 2, 3)]     // the tiled GEMM: one 16×16 block per tile, per batch
    public void GridCoversTheRangeInBlocks(int x, int y, int z, int lx, int ly, int lz, int bx, int by, int bz, int gx, int gy, int gz)
    {
        var (block, grid) = CudaBackend.Shape(new GpuGrid(x, y, z, lx, ly, lz));
        Assert.Equal(((uint)bx, (uint)by, (uint)bz), block);
        Assert.Equal(((uint)gx, (uint)gy, (uint)gz), grid);
    }

    /// <summary>cuBLAS is column-major; the backend passes B first and A second. A plain column-major SGEMM with exactly
    /// those arguments must reproduce the row-major product the Reference backend computes.</summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void CublasArgumentsReproduceTheRowMajorProduct(bool transA, bool transB)
    {
        const int batch = 2, m = 3, n = 5, k = 4;
        var shape = new GemmShape(batch, m, n, k, transA, transB, m * k, k * n, m * n);
        var a = TensorAssert.RandomArray(batch * m * k, 1);
        var b = TensorAssert.RandomArray(batch * k * n, 2);
        var reference = Device.Reference.Backend;
        var c = reference.Allocate(batch * m * n);
        reference.Gemm(reference.Upload(a), reference.Upload(b), c, shape);
        var expected = new float[batch * m * n];
        reference.Download(c, expected);

        var g = CudaBackend.ColumnMajor(shape);
        var actual = new float[batch * m * n];
        for (int p = 0; p < batch; p++)
            ColumnMajorSgemm(g.OpFirst == 1, g.OpSecond == 1, g.M, g.N, g.K, b.AsSpan(p * shape.StrideB), g.LdFirst,
                             a.AsSpan(p * shape.StrideA), g.LdSecond, actual.AsSpan(p * shape.StrideC), g.Ldc);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    /// <summary>BLAS's definition, element by element: C (m×n, column-major) = op(X)·op(Y).</summary>
    private static void ColumnMajorSgemm(bool tx, bool ty, int m, int n, int k, ReadOnlySpan<float> x, int ldx,
                                         ReadOnlySpan<float> y, int ldy, Span<float> c, int ldc)
    {
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
            {
                float sum = 0;
                for (int l = 0; l < k; l++)
                    sum += (tx ? x[l + i * ldx] : x[i + l * ldx]) * (ty ? y[j + l * ldy] : y[l + j * ldy]);
                c[i + j * ldc] = sum;
            }
    }

    /// <summary>The shared kernels with the CUDA prelude are valid CUDA C: clang's CUDA front end compiles them to PTX
    /// (with a stand-in for the declarations NVRTC provides implicitly) and every kernel becomes an entry point.</summary>
    [SkippableFact]
    public void KernelsCompileAsCudaWithClang()
    {
        var clang = new[] { "clang-19", "clang-16", "clang-15", "clang-14", "clang" }
            .Select(name => new[] { "/usr/bin", "/usr/local/bin" }.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists))
            .FirstOrDefault(path => path is not null);
        Skip.If(clang is null, "clang is not installed (test.sh installs clang-14)");
        var folder = Directory.CreateTempSubdirectory("coursekit-cuda-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "nvrtc_stand_in.h"), NvrtcStandIn);
            File.WriteAllText(Path.Combine(folder, "kernels.cu"), GpuKernels.Cuda);
            var start = new ProcessStartInfo(clang!, "-x cuda --cuda-device-only -nocudainc -nocudalib --cuda-gpu-arch=sm_70 " +
                                                     "-include nvrtc_stand_in.h -Wall -Werror -S -o kernels.ptx kernels.cu")
            { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"clang could not compile the CUDA kernels:\n{errors}");
            var ptx = File.ReadAllText(Path.Combine(folder, "kernels.ptx"));
            Assert.Equal(["ck_fill", "ck_unary", "ck_bias_act", "ck_bias_act_back", "ck_bias_grad_blocks", "ck_bias_grad", "ck_binary", "ck_where", "ck_copy", "ck_binary_seq", "ck_copy_seq", "ck_gather",
                          "ck_scatter_add", "ck_reduce", "ck_reduce_rows", "ck_gemm", "ck_optimizer", "ck_im2col", "ck_maxpool",
                          "ck_avgpool", "ck_col2im", "ck_maxpool_back", "ck_avgpool_back"], GpuKernels.KernelNames);
            foreach (var kernel in GpuKernels.KernelNames) Assert.Contains($".entry {kernel}(", ptx);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string NvrtcStandIn = """
        #include <__clang_cuda_builtin_vars.h>
        #define __global__ __attribute__((global))
        #define __device__ __attribute__((device))
        #define __shared__ __attribute__((shared))
        extern "C" __device__ float expf(float);
        extern "C" __device__ float logf(float);
        extern "C" __device__ float log1pf(float);
        extern "C" __device__ float sqrtf(float);
        extern "C" __device__ float tanhf(float);
        extern "C" __device__ float sinf(float);
        extern "C" __device__ float cosf(float);
        extern "C" __device__ float erff(float);
        extern "C" __device__ float powf(float, float);
        extern "C" __device__ float fabsf(float);
        __device__ inline int __float_as_int(float x) { return __builtin_bit_cast(int, x); }
        __device__ inline float __int_as_float(int x) { return __builtin_bit_cast(float, x); }

        """;

    // ---- on a machine with an NVIDIA GPU ----

    private static Device Cuda => Devices.Get("cuda");

    [SkippableFact]
    public void TheDeviceDescribesItselfAndIsFoundByName()
    {
        var cuda = Cuda;
        Assert.StartsWith("CUDA: ", cuda.Description);
        Assert.Contains("compute ", cuda.Description);
        Assert.Contains("NVRTC ", cuda.Description);
        Assert.Same(cuda, Device.Parse(" CUDA:0 "));
        Assert.Contains(cuda, Device.List());
        Assert.Throws<ArgumentException>(() => Device.Parse("cuda:999"));
    }

    [SkippableFact]
    public void LargeTransfersAndProductsMatchTheCpu()
    {
        var cuda = Cuda;
        // larger than the pinned staging buffer (16 MiB), so both transfer paths run
        var big = TensorAssert.RandomArray(5_000_000, 3);
        Assert.Equal(big, Tensor.FromData(big, [big.Length], cuda).ToArray());
        var a = Tensor.FromData(TensorAssert.RandomArray(128 * 784, 4), [128, 784]);
        var b = Tensor.FromData(TensorAssert.RandomArray(784 * 300, 5), [784, 300]);
        var expected = a.MatMul(b).ToArray();
        var actual = a.To(cuda).MatMul(b.To(cuda)).ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"element {i}");
    }
}
