using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CourseKit.Backends.Cpu;

/// <summary>Which micro-kernel to use; <see cref="Auto"/> picks the fastest one this CPU supports.</summary>
internal enum KernelKind { Auto, Avx512, Avx2, Portable }

internal static unsafe partial class PackedGemm
{
    /// <summary>
    /// A micro-kernel and the blocking sizes tuned for it.
    /// <list type="bullet">
    /// <item>MR×NR: the tile of C held in registers (MR rows broadcast from A, NR columns loaded from B).</item>
    /// <item>KC: length of the k slice; a packed MR×KC strip of A and KC×NR strip of B are what one kernel call reads.</item>
    /// <item>MC, NC: rows of A and columns of B packed at a time (sized for the L2 and L3 caches).</item>
    /// </list>
    /// </summary>
    internal sealed class MicroKernel
    {
        public readonly KernelKind Kind;
        public readonly int MR, NR, KC, MC, NC;
        private readonly delegate*<int, float*, int, float*, int, float*, int, int, void> _compute, _computeHalfWidth;

        private MicroKernel(KernelKind kind, int mr, int nr, int kc, int mc, int nc,
                            delegate*<int, float*, int, float*, int, float*, int, int, void> compute,
                            delegate*<int, float*, int, float*, int, float*, int, int, void> computeHalfWidth = null)
        {
            Kind = kind; MR = mr; NR = nr; KC = kc;
            MC = (mc + mr - 1) / mr * mr;
            NC = (nc + nr - 1) / nr * nr;
            _compute = compute;
            _computeHalfWidth = computeHalfWidth;
        }

        /// <summary>Floats in a packed MC×KC block of A, rounded up to whole cache lines so packed B stays aligned.</summary>
        public int PackedASize => (MC * KC + 15) & ~15;

        /// <summary>Floats in a packed KC×NC block of B.</summary>
        public int PackedBSize => (NC * KC + 15) & ~15;

        /// <summary>
        /// C tile (MR×NR at c, row stride ldc) = (accumulate ≠ 0 ? C tile : 0) + Σ_p aPanel[p, :]ᵀ · bPanel[p, :]
        /// over kc steps, reading the packed panels sequentially.
        /// </summary>
        /// <remarks>Packed panels advance MR floats of A and NR of B per step; operands that already run along k
        /// (A stored transposed, B as stored) can be read in place with their row strides as the steps.</remarks>
        public void Compute(int kc, float* aPanel, int aStep, float* bPanel, int bStep, float* c, int ldc, int accumulate)
            => _compute(kc, aPanel, aStep, bPanel, bStep, c, ldc, accumulate);

        /// <summary>True when there is a half-width variant (AVX-512 12×16, AVX2 6×8) for narrow edge tiles.</summary>
        public bool HasHalfWidthKernel => _computeHalfWidth != null;

        /// <summary>
        /// Like <see cref="Compute"/> for a tile whose valid columns all lie in the first NR/2: computes
        /// (and writes) only MR × NR/2 values, halving the work on narrow edge strips. Falls back to the
        /// full kernel where there is no half-width variant.
        /// </summary>
        public void ComputeHalfWidth(int kc, float* aPanel, int aStep, float* bPanel, int bStep, float* c, int ldc, int accumulate)
        {
            if (_computeHalfWidth != null) _computeHalfWidth(kc, aPanel, aStep, bPanel, bStep, c, ldc, accumulate);
            else _compute(kc, aPanel, aStep, bPanel, bStep, c, ldc, accumulate);
        }

        private static MicroKernel? s_avx512, s_avx2, s_portable;

        public static MicroKernel Get(KernelKind kind) => kind switch
        {
            KernelKind.Auto => Avx512F.IsSupported ? Get(KernelKind.Avx512)
                             : Fma.IsSupported && Avx2.IsSupported ? Get(KernelKind.Avx2)
                             : Get(KernelKind.Portable),
            KernelKind.Avx512 => Avx512F.IsSupported
                ? s_avx512 ??= new MicroKernel(kind, 12, 32, kc: 384, mc: 120, nc: 512, &Avx512Kernel12x32, &Avx512Kernel12x16)
                : throw new PlatformNotSupportedException("AVX-512F is not supported on this CPU."),
            KernelKind.Avx2 => Fma.IsSupported && Avx2.IsSupported
                ? s_avx2 ??= new MicroKernel(kind, 6, 16, kc: 384, mc: 120, nc: 512, &Avx2Kernel6x16, &Avx2Kernel6x8)
                : throw new PlatformNotSupportedException("AVX2 and FMA are not supported on this CPU."),
            KernelKind.Portable => s_portable ??= new MicroKernel(kind, 4, 2 * Vector<float>.Count,
                                                                  kc: 256, mc: 128, nc: 512, &PortableKernel),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        /// <summary>True when <paramref name="kind"/> can run on this CPU.</summary>
        public static bool IsSupported(KernelKind kind) => kind switch
        {
            KernelKind.Avx512 => Avx512F.IsSupported,
            KernelKind.Avx2 => Fma.IsSupported && Avx2.IsSupported,
            _ => true,
        };
    }

