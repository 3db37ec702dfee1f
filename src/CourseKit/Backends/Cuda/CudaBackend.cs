using System.Runtime.InteropServices;
using System.Text;
using CourseKit.Backends.Gpu;
using static CourseKit.Backends.Cuda.CudaNative;
using static CourseKit.Backends.Cuda.CublasNative;

namespace CourseKit.Backends.Cuda;

/// <summary>
/// The GPU kernels (<see cref="GpuKernels"/>, compiled by NVRTC) and cuBLAS's GEMM on one NVIDIA GPU. It uses the device's
/// primary context and one stream: every command is queued in order and only downloads wait. Uploads and downloads go
/// through a pinned host buffer, which the GPU reads and writes directly.
/// </summary>
internal sealed unsafe class CudaBackend : GpuBackend
{
    private const int StagingFloats = 4 << 20; // 16 MiB of pinned memory for transfers
    private const int BlockSize = 256;

    private readonly object _gate = new();
    private readonly IntPtr _context, _stream, _stagingDone;
    private readonly IntPtr _blas;
    private readonly Dictionary<string, IntPtr> _functions = new();
    private IntPtr _module;
    private float* _staging;

    public CudaBackend(CudaDeviceInfo device)
    {
        Info = device;
        IntPtr context, stream, evt;
        CudaException.Check(cuDevicePrimaryCtxRetain(&context, device.Handle), $"cuDevicePrimaryCtxRetain (device {device.Ordinal}, {device.Name})");
        _context = context;
        CudaException.Check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
        CudaException.Check(cuStreamCreate(&stream, 0), "cuStreamCreate");
        _stream = stream;
        CudaException.Check(cuEventCreate(&evt, CU_EVENT_DISABLE_TIMING), "cuEventCreate");
        _stagingDone = evt;
        (_blas, BlasStatus) = CreateBlas(stream);
    }

    public CudaDeviceInfo Info { get; }

    public override string Name => "cuda";

    public override string DeviceName => Info.Name;

    /// <summary>"cuBLAS 12.4.5" — or why GEMM runs on CourseKit's own kernel instead.</summary>
    public string BlasStatus { get; }

