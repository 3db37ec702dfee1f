using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CourseKit.Backends.Cpu;

internal static unsafe partial class PackedGemm
{
    /// <summary>
    /// Packs one panel whose k-steps are rows of the source: dst[p·width + r] = src[p·stride + r] for
    /// r &lt; valid, and 0 for valid ≤ r &lt; width (zero padding makes edge tiles harmless).
    /// Used for B as stored (k×n) and for A stored transposed (k×m): plain row copies.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackContiguous(float* src, int stride, int kc, int valid, int width, float* dst)
    {
        for (int p = 0; p < kc; p++)
        {
            float* s = src + (long)p * stride;
            float* d = dst + (long)p * width;
            int r = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; r + 8 <= valid; r += 8) Vector256.Store(Vector256.Load(s + r), d + r);
            if (Vector128.IsHardwareAccelerated)
                for (; r + 4 <= valid; r += 4) Vector128.Store(Vector128.Load(s + r), d + r);
            for (; r < valid; r++) d[r] = s[r];
            for (; r < width; r++) d[r] = 0f;
        }
    }

    /// <summary>
    /// Packs one panel whose k-steps are columns of the source: dst[p·width + r] = src[r·stride + p] for
    /// r &lt; valid, zero padded up to width. Used for A as stored (m×k) and for B stored transposed (n×k).
    /// This is a transpose, done 4×4 at a time with SSE shuffles where available.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposed(float* src, int stride, int kc, int valid, int width, float* dst)
    {
        int r = 0;
        if (Avx.IsSupported)
            for (; r + 8 <= valid; r += 8) Transpose8Rows(src + (long)r * stride, stride, kc, width, dst + r);
        if (Sse.IsSupported)
            for (; r + 4 <= valid; r += 4) Transpose4Rows(src + (long)r * stride, stride, kc, width, dst + r);
        for (; r < valid; r++)
        {
            float* s = src + (long)r * stride;
            for (int p = 0; p < kc; p++) dst[(long)p * width + r] = s[p];
        }
        for (; r < width; r++)
            for (int p = 0; p < kc; p++) dst[(long)p * width + r] = 0f;
    }

    /// <summary>
    /// Transposes 8 source rows of length kc into 8 columns of the panel, an 8×8 block at a time in AVX registers
    /// (interleave pairs of rows, then pairs of pairs, then swap 128-bit halves): 40 instructions for 64 numbers, where
    /// four 4×4 SSE blocks take 64.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose8Rows(float* s0, int stride, int kc, int width, float* dst)
    {
        int p = 0;
        for (; p + 8 <= kc; p += 8)
        {
            float* s = s0 + p;
            Vector256<float> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + stride);
            Vector256<float> r2 = Avx.LoadVector256(s + 2 * (long)stride), r3 = Avx.LoadVector256(s + 3 * (long)stride);
            Vector256<float> r4 = Avx.LoadVector256(s + 4 * (long)stride), r5 = Avx.LoadVector256(s + 5 * (long)stride);
            Vector256<float> r6 = Avx.LoadVector256(s + 6 * (long)stride), r7 = Avx.LoadVector256(s + 7 * (long)stride);
            // rows a b → a0 b0 a1 b1 | a4 b4 a5 b5 and a2 b2 a3 b3 | a6 b6 a7 b7
            Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
            Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
            Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
            // four rows → columns 0, 1 (and 4, 5 in the upper halves), 2, 3 (6, 7)
            Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
            Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
            Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
            Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
            float* d = dst + (long)p * width;
            Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
            Avx.Store(d + width, Avx.Permute2x128(u1, u5, 0x20));
            Avx.Store(d + 2 * width, Avx.Permute2x128(u2, u6, 0x20));
            Avx.Store(d + 3 * width, Avx.Permute2x128(u3, u7, 0x20));
            Avx.Store(d + 4 * width, Avx.Permute2x128(u0, u4, 0x31));
            Avx.Store(d + 5 * width, Avx.Permute2x128(u1, u5, 0x31));
            Avx.Store(d + 6 * width, Avx.Permute2x128(u2, u6, 0x31));
            Avx.Store(d + 7 * width, Avx.Permute2x128(u3, u7, 0x31));
        }
        for (; p < kc; p++)
        {
            float* d = dst + (long)p * width;
            for (int r = 0; r < 8; r++) d[r] = s0[r * (long)stride + p];
        }
    }

    /// <summary>Transposes 4 source rows of length kc into 4 columns of the panel (dst already offset to the column).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose4Rows(float* s0, int stride, int kc, int width, float* dst)
    {
        float* s1 = s0 + stride, s2 = s1 + stride, s3 = s2 + stride;
        int p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            Vector128<float> x0 = Sse.LoadVector128(s0 + p), x1 = Sse.LoadVector128(s1 + p);
            Vector128<float> x2 = Sse.LoadVector128(s2 + p), x3 = Sse.LoadVector128(s3 + p);
            Vector128<float> t0 = Sse.UnpackLow(x0, x1), t1 = Sse.UnpackHigh(x0, x1);   // a0 b0 a1 b1 | a2 b2 a3 b3
            Vector128<float> t2 = Sse.UnpackLow(x2, x3), t3 = Sse.UnpackHigh(x2, x3);   // c0 d0 c1 d1 | c2 d2 c3 d3
            float* d = dst + (long)p * width;
            Sse.Store(d, Sse.MoveLowToHigh(t0, t2));             // a0 b0 c0 d0
            Sse.Store(d + width, Sse.MoveHighToLow(t2, t0));     // a1 b1 c1 d1
            Sse.Store(d + 2 * width, Sse.MoveLowToHigh(t1, t3)); // a2 b2 c2 d2
            Sse.Store(d + 3 * width, Sse.MoveHighToLow(t3, t1)); // a3 b3 c3 d3
        }
        for (; p < kc; p++)
        {
            float* d = dst + (long)p * width;
            d[0] = s0[p]; d[1] = s1[p]; d[2] = s2[p]; d[3] = s3[p];
        }
    }
}