    // ---------------------------------------------------------------------------------------------------
    // AVX-512: a 12×32 tile of C lives in 24 zmm registers (12 rows × 2 vectors of 16 floats). Each k step
    // loads 32 floats of B (2 registers), broadcasts 12 floats of A and issues 24 fused multiply-adds.
    // ---------------------------------------------------------------------------------------------------

    /// <summary>AVX-512 micro-kernel, 12×32 tile (see <see cref="MicroKernel.Compute"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Avx512Kernel12x32(int kc, float* a, int aStep, float* b, int bStep, float* c, int ldc, int accumulate)
    {
        Vector512<float> c0a = default, c0b = default;
        Vector512<float> c1a = default, c1b = default;
        Vector512<float> c2a = default, c2b = default;
        Vector512<float> c3a = default, c3b = default;
        Vector512<float> c4a = default, c4b = default;
        Vector512<float> c5a = default, c5b = default;
        Vector512<float> c6a = default, c6b = default;
        Vector512<float> c7a = default, c7b = default;
        Vector512<float> c8a = default, c8b = default;
        Vector512<float> c9a = default, c9b = default;
        Vector512<float> c10a = default, c10b = default;
        Vector512<float> c11a = default, c11b = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Avx512F.LoadVector512(b + 0); Vector512<float> b1 = Avx512F.LoadVector512(b + 16);
            Vector512<float> x;
            x = Vector512.Create(a[0]); c0a = Avx512F.FusedMultiplyAdd(x, b0, c0a); c0b = Avx512F.FusedMultiplyAdd(x, b1, c0b);
            x = Vector512.Create(a[1]); c1a = Avx512F.FusedMultiplyAdd(x, b0, c1a); c1b = Avx512F.FusedMultiplyAdd(x, b1, c1b);
            x = Vector512.Create(a[2]); c2a = Avx512F.FusedMultiplyAdd(x, b0, c2a); c2b = Avx512F.FusedMultiplyAdd(x, b1, c2b);
            x = Vector512.Create(a[3]); c3a = Avx512F.FusedMultiplyAdd(x, b0, c3a); c3b = Avx512F.FusedMultiplyAdd(x, b1, c3b);
            x = Vector512.Create(a[4]); c4a = Avx512F.FusedMultiplyAdd(x, b0, c4a); c4b = Avx512F.FusedMultiplyAdd(x, b1, c4b);
            x = Vector512.Create(a[5]); c5a = Avx512F.FusedMultiplyAdd(x, b0, c5a); c5b = Avx512F.FusedMultiplyAdd(x, b1, c5b);
            x = Vector512.Create(a[6]); c6a = Avx512F.FusedMultiplyAdd(x, b0, c6a); c6b = Avx512F.FusedMultiplyAdd(x, b1, c6b);
            x = Vector512.Create(a[7]); c7a = Avx512F.FusedMultiplyAdd(x, b0, c7a); c7b = Avx512F.FusedMultiplyAdd(x, b1, c7b);
            x = Vector512.Create(a[8]); c8a = Avx512F.FusedMultiplyAdd(x, b0, c8a); c8b = Avx512F.FusedMultiplyAdd(x, b1, c8b);
            x = Vector512.Create(a[9]); c9a = Avx512F.FusedMultiplyAdd(x, b0, c9a); c9b = Avx512F.FusedMultiplyAdd(x, b1, c9b);
            x = Vector512.Create(a[10]); c10a = Avx512F.FusedMultiplyAdd(x, b0, c10a); c10b = Avx512F.FusedMultiplyAdd(x, b1, c10b);
            x = Vector512.Create(a[11]); c11a = Avx512F.FusedMultiplyAdd(x, b0, c11a); c11b = Avx512F.FusedMultiplyAdd(x, b1, c11b);
            a += aStep; b += bStep;
        }
        StoreRow512(c + 0 * (long)ldc, accumulate, c0a, c0b);
        StoreRow512(c + 1 * (long)ldc, accumulate, c1a, c1b);
        StoreRow512(c + 2 * (long)ldc, accumulate, c2a, c2b);
        StoreRow512(c + 3 * (long)ldc, accumulate, c3a, c3b);
        StoreRow512(c + 4 * (long)ldc, accumulate, c4a, c4b);
        StoreRow512(c + 5 * (long)ldc, accumulate, c5a, c5b);
        StoreRow512(c + 6 * (long)ldc, accumulate, c6a, c6b);
        StoreRow512(c + 7 * (long)ldc, accumulate, c7a, c7b);
        StoreRow512(c + 8 * (long)ldc, accumulate, c8a, c8b);
        StoreRow512(c + 9 * (long)ldc, accumulate, c9a, c9b);
        StoreRow512(c + 10 * (long)ldc, accumulate, c10a, c10b);
        StoreRow512(c + 11 * (long)ldc, accumulate, c11a, c11b);
    }

