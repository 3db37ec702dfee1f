using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CourseKit.Backends.Cpu;

/// <summary>
/// A fast float32 matrix product C = op(A) · op(B) for the CPU backend, written the way BLAS libraries
/// (GotoBLAS, BLIS, OpenBLAS) do it.
/// </summary>
/// <remarks>
/// <para>
/// A naive triple loop reaches a few GFLOP/s because it spends its time waiting for memory: every
/// multiply-add needs two numbers, but the CPU can do dozens of multiply-adds in the time it takes to
/// fetch one cache line from RAM. The trick is <b>reuse</b>: once a number is close to the core, use it
/// many times before it is evicted. Three levels of blocking arrange this:
/// </para>
/// <list type="number">
/// <item><b>Registers</b> – the <i>micro-kernel</i> keeps an MR×NR tile of C (e.g. 12×32 floats = 24
/// AVX-512 registers) in registers for the whole k loop. Each step loads one row of NR values of B and
/// broadcasts MR values of A, then does MR·NR/16 fused multiply-adds: every loaded value is used 12 or
/// 32 times.</item>
/// <item><b>Caches</b> – the k dimension is cut into slices of KC, so that a KC×NR strip of B and a
/// MR×KC strip of A stay in the L1/L2 caches while the micro-kernel sweeps over them; an MC×KC block of
/// A and a KC×NC block of B stay in L2/L3.</item>
/// <item><b>Packing</b> – before computing, each block is copied into a scratch buffer in exactly the
/// order the micro-kernel reads it (A in panels of MR rows, B in panels of NR columns, both
/// zero-padded). The kernel then reads memory strictly sequentially, whatever the original strides or
/// transposes were. Packing costs O(mk + kn) copies against O(mnk) arithmetic, so it pays for itself.</item>
/// </list>
/// <para>
/// Finally the work is split across cores: C is cut into one rectangle per thread, each thread packs
/// and computes its own rectangle independently (so no locking is needed), and small products run on
/// the calling thread because starting threads would cost more than it saves.
/// </para>
/// </remarks>
internal static unsafe partial class PackedGemm
{
    /// <summary>Below this many multiply-adds (m·n·k) per thread, extra threads do not pay off.</summary>
    private const long MinWorkPerThread = 1L << 17;