    private (IntPtr, string) CreateBlas(IntPtr stream)
    {
        try
        {
            if (!NativeLibraries.TryLoad("cublas"))
                return (IntPtr.Zero, $"cuBLAS not found (searched {string.Join(", ", NativeLibraries.Candidates("cublas"))}); GEMM uses CourseKit's tiled kernel");
            IntPtr handle;
            int version;
            CudaException.CheckCublas(cublasCreate_v2(&handle), "cublasCreate");
            CudaException.CheckCublas(cublasSetStream_v2(handle, stream), "cublasSetStream");
            CudaException.CheckCublas(cublasSetMathMode(handle, CUBLAS_DEFAULT_MATH), "cublasSetMathMode (full float32, no TF32)");
            CudaException.CheckCublas(cublasGetVersion_v2(handle, &version), "cublasGetVersion");
            return (handle, $"cuBLAS {version / 10000}.{version / 100 % 100}.{version % 100}");
        }
        catch (Exception e) when (e is CudaException or EntryPointNotFoundException)
        {
            return (IntPtr.Zero, $"cuBLAS could not start ({e.Message}); GEMM uses CourseKit's tiled kernel");
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        lock (_gate)
        {
            Current();
            if (_blas != IntPtr.Zero) cublasDestroy_v2(_blas);
            if (_module != IntPtr.Zero) cuModuleUnload(_module);
            if (_staging != null) cuMemFreeHost(_staging);
            cuEventDestroy_v2(_stagingDone);
            cuStreamDestroy_v2(_stream);
            cuDevicePrimaryCtxRelease_v2(Info.Handle);
        }
    }

    /// <summary>Makes the device's context current on the calling thread (threads do not share that setting).</summary>
    private void Current() => CudaException.Check(cuCtxSetCurrent(_context), "cuCtxSetCurrent");

    private static ulong Pointer(GpuBuffer buffer) => (ulong)buffer.Memory;

    // ---- memory ----
    internal override IntPtr AllocateMemory(long bytes)
    {
        lock (_gate)
        {
            Current();
            ulong pointer;
            int err = cuMemAlloc_v2(&pointer, (nuint)bytes);
            if (err == CUDA_ERROR_OUT_OF_MEMORY) return IntPtr.Zero;
            CudaException.Check(err, $"cuMemAlloc ({bytes} bytes)");
            return (IntPtr)(long)pointer;
        }
    }

    internal override void FreeMemory(IntPtr memory)
    {
        lock (_gate)
        {
            Current();
            CudaException.Check(cuMemFree_v2((ulong)memory), "cuMemFree");
        }
    }

    internal override DeviceOutOfMemoryException OutOfMemory(long requestedBytes, long bytesInUse)
    {
        nuint free = 0, total = 0;
        lock (_gate)
        {
            Current();
            cuMemGetInfo_v2(&free, &total);
        }
        return new DeviceOutOfMemoryException(
            $"CUDA device '{Info.Name}' ran out of memory: cuMemAlloc of {DeviceOutOfMemoryException.Megabytes(requestedBytes)} failed " +
            $"(CUDA_ERROR_OUT_OF_MEMORY); {DeviceOutOfMemoryException.Megabytes((long)free)} free of {DeviceOutOfMemoryException.Megabytes((long)total)}, " +
            $"of which CourseKit's tensors hold {DeviceOutOfMemoryException.Megabytes(bytesInUse)}; {DeviceOutOfMemoryException.Hint}.",
            requestedBytes, (long)free, (long)total);
    }

    public override void Fill(DeviceBuffer buffer, float value)
    {
        var b = Own(buffer);
        if (b.Length == 0) return;
        lock (_gate)
        {
            Current();
            CudaException.Check(cuMemsetD32Async(Pointer(b), BitConverter.SingleToUInt32Bits(value), (nuint)b.Length, _stream), "cuMemsetD32Async (fill)");
        }
    }

    protected override void CopyToDevice(ReadOnlySpan<float> source, GpuBuffer destination)
    {
        lock (_gate)
        {
            Current();
            nuint bytes = (nuint)source.Length * sizeof(float);
            if (source.Length <= StagingFloats)
            {
                // wait until the GPU has read the previous upload out of the staging buffer, then reuse it
                CudaException.Check(cuEventSynchronize(_stagingDone), "cuEventSynchronize (staging buffer)");
                source.CopyTo(new Span<float>(Staging(), source.Length));
                CudaException.Check(cuMemcpyHtoDAsync_v2(Pointer(destination), _staging, bytes, _stream), "cuMemcpyHtoDAsync (upload)");
                CudaException.Check(cuEventRecord(_stagingDone, _stream), "cuEventRecord");
            }
            else
                // from pageable memory the driver copies the data aside before returning, so the span may change afterwards
                fixed (float* p = source)
                    CudaException.Check(cuMemcpyHtoDAsync_v2(Pointer(destination), p, bytes, _stream), "cuMemcpyHtoDAsync (upload)");
        }
    }

    protected override void CopyToHost(GpuBuffer source, Span<float> destination)
    {
        lock (_gate)
        {
            Current();
            nuint bytes = (nuint)destination.Length * sizeof(float);
            if (destination.Length <= StagingFloats)
            {
                CudaException.Check(cuMemcpyDtoHAsync_v2(Staging(), Pointer(source), bytes, _stream), "cuMemcpyDtoHAsync (download)");
                CudaException.Check(cuStreamSynchronize(_stream), "cuStreamSynchronize (download)");
                new ReadOnlySpan<float>(_staging, destination.Length).CopyTo(destination);
            }
            else
                fixed (float* p = destination)
                {
                    CudaException.Check(cuMemcpyDtoHAsync_v2(p, Pointer(source), bytes, _stream), "cuMemcpyDtoHAsync (download)");
                    CudaException.Check(cuStreamSynchronize(_stream), "cuStreamSynchronize (download)");
                }
        }
        GC.KeepAlive(source);
    }

    private float* Staging()
    {
        if (_staging == null)
        {
            void* pinned;
            CudaException.Check(cuMemAllocHost_v2(&pinned, (nuint)StagingFloats * sizeof(float)), "cuMemAllocHost (pinned staging buffer)");
            _staging = (float*)pinned;
        }
        return _staging;
    }

    public override void Synchronize()
    {
        lock (_gate)
        {
            Current();
            CudaException.Check(cuStreamSynchronize(_stream), "cuStreamSynchronize");
        }
    }

    // ---- kernels ----
    protected override void Launch(string kernel, GpuGrid grid, object[] args)
    {
        int n = args.Length;
        var values = stackalloc ulong[n];
        var pointers = stackalloc void*[n];
        var pins = new List<GCHandle>();
        try
        {
            for (int i = 0; i < n; i++)
            {
                switch (args[i])
                {
                    case GpuBuffer b: values[i] = Pointer(b); break;
                    case int v: *(int*)&values[i] = v; break;
                    case float v: *(float*)&values[i] = v; break;
                    case int[] s:
                        var pin = GCHandle.Alloc(s, GCHandleType.Pinned);
                        pins.Add(pin);
                        pointers[i] = (void*)pin.AddrOfPinnedObject();
                        continue;
                    default: throw new ArgumentException($"Unsupported kernel argument {args[i]?.GetType().Name ?? "null"}.");
                }
                pointers[i] = &values[i];
            }
            var (block, blocks) = Shape(grid);
            lock (_gate)
            {
                Current();
                CudaException.Check(cuLaunchKernel(Function(kernel), blocks.X, blocks.Y, blocks.Z, block.X, block.Y, block.Z, 0, _stream, pointers, null),
                                    $"cuLaunchKernel({kernel}, grid {blocks.X}×{blocks.Y}×{blocks.Z}, block {block.X}×{block.Y}×{block.Z})");
            }
        }
        finally
        {
            foreach (var pin in pins) pin.Free();
        }
        GC.KeepAlive(args);
    }

    /// <summary>CUDA's block and grid for an OpenCL-style global range: the work-group size as the block (256 threads in
    /// a row when the kernel has none), and enough blocks to cover the range.</summary>
    internal static ((uint X, uint Y, uint Z) Block, (uint X, uint Y, uint Z) Grid) Shape(GpuGrid g)
    {
        var block = g.HasLocalSize ? ((uint)g.LocalX, (uint)g.LocalY, (uint)g.LocalZ) : ((uint)BlockSize, 1u, 1u);
        static uint Blocks(int global, uint size) => (uint)((global + size - 1) / size);
        return (block, (Blocks(g.X, block.Item1), Blocks(g.Y, block.Item2), Blocks(g.Z, block.Item3)));
    }

    private IntPtr Function(string kernel)
    {
        if (_functions.TryGetValue(kernel, out var f)) return f;
        if (_module == IntPtr.Zero)
        {
            var ptx = CudaCompiler.Ptx(Info.Architecture);
            IntPtr module;
            fixed (byte* p = ptx) CudaException.Check(cuModuleLoadData(&module, p), $"cuModuleLoadData (CourseKit kernels for sm_{Info.Architecture})");
            _module = module;
        }
        var name = Encoding.ASCII.GetBytes(kernel + "\0");
        fixed (byte* n = name) CudaException.Check(cuModuleGetFunction(&f, _module, n), $"cuModuleGetFunction('{kernel}')");
        return _functions[kernel] = f;
    }

    // ---- linear algebra ----
    /// <summary>The arguments of a column-major (cuBLAS) GEMM whose first operand is B and second is A.</summary>
    internal readonly record struct ColumnMajorGemm(int OpFirst, int OpSecond, int M, int N, int K, int LdFirst, int LdSecond, int Ldc);

    /// <summary>C = op(A)·op(B) in row-major, as the column-major product Cᵀ = op(B)ᵀ·op(A)ᵀ (see <see cref="Gemm"/>).</summary>
    internal static ColumnMajorGemm ColumnMajor(GemmShape s) => new(
        s.TransB ? CUBLAS_OP_T : CUBLAS_OP_N, s.TransA ? CUBLAS_OP_T : CUBLAS_OP_N,
        s.N, s.M, s.K, s.TransB ? s.K : s.N, s.TransA ? s.M : s.K, s.N);

    /// <summary>
    /// cuBLAS SGEMM. cuBLAS is column-major, and a row-major matrix read column-major is its transpose, so
    /// C = op(A)·op(B) in row-major is computed as Cᵀ = op(B)ᵀ·op(A)ᵀ in column-major: the operands swap places and keep
    /// their transpose flags.
    /// </summary>
    public override void Gemm(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, GemmShape s)
    {
        if (_blas == IntPtr.Zero)
        {
            base.Gemm(a, b, c, s);
            return;
        }
        if (s.Batch <= 0 || s.M <= 0 || s.N <= 0) return;
        var (ga, gb, gc) = (Own(a), Own(b), Own(c));
        if (s.K == 0)
        {
            Fill(c, 0f);
            return;
        }
        float alpha = 1, beta = 0;
        var g = ColumnMajor(s);
        lock (_gate)
        {
            Current();
            if (s.Batch == 1)
                CudaException.CheckCublas(cublasSgemm_v2(_blas, g.OpFirst, g.OpSecond, g.M, g.N, g.K, &alpha, Pointer(gb), g.LdFirst,
                                                         Pointer(ga), g.LdSecond, &beta, Pointer(gc), g.Ldc), $"cublasSgemm ({s.M}×{s.K}·{s.K}×{s.N})");
            else
                CudaException.CheckCublas(cublasSgemmStridedBatched(_blas, g.OpFirst, g.OpSecond, g.M, g.N, g.K, &alpha, Pointer(gb), g.LdFirst, s.StrideB,
                                                                    Pointer(ga), g.LdSecond, s.StrideA, &beta, Pointer(gc), g.Ldc, s.StrideC, s.Batch),
                                          $"cublasSgemmStridedBatched ({s.Batch} × {s.M}×{s.K}·{s.K}×{s.N})");
        }
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(c);
    }
}