    /// <summary>
    /// AVX-512 kernel for edge tiles at most 16 columns wide: 12×16 from the same panels (B rows are still a
    /// whole panel, bStep, apart), so a narrow last column strip (say n = 10) does not pay for 32 columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Avx512Kernel12x16(int kc, float* a, int aStep, float* b, int bStep, float* c, int ldc, int accumulate)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector512<float> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Avx512F.LoadVector512(b);
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[0]), b0, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[1]), b0, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[2]), b0, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[3]), b0, c3);
            c4 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[4]), b0, c4);
            c5 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[5]), b0, c5);
            c6 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[6]), b0, c6);
            c7 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[7]), b0, c7);
            c8 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[8]), b0, c8);
            c9 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[9]), b0, c9);
            c10 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[10]), b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[11]), b0, c11);
            a += aStep; b += bStep;
        }
        StoreRow512(c + 0 * (long)ldc, accumulate, c0);
        StoreRow512(c + 1 * (long)ldc, accumulate, c1);
        StoreRow512(c + 2 * (long)ldc, accumulate, c2);
        StoreRow512(c + 3 * (long)ldc, accumulate, c3);
        StoreRow512(c + 4 * (long)ldc, accumulate, c4);
        StoreRow512(c + 5 * (long)ldc, accumulate, c5);
        StoreRow512(c + 6 * (long)ldc, accumulate, c6);
        StoreRow512(c + 7 * (long)ldc, accumulate, c7);
        StoreRow512(c + 8 * (long)ldc, accumulate, c8);
        StoreRow512(c + 9 * (long)ldc, accumulate, c9);
        StoreRow512(c + 10 * (long)ldc, accumulate, c10);
        StoreRow512(c + 11 * (long)ldc, accumulate, c11);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow512(float* c, int accumulate, Vector512<float> v)
    {
        if (accumulate != 0) v += Avx512F.LoadVector512(c);
        Avx512F.Store(c, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow512(float* c, int accumulate, Vector512<float> v0, Vector512<float> v1)
    {
        if (accumulate != 0)
        {
            v0 += Avx512F.LoadVector512(c);
            v1 += Avx512F.LoadVector512(c + 16);
        }
        Avx512F.Store(c, v0);
        Avx512F.Store(c + 16, v1);
    }

    // ---------------------------------------------------------------------------------------------------
    // AVX2 + FMA (most laptops without AVX-512): a 6×16 tile in 12 of the 16 ymm registers.
    // ---------------------------------------------------------------------------------------------------

    /// <summary>AVX2/FMA micro-kernel, 6×16 tile (see <see cref="MicroKernel.Compute"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Avx2Kernel6x16(int kc, float* a, int aStep, float* b, int bStep, float* c, int ldc, int accumulate)
    {
        Vector256<float> c0a = default, c0b = default;
        Vector256<float> c1a = default, c1b = default;
        Vector256<float> c2a = default, c2b = default;
        Vector256<float> c3a = default, c3b = default;
        Vector256<float> c4a = default, c4b = default;
        Vector256<float> c5a = default, c5b = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Avx.LoadVector256(b + 0); Vector256<float> b1 = Avx.LoadVector256(b + 8);
            Vector256<float> x;
            x = Vector256.Create(a[0]); c0a = Fma.MultiplyAdd(x, b0, c0a); c0b = Fma.MultiplyAdd(x, b1, c0b);
            x = Vector256.Create(a[1]); c1a = Fma.MultiplyAdd(x, b0, c1a); c1b = Fma.MultiplyAdd(x, b1, c1b);
            x = Vector256.Create(a[2]); c2a = Fma.MultiplyAdd(x, b0, c2a); c2b = Fma.MultiplyAdd(x, b1, c2b);
            x = Vector256.Create(a[3]); c3a = Fma.MultiplyAdd(x, b0, c3a); c3b = Fma.MultiplyAdd(x, b1, c3b);
            x = Vector256.Create(a[4]); c4a = Fma.MultiplyAdd(x, b0, c4a); c4b = Fma.MultiplyAdd(x, b1, c4b);
            x = Vector256.Create(a[5]); c5a = Fma.MultiplyAdd(x, b0, c5a); c5b = Fma.MultiplyAdd(x, b1, c5b);
            a += aStep; b += bStep;
        }
        StoreRow256(c + 0 * (long)ldc, accumulate, c0a, c0b);
        StoreRow256(c + 1 * (long)ldc, accumulate, c1a, c1b);
        StoreRow256(c + 2 * (long)ldc, accumulate, c2a, c2b);
        StoreRow256(c + 3 * (long)ldc, accumulate, c3a, c3b);
        StoreRow256(c + 4 * (long)ldc, accumulate, c4a, c4b);
        StoreRow256(c + 5 * (long)ldc, accumulate, c5a, c5b);
    }

    /// <summary>AVX2 kernel for edge tiles at most 8 columns wide: 6×8 from 16-wide packed B panels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Avx2Kernel6x8(int kc, float* a, int aStep, float* b, int bStep, float* c, int ldc, int accumulate)
    {
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Avx.LoadVector256(b);
            c0 = Fma.MultiplyAdd(Vector256.Create(a[0]), b0, c0);
            c1 = Fma.MultiplyAdd(Vector256.Create(a[1]), b0, c1);
            c2 = Fma.MultiplyAdd(Vector256.Create(a[2]), b0, c2);
            c3 = Fma.MultiplyAdd(Vector256.Create(a[3]), b0, c3);
            c4 = Fma.MultiplyAdd(Vector256.Create(a[4]), b0, c4);
            c5 = Fma.MultiplyAdd(Vector256.Create(a[5]), b0, c5);
            a += aStep; b += bStep;
        }
        StoreRow256(c + 0 * (long)ldc, accumulate, c0);
        StoreRow256(c + 1 * (long)ldc, accumulate, c1);
        StoreRow256(c + 2 * (long)ldc, accumulate, c2);
        StoreRow256(c + 3 * (long)ldc, accumulate, c3);
        StoreRow256(c + 4 * (long)ldc, accumulate, c4);
        StoreRow256(c + 5 * (long)ldc, accumulate, c5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow256(float* c, int accumulate, Vector256<float> v)
    {
        if (accumulate != 0) v += Avx.LoadVector256(c);
        Avx.Store(c, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow256(float* c, int accumulate, Vector256<float> v0, Vector256<float> v1)
    {
        if (accumulate != 0)
        {
            v0 += Avx.LoadVector256(c);
            v1 += Avx.LoadVector256(c + 8);
        }
        Avx.Store(c, v0);
        Avx.Store(c + 8, v1);
    }

    // ---------------------------------------------------------------------------------------------------
    // Portable (ARM, older x86): Vector<float> of whatever width the hardware has (W), a 4×2W tile.
    // ---------------------------------------------------------------------------------------------------

    /// <summary>Portable micro-kernel, 4 × (2·Vector&lt;float&gt;.Count) tile (see <see cref="MicroKernel.Compute"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PortableKernel(int kc, float* a, int aStep, float* b, int bStep, float* c, int ldc, int accumulate)
    {
        int w = Vector<float>.Count;
        Vector<float> c0a = default, c0b = default, c1a = default, c1b = default;
        Vector<float> c2a = default, c2b = default, c3a = default, c3b = default;
        for (int p = 0; p < kc; p++)
        {
            Vector<float> b0 = Unsafe.ReadUnaligned<Vector<float>>(b);
            Vector<float> b1 = Unsafe.ReadUnaligned<Vector<float>>(b + w);
            Vector<float> x;
            x = new Vector<float>(a[0]); c0a += x * b0; c0b += x * b1;
            x = new Vector<float>(a[1]); c1a += x * b0; c1b += x * b1;
            x = new Vector<float>(a[2]); c2a += x * b0; c2b += x * b1;
            x = new Vector<float>(a[3]); c3a += x * b0; c3b += x * b1;
            a += aStep; b += bStep;
        }
        StoreRowPortable(c, accumulate, c0a, c0b);
        StoreRowPortable(c + ldc, accumulate, c1a, c1b);
        StoreRowPortable(c + 2 * (long)ldc, accumulate, c2a, c2b);
        StoreRowPortable(c + 3 * (long)ldc, accumulate, c3a, c3b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRowPortable(float* c, int accumulate, Vector<float> v0, Vector<float> v1)
    {
        int w = Vector<float>.Count;
        if (accumulate != 0)
        {
            v0 += Unsafe.ReadUnaligned<Vector<float>>(c);
            v1 += Unsafe.ReadUnaligned<Vector<float>>(c + w);
        }
        Unsafe.WriteUnaligned(c, v0);
        Unsafe.WriteUnaligned(c + w, v1);
    }
}