    /// <summary>
    /// C (m×n, row stride ldc) = op(A) · op(B), overwriting C.
    /// op(A) is m×k: A stored row-major m×k with row stride lda, or if transA, stored k×m (row stride lda) and used transposed.
    /// op(B) is k×n: B stored row-major k×n with row stride ldb, or if transB, stored n×k (row stride ldb) and used transposed.
    /// </summary>
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
                                float* a, int lda, float* b, int ldb, float* c, int ldc, Epilogue epilogue = default)
        => Multiply(KernelKind.Auto, transA, transB, m, n, k, a, lda, b, ldb, c, ldc, epilogue);

    /// <summary>
    /// Same as the public overload, but with an explicit micro-kernel choice (tests use this to exercise the
    /// AVX2 and portable kernels on an AVX-512 machine). <see cref="KernelKind.Auto"/> picks the fastest supported one.
    /// </summary>
    internal static void Multiply(KernelKind kind, bool transA, bool transB, int m, int n, int k,
                                  float* a, int lda, float* b, int ldb, float* c, int ldc, Epilogue epilogue = default)
    {
        ValidateArguments(transA, transB, m, n, k, lda, ldb, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            for (int i = 0; i < m; i++) new Span<float>(c + (long)i * ldc, n).Clear();
            if (!epilogue.IsNone) epilogue.Apply(c, ldc, m, n, 0);
            return;
        }

        var problem = new Problem(MicroKernel.Get(kind), transA, transB, m, n, k, a, lda, b, ldb, c, ldc, epilogue);
        int threads = ChooseThreadCount(m, n, k);
        if (threads == 1)
        {
            problem.RunRectangle(0, m, 0, n);
            return;
        }

        var grid = ThreadGrid.Choose(problem.Kernel, m, n, k, threads);
        if (grid.Count == 1) problem.RunRectangle(0, m, 0, n);
        else CpuWorkers.Instance.Run(new ParallelWork(index =>
        {
            int rowStart = index / grid.ColParts * grid.RowsPerPart, colStart = index % grid.ColParts * grid.ColsPerPart;
            int rowEnd = Math.Min(problem.M, rowStart + grid.RowsPerPart), colEnd = Math.Min(problem.N, colStart + grid.ColsPerPart);
            if (rowStart < rowEnd && colStart < colEnd) problem.RunRectangle(rowStart, rowEnd, colStart, colEnd);
        }), grid.Count);
    }

    private static void ValidateArguments(bool transA, bool transB, int m, int n, int k, int lda, int ldb, int ldc)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(m), "Matrix sizes must not be negative.");
        if (lda < (transA ? m : k)) throw new ArgumentOutOfRangeException(nameof(lda), "lda is smaller than a stored row of A.");
        if (ldb < (transB ? k : n)) throw new ArgumentOutOfRangeException(nameof(ldb), "ldb is smaller than a stored row of B.");
        if (ldc < n) throw new ArgumentOutOfRangeException(nameof(ldc), "ldc is smaller than a row of C.");
    }

    /// <summary>How many threads are worth using: all cores for big products, fewer (down to 1) for small ones.</summary>
    private static int ChooseThreadCount(int m, int n, int k)
    {
        long work = (long)m * n * k;
        long byWork = Math.Max(1, work / MinWorkPerThread);
        return (int)Math.Min(Environment.ProcessorCount, byWork);
    }

    /// <summary>All the arguments of one call, plus the micro-kernel that will run it.</summary>
    private readonly struct Problem(MicroKernel kernel, bool transA, bool transB, int m, int n, int k,
                                    float* a, int lda, float* b, int ldb, float* c, int ldc, Epilogue epilogue)
    {
        public readonly MicroKernel Kernel = kernel;
        public readonly Epilogue Epilogue = epilogue;
        public readonly bool TransA = transA, TransB = transB;
        public readonly int M = m, N = n, K = k, Lda = lda, Ldb = ldb, Ldc = ldc;
        public readonly float* A = a, B = b, C = c;

        /// <summary>Address of op(A)[row, col].</summary>
        public float* AAt(int row, int col) => TransA ? A + (long)col * Lda + row : A + (long)row * Lda + col;

        /// <summary>Address of op(B)[row, col].</summary>
        public float* BAt(int row, int col) => TransB ? B + (long)col * Ldb + row : B + (long)row * Ldb + col;

        /// <summary>
        /// Computes rows [rowStart, rowEnd) × columns [colStart, colEnd) of C on the calling thread:
        /// the classic five loops around the micro-kernel.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void RunRectangle(int rowStart, int rowEnd, int colStart, int colEnd)
        {
            if (TransA && !TransB) { RunInPlace(rowStart, rowEnd, colStart, colEnd); return; }
            MicroKernel kr = Kernel;
            var work = new Workspace(kr);
            float* packedA = work.PackedA, packedB = work.PackedB, edgeTile = work.EdgeTile;
            int kcMax = SliceLength(kr);

            for (int jc = colStart; jc < colEnd; jc += kr.NC)
            {
                int nc = Math.Min(kr.NC, colEnd - jc);
                for (int pc = 0; pc < K; pc += kcMax)
                {
                    int kc = Math.Min(kcMax, K - pc);
                    PackB(kr, pc, kc, jc, nc, packedB);
                    for (int ic = rowStart; ic < rowEnd; ic += kr.MC)
                    {
                        int mc = Math.Min(kr.MC, rowEnd - ic);
                        PackA(kr, ic, mc, pc, kc, packedA);
                        MacroKernel(kr, mc, nc, kc, packedA, packedB, C + (long)ic * Ldc + jc, Ldc,
                                    accumulate: pc > 0, edgeTile);
                        if (pc + kc == K && !Epilogue.IsNone) Epilogue.Apply(C + (long)ic * Ldc + jc, Ldc, mc, nc, jc);
                    }
                }
            }
        }

        /// <summary>
        /// The same product when both operands already run along k, A stored transposed and B as stored: a layer's
        /// weight gradient Xᵀ·G, where k is the batch (or every pixel of it) and m·n is small. The MR numbers of A and
        /// the NR of B that one k-step needs are then contiguous, MR·KC and KC·NR strips are what packing would
        /// produce (with row strides for steps), and packing would copy the whole of both operands for little reuse.
        /// So full tiles are read where they lie; only edge strips (fewer than MR rows or NR columns) are packed, for
        /// their zero padding. The k-slices of KC keep a strip of B in L1/L2 while every row tile sweeps over it.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void RunInPlace(int rowStart, int rowEnd, int colStart, int colEnd)
        {
            MicroKernel kr = Kernel;
            var work = new Workspace(kr);
            float* packedA = work.PackedA, packedB = work.PackedB, edgeTile = work.EdgeTile;
            int kcMax = SliceLength(kr);
            for (int pc = 0; pc < K; pc += kcMax)
            {
                int kc = Math.Min(kcMax, K - pc);
                bool accumulate = pc > 0;
                for (int j = colStart; j < colEnd; j += kr.NR)
                {
                    int cols = Math.Min(kr.NR, colEnd - j);
                    float* bPanel = Strip(BAt(pc, j), Ldb, kc, cols, kr.NR, packedB, out int bStep);
                    for (int i = rowStart; i < rowEnd; i += kr.MR)
                    {
                        int rows = Math.Min(kr.MR, rowEnd - i);
                        float* aPanel = Strip(AAt(i, pc), Lda, kc, rows, kr.MR, packedA, out int aStep);
                        float* cTile = C + (long)i * Ldc + j;
                        if (rows == kr.MR && cols == kr.NR) kr.Compute(kc, aPanel, aStep, bPanel, bStep, cTile, Ldc, accumulate ? 1 : 0);
                        else ComputeEdgeTile(kr, kc, aPanel, aStep, bPanel, bStep, cTile, Ldc, rows, cols, accumulate, edgeTile);
                        if (pc + kc == K && !Epilogue.IsNone) Epilogue.Apply(cTile, Ldc, rows, cols, j);
                    }
                }
            }
        }

        /// <summary>The length of the k slices: k cut into equal slices no longer than KC (e.g. k = 784 with KC = 384 →
        /// 2 × 392, not 384 + 384 + 16).</summary>
        private int SliceLength(MicroKernel kr)
        {
            int slices = (K + kr.KC - 1) / kr.KC;
            return (K + slices - 1) / slices;
        }

        /// <summary>A k-major strip for the micro-kernel: where it lies, with its row stride as the step, when it has all
        /// <paramref name="width"/> lanes; otherwise packed with zero padding into <paramref name="scratch"/>.</summary>
        private static float* Strip(float* src, int stride, int kc, int valid, int width, float* scratch, out int step)
        {
            if (valid == width)
            {
                step = stride;
                return src;
            }
            PackContiguous(src, stride, kc, valid, width, scratch);
            step = width;
            return scratch;
        }

        /// <summary>Packs op(A)[rows ic.., cols pc..] (mc × kc) into panels of MR rows.</summary>
        private void PackA(MicroKernel kr, int ic, int mc, int pc, int kc, float* dst)
        {
            for (int i = 0; i < mc; i += kr.MR)
            {
                int rows = Math.Min(kr.MR, mc - i);
                float* panel = dst + (long)i * kc;
                // A transposed is stored k×m: the MR values one k-step needs are contiguous.
                if (TransA) PackContiguous(AAt(ic + i, pc), Lda, kc, rows, kr.MR, panel);
                else PackTransposed(AAt(ic + i, pc), Lda, kc, rows, kr.MR, panel);
            }
        }

        /// <summary>Packs op(B)[rows pc.., cols jc..] (kc × nc) into panels of NR columns.</summary>
        private void PackB(MicroKernel kr, int pc, int kc, int jc, int nc, float* dst)
        {
            for (int j = 0; j < nc; j += kr.NR)
            {
                int cols = Math.Min(kr.NR, nc - j);
                float* panel = dst + (long)j * kc;
                if (TransB) PackTransposed(BAt(pc, jc + j), Ldb, kc, cols, kr.NR, panel);
                else PackContiguous(BAt(pc, jc + j), Ldb, kc, cols, kr.NR, panel);
            }
        }
    }

    /// <summary>This thread's scratch as one call lays it out: packed A, packed B and an edge tile, one after the other.</summary>
    private readonly struct Workspace
    {
        public readonly float* PackedA, PackedB, EdgeTile;

        public Workspace(MicroKernel kr)
        {
            PackedA = Scratch.Get(kr);
            PackedB = PackedA + kr.PackedASize;
            EdgeTile = PackedB + kr.PackedBSize;
        }
    }

    /// <summary>
    /// Runs the micro-kernel over every MR×NR tile of an mc×nc block of C, from packed A (mc×kc) and packed B (kc×nc).
    /// Tiles that stick out past the edge of C are computed into a small scratch tile and only their valid part is copied.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel(MicroKernel kr, int mc, int nc, int kc, float* packedA, float* packedB,
                                    float* c, int ldc, bool accumulate, float* edgeTile)
    {
        int mr = kr.MR, nr = kr.NR;
        int acc = accumulate ? 1 : 0;
        for (int i = 0; i < mc; i += mr)
        {
            int rows = Math.Min(mr, mc - i);
            float* aPanel = packedA + (long)i * kc;
            for (int j = 0; j < nc; j += nr)
            {
                int cols = Math.Min(nr, nc - j);
                float* bPanel = packedB + (long)j * kc;
                float* cTile = c + (long)i * ldc + j;
                if (rows == mr && cols == nr)
                {
                    kr.Compute(kc, aPanel, mr, bPanel, nr, cTile, ldc, acc);
                }
                else ComputeEdgeTile(kr, kc, aPanel, mr, bPanel, nr, cTile, ldc, rows, cols, accumulate, edgeTile);
            }
        }
    }

    /// <summary>A tile that sticks out past the edge of C: computed into a scratch tile (half width where the valid
    /// columns allow), and only its valid rows×cols corner written to C.</summary>
    private static void ComputeEdgeTile(MicroKernel kr, int kc, float* aPanel, int aStep, float* bPanel, int bStep,
                                        float* cTile, int ldc, int rows, int cols, bool accumulate, float* edgeTile)
    {
        if (cols <= kr.NR / 2) kr.ComputeHalfWidth(kc, aPanel, aStep, bPanel, bStep, edgeTile, kr.NR, 0);
        else kr.Compute(kc, aPanel, aStep, bPanel, bStep, edgeTile, kr.NR, 0);
        CopyTile(edgeTile, kr.NR, cTile, ldc, rows, cols, accumulate);
    }

    /// <summary>Writes (or adds) the valid rows×cols corner of a scratch tile into C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyTile(float* tile, int tileStride, float* c, int ldc, int rows, int cols, bool accumulate)
    {
        for (int r = 0; r < rows; r++)
        {
            float* src = tile + r * tileStride;
            float* dst = c + (long)r * ldc;
            if (accumulate) for (int j = 0; j < cols; j++) dst[j] += src[j];
            else for (int j = 0; j < cols; j++) dst[j] = src[j];
        }
    }

    /// <summary>
    /// How C is divided among threads: a grid of RowParts × ColParts rectangles whose borders fall on
    /// micro-tile boundaries. The shape of the grid is chosen to balance the work and to keep the extra
    /// packing small (splitting rows means every thread packs all of B, splitting columns all of A).
    /// </summary>
    private readonly struct ThreadGrid(int rowParts, int colParts, int rowsPerPart, int colsPerPart)
    {
        public readonly int RowParts = rowParts, ColParts = colParts;
        public readonly int RowsPerPart = rowsPerPart, ColsPerPart = colsPerPart;
        public int Count => RowParts * ColParts;

        public static ThreadGrid Choose(MicroKernel kr, int m, int n, int k, int threads)
        {
            int rowTiles = (m + kr.MR - 1) / kr.MR, colTiles = (n + kr.NR - 1) / kr.NR;
            ThreadGrid best = new(1, 1, m, n);
            double bestCost = double.MaxValue;
            for (int rowParts = 1; rowParts <= threads; rowParts++)
            {
                if (threads % rowParts != 0) continue;
                int colParts = threads / rowParts;
                if (rowParts > rowTiles || colParts > colTiles) continue;
                int rowsPer = (rowTiles + rowParts - 1) / rowParts * kr.MR;
                int colsPer = (colTiles + colParts - 1) / colParts * kr.NR;
                // Cost in "cycles" for the busiest thread: multiply-adds including tile padding (about 16 per
                // cycle with SIMD) plus packing (about one element per cycle; each thread packs its columns of B
                // once, and its rows of A once for every NC columns).
                double compute = (double)rowsPer * colsPer * k / 16;
                double packing = (double)rowsPer * k * Math.Ceiling((double)colsPer / kr.NC) + (double)colsPer * k;
                double cost = compute + packing;
                if (cost < bestCost)
                {
                    bestCost = cost;
                    // Rounding parts up to whole tiles may leave fewer non-empty parts than asked for.
                    best = new ThreadGrid((m + rowsPer - 1) / rowsPer, (n + colsPer - 1) / colsPer, rowsPer, colsPer);
                }
            }
            return best;
        }
    }

    /// <summary>One call's work, split into the rectangles of a <see cref="ThreadGrid"/>; the worker pool runs one per index.</summary>
    /// <summary>
    /// Per-thread packing buffers, allocated once per thread on the pinned object heap (so they never move and
    /// cost no garbage per call) and aligned to 64 bytes, one cache line.
    /// </summary>
    private static class Scratch
    {
        [ThreadStatic] private static float[]? t_buffer;

        public static float* Get(MicroKernel kr)
        {
            int needed = kr.PackedASize + kr.PackedBSize + kr.MR * kr.NR + 16;
            float[]? buffer = t_buffer;
            if (buffer == null || buffer.Length < needed)
                t_buffer = buffer = GC.AllocateUninitializedArray<float>(needed, pinned: true);
            float* p = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
            return (float*)(((nint)p + 63) & ~(nint)63);
        }
    }
}
