using CourseKit.Backends;
using CourseKit.Backends.Cpu;

namespace CourseKit.Tests.Backends;

/// <summary>
/// <see cref="PackedGemm"/> against a naive triple loop accumulated in double precision. Shapes are chosen to hit
/// every edge: 1×1×1, sizes that are not multiples of the register tile, k = 1, k longer than one cache slice (KC),
/// m and n larger than one packed block (MC, NC), products big enough to be split across threads, all four
/// transpose combinations, and row strides (lda, ldb, ldc) wider than the matrices. C starts full of NaN, so a
/// kernel that reads C instead of overwriting it fails, and the padding past n in each row of C must survive.
/// </summary>
public class PackedGemmTests
{
    /// <summary>(m, n, k) cases; the tile is 12×32 with AVX-512, 6×16 with AVX2, 4×2W portable; KC = 256–384.</summary>
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (1, 1, 7), (1, 37, 5), (29, 1, 9), (2, 3, 4),
        (12, 32, 384), (13, 33, 385), (6, 16, 8), (7, 17, 3),
        (50, 70, 1), (7, 300, 2), (33, 9, 6), (37, 45, 19),
        (20, 40, 1000),           // k > KC: several k slices accumulate into C
        (260, 20, 30),            // m > MC: several packed blocks of A
        (5, 1100, 3),             // n > NC: several packed blocks of B
        (150, 200, 64),           // big enough for several threads
        (128, 300, 784),          // the MNIST hidden layer
    ];

    public static IEnumerable<object[]> AutoCases()
    {
        foreach (var (m, n, k) in Shapes)
            foreach (bool transA in new[] { false, true })
                foreach (bool transB in new[] { false, true })
                    foreach (int pad in new[] { 0, 3 })
                        yield return [m, n, k, transA, transB, pad];
    }

    /// <summary>Every micro-kernel this CPU can run (AVX-512, AVX2, portable), each on a few awkward shapes.</summary>
    public static IEnumerable<object[]> KernelCases()
    {
        foreach (var kind in new[] { KernelKind.Avx512, KernelKind.Avx2, KernelKind.Portable })
        {
            if (!PackedGemm.MicroKernel.IsSupported(kind)) continue;
            foreach (var (m, n, k) in new[] { (1, 1, 1), (13, 33, 385), (7, 9, 5), (37, 45, 19), (150, 200, 64), (5, 700, 3) })
                foreach (bool transA in new[] { false, true })
                    foreach (bool transB in new[] { false, true })
                        yield return [kind.ToString(), m, n, k, transA, transB];
        }
    }

    [Theory]
    [MemberData(nameof(AutoCases))]
    public void Multiply_MatchesNaiveProduct(int m, int n, int k, bool transA, bool transB, int pad)
        => CheckProduct(KernelKind.Auto, m, n, k, transA, transB, pad, seed: m * 1_000_003 + n * 1009 + k);

    [Theory]
    [MemberData(nameof(KernelCases))]
    public void EveryMicroKernel_MatchesNaiveProduct(string kernel, int m, int n, int k, bool transA, bool transB)
        => CheckProduct(Enum.Parse<KernelKind>(kernel), m, n, k, transA, transB, pad: 2, seed: m + n + k);

    public static IEnumerable<object[]> SupportedKernels() =>
        new[] { KernelKind.Avx512, KernelKind.Avx2, KernelKind.Portable }
            .Where(PackedGemm.MicroKernel.IsSupported).Select(kind => new object[] { kind.ToString() });

    /// <summary>
    /// The micro-kernels on their own, straight from packed panels: with accumulate = 0 they overwrite the C tile,
    /// with accumulate = 1 they add to it; the half-width variant touches only the first NR/2 columns, and no kernel
    /// writes past its tile.
    /// </summary>
    [Theory]
    [MemberData(nameof(SupportedKernels))]
    public unsafe void MicroKernel_OverwritesOrAccumulatesItsTile(string kernel)
    {
        var kr = PackedGemm.MicroKernel.Get(Enum.Parse<KernelKind>(kernel));
        const int kc = 37, ldc = 70;
        var random = new Random(5);
        float* a = (float*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(kc * kr.MR * 4), 64);
        float* b = (float*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(kc * kr.NR * 4), 64);
        try
        {
            for (int i = 0; i < kc * kr.MR; i++) a[i] = (float)(random.NextDouble() * 2 - 1);
            for (int i = 0; i < kc * kr.NR; i++) b[i] = (float)(random.NextDouble() * 2 - 1);
            foreach (bool halfWidth in new[] { false, true })
                foreach (int accumulate in new[] { 0, 1 })
                {
                    var c = new float[kr.MR * ldc];
                    for (int i = 0; i < c.Length; i++) c[i] = i % 7 - 3;
                    var before = (float[])c.Clone();
                    fixed (float* cp = c)
                    {
                        if (halfWidth) kr.ComputeHalfWidth(kc, a, kr.MR, b, kr.NR, cp, ldc, accumulate);
                        else kr.Compute(kc, a, kr.MR, b, kr.NR, cp, ldc, accumulate);
                    }
                    int width = halfWidth && kr.HasHalfWidthKernel ? kr.NR / 2 : kr.NR;
                    for (int r = 0; r < kr.MR; r++)
                        for (int j = 0; j < ldc; j++)
                        {
                            double expected = before[r * ldc + j];
                            if (j < width)
                            {
                                double sum = 0;
                                for (int p = 0; p < kc; p++) sum += (double)a[p * kr.MR + r] * b[p * kr.NR + j];
                                expected = (accumulate != 0 ? expected : 0) + sum;
                            }
                            Assert.True(Math.Abs(c[r * ldc + j] - expected) <= 1e-4 * (1 + Math.Abs(expected)),
                                $"{kernel} half={halfWidth} accumulate={accumulate}: C[{r},{j}] = {c[r * ldc + j]}, expected {expected}");
                        }
                }
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.AlignedFree(a);
            System.Runtime.InteropServices.NativeMemory.AlignedFree(b);
        }
    }

    [Fact]
    public void ConcurrentCallers_EachGetTheirOwnCorrectProduct()
    {
        // xunit runs tests in parallel, and so may users: the scratch buffers and the worker pool must cope.
        var shapes = new[] { (128, 300, 784), (64, 64, 64), (200, 150, 100), (13, 33, 385), (1, 1, 1), (90, 120, 300) };
        Parallel.For(0, 24, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (m, n, k) = shapes[i % shapes.Length];
            CheckProduct(KernelKind.Auto, m, n, k, transA: i % 2 == 1, transB: i % 3 == 1, pad: i % 4, seed: i);
        });
    }

    [Fact]
    public unsafe void ZeroLengthK_GivesZeros()
    {
        var c = new float[] { 1, 2, 3, 4, 5, 6 };
        float a = 0, b = 0;
        fixed (float* cp = c) PackedGemm.Multiply(false, false, 2, 3, 0, &a, 0, &b, 3, cp, 3);
        Assert.All(c, v => Assert.Equal(0f, v));
    }

    [Fact]
    public unsafe void StridesNarrowerThanTheMatrix_AreRejected()
    {
        var buffer = new float[64];
        fixed (float* p = buffer)
        {
            float* q = p;
            Assert.Throws<ArgumentOutOfRangeException>(() => PackedGemm.Multiply(false, false, 2, 2, 4, q, 3, q, 2, q, 2));
            Assert.Throws<ArgumentOutOfRangeException>(() => PackedGemm.Multiply(false, true, 2, 2, 4, q, 4, q, 3, q, 2));
            Assert.Throws<ArgumentOutOfRangeException>(() => PackedGemm.Multiply(false, false, 2, 5, 4, q, 4, q, 5, q, 4));
        }
    }

    /// <summary>
    /// Multiplies seeded random matrices stored with row strides <c>width + pad</c> and checks every element of C
    /// against double-precision sums: |c − exact| ≤ 1e-4 · Σ|a·b| (float32 rounding grows with the terms added).
    /// </summary>
    private static unsafe void CheckProduct(KernelKind kind, int m, int n, int k, bool transA, bool transB, int pad, int seed)
    {
        var random = new Random(seed);
        int lda = (transA ? m : k) + pad, ldb = (transB ? k : n) + pad, ldc = n + pad;
        float[] a = RandomArray(random, (transA ? k : m) * lda);
        float[] b = RandomArray(random, (transB ? n : k) * ldb);
        float[] c = new float[m * ldc];
        Array.Fill(c, float.NaN);
        for (int i = 0; i < m; i++)
            for (int j = n; j < ldc; j++) c[i * ldc + j] = -7f; // padding that must be left alone

        fixed (float* ap = a, bp = b, cp = c)
            PackedGemm.Multiply(kind, transA, transB, m, n, k, ap, lda, bp, ldb, cp, ldc);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double exact = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = transA ? a[p * lda + i] : a[i * lda + p];
                    double y = transB ? b[j * ldb + p] : b[p * ldb + j];
                    exact += x * y;
                    magnitude += Math.Abs(x * y);
                }
                double actual = c[i * ldc + j];
                if (!(Math.Abs(actual - exact) <= 1e-4 * magnitude + 1e-30))
                    Assert.Fail($"{kind} m={m} n={n} k={k} transA={transA} transB={transB} pad={pad}: " +
                                $"C[{i},{j}] = {actual}, expected {exact} (Σ|a·b| = {magnitude})");
            }
            for (int j = n; j < ldc; j++)
                if (c[i * ldc + j] != -7f)
                    Assert.Fail($"{kind} m={m} n={n} k={k}: padding C[{i},{j}] was overwritten with {c[i * ldc + j]}");
        }
    }

    /// <summary>The epilogue (a layer's bias add and activation on each block of C) gives exactly what the plain product
    /// followed by the CPU backend's bias add and activation gives, on every kernel, for both storage orders of A (the
    /// packed path and the one that reads operands in place), on edge tiles and with k = 0 (C is then f(bias)).</summary>
    [SkippableTheory]
    [InlineData("Avx512", 37, 45, 19, false)]
    [InlineData("Avx512", 37, 45, 19, true)]
    [InlineData("Avx512", 130, 64, 400, false)]    // several k slices: the epilogue only after the last
    [InlineData("Avx512", 130, 64, 400, true)]
    [InlineData("Avx2", 37, 45, 19, false)]
    [InlineData("Portable", 37, 45, 19, true)]
    [InlineData("Avx512", 5, 7, 0, false)]
    public unsafe void EpilogueAddsTheBiasAndAppliesTheActivationToEveryElementOnce(string kernel, int m, int n, int k, bool transA)
    {
        var kind = Enum.Parse<KernelKind>(kernel);
        Skip.IfNot(PackedGemm.MicroKernel.IsSupported(kind), $"{kind} is not supported on this CPU");
        var random = new Random(m + n + k);
        float[] a = RandomArray(random, m * k), b = RandomArray(random, k * n), bias = RandomArray(random, n);
        bias[1] = float.NaN; // relu keeps a NaN
        foreach (var f in new[] { FusedActivation.Relu, FusedActivation.Linear, FusedActivation.Tanh })
        {
            float[] fused = new float[m * n], plain = new float[m * n];
            fixed (float* ap = a, bp = b, biasp = bias, cp = fused, pp = plain)
            {
                PackedGemm.Multiply(kind, transA, false, m, n, k, ap, transA ? m : k, bp, n, cp, n, new PackedGemm.Epilogue(biasp, f));
                PackedGemm.Multiply(kind, transA, false, m, n, k, ap, transA ? m : k, bp, n, pp, n);
            }
            var expected = Device.Cpu.Backend.Upload(plain);
            Device.Cpu.Backend.BiasActivation(f, expected, Device.Cpu.Backend.Upload(bias), n, expected);
            var want = new float[m * n];
            Device.Cpu.Backend.Download(expected, want);
            Assert.Equal(want, fused);
        }
    }

    private static float[] RandomArray(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }
}
