namespace CourseKit.Backends.Gpu;

/// <summary>
/// The GPU kernels of every primitive, written once in the common subset of OpenCL C and CUDA C. A short prelude per
/// language (<see cref="OpenClPrelude"/>, <see cref="CudaPrelude"/>) defines the few words that differ — how a kernel,
/// a device pointer and shared memory are declared, a work-item's index, the barrier — so OpenCL (tested on POCL in CI)
/// and CUDA run the very same code. Each kernel computes what <see cref="Reference.ReferenceBackend"/> computes, with one
/// work-item per output element and no atomics.
/// </summary>
internal static class GpuKernels
{
    public const int MaxRank = 8;

    /// <summary>The GEMM kernel's work-group is Threads × Threads work-items, each computing PerThread × PerThread
    /// outputs: a work-group computes a (Threads·PerThread)² tile of C.</summary>
    public const int GemmThreads = 16, GemmPerThread = 4, GemmTile = GemmThreads * GemmPerThread;

    /// <summary>Work-items per row in the tree reduction.</summary>
    public const int ReduceThreads = 256;

    /// <summary>The whole program for OpenCL (compiled with clBuildProgram).</summary>
    public static string OpenCl => OpenClPrelude + Source;

    /// <summary>The whole program for CUDA (compiled with NVRTC).</summary>
    public static string Cuda => CudaPrelude + Source;

    /// <summary>Names of every kernel in <see cref="Source"/>, in order.</summary>
    public static IReadOnlyList<string> KernelNames { get; } =
        System.Text.RegularExpressions.Regex.Matches(Source, @"KERNEL void (\w+)").Select(m => m.Groups[1].Value).ToArray();

    public const string OpenClPrelude = """
#pragma OPENCL FP_CONTRACT OFF
#define KERNEL __kernel
#define GLOBAL __global
#define SHARED __local
#define FN inline
#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
#define GID(d) ((int)get_global_id(d))
#define LID(d) ((int)get_local_id(d))
#define GROUP(d) ((int)get_group_id(d))
#define CK_INF INFINITY
#define CK_ISNAN(x) isnan(x)
#define CK_ISFINITE(x) isfinite(x)
#define CK_SIGNBIT(x) signbit(x)

""";

    /// <summary>CUDA's spelling of the same words; math functions map to their float versions (expf, …), and kernels are
    /// <c>extern "C"</c> so that cuModuleGetFunction finds them by their plain names.</summary>
    public const string CudaPrelude = """
#define KERNEL extern "C" __global__
#define GLOBAL
#define SHARED __shared__
#define FN __device__ inline
#define BARRIER() __syncthreads()
#define GID(d) ((int)((d) == 0 ? blockIdx.x * blockDim.x + threadIdx.x : (d) == 1 ? blockIdx.y * blockDim.y + threadIdx.y : blockIdx.z * blockDim.z + threadIdx.z))
#define LID(d) ((int)((d) == 0 ? threadIdx.x : (d) == 1 ? threadIdx.y : threadIdx.z))
#define GROUP(d) ((int)((d) == 0 ? blockIdx.x : (d) == 1 ? blockIdx.y : blockIdx.z))
#define CK_INF __int_as_float(0x7f800000)
#define CK_ISNAN(x) ((x) != (x))
#define CK_ISFINITE(x) (fabsf(x) <= 3.40282347e38f)
#define CK_SIGNBIT(x) (__float_as_int(x) < 0)
#define exp(x) expf(x)
#define log(x) logf(x)
#define log1p(x) log1pf(x)
#define sqrt(x) sqrtf(x)
#define tanh(x) tanhf(x)
#define sin(x) sinf(x)
#define cos(x) cosf(x)
#define erf(x) erff(x)
#define pow(x, y) powf(x, y)
#define fabs(x) fabsf(x)

""";

    public const string Source = """
#define MAXR 8
#define GT 16   /* GEMM: work-items per side of a work-group */
#define GW 4    /* GEMM: outputs per work-item per side */
#define GTILE 64
#define GK 16   /* GEMM: depth of a tile */
#define RT 256  /* tree reduction: work-items per row */

// rank, size, then offsets of up to 3 layouts, the shape, then 3 × 8 strides
typedef struct { int rank; int size; int off[3]; int shape[MAXR]; int str[3 * MAXR]; } Geo;
// Window2D, field for field
typedef struct { int n, h, w, c, kh, kw, sh, sw, pt, pl, oh, ow; } Win;

FN int at_(const Geo* g, int t, int linear) {
    int o = g->off[t];
    for (int d = g->rank - 1; d >= 0; d--) {
        int s = g->shape[d];
        o += (linear % s) * g->str[t * MAXR + d];
        linear /= s;
    }
    return o;
}

FN int imin(int a, int b) { return a < b ? a : b; }
FN int imax(int a, int b) { return a > b ? a : b; }

// .NET's MathF.Max / Min: a NaN in either argument gives NaN
FN float ck_max(float x, float y) { return CK_ISNAN(x) ? x : CK_ISNAN(y) ? y : (x > y ? x : (y > x ? y : (x == 0 && CK_SIGNBIT(x) ? y : x))); }
FN float ck_min(float x, float y) { return CK_ISNAN(x) ? x : CK_ISNAN(y) ? y : (x < y ? x : (y < x ? y : (x == 0 && CK_SIGNBIT(x) ? x : y))); }

FN float ck_pow(float x, float p) {
    if (p == 1.0f) return x;
    if (p == 2.0f) return x * x;
    if (p == 3.0f) return x * x * x;
    if (p == -1.0f) return 1.0f / x;
    if (p == 0.5f) return sqrt(x);
    return pow(x, p);
}

KERNEL void ck_fill(GLOBAL float* y, float v, int n) {
    int i = GID(0);
    if (i < n) y[i] = v;
}

FN float unop(int op, float v, float a, float b) {
    float r;
    switch (op) {
        case 0: r = -v; break;
        case 1: r = fabs(v); break;
        case 2: r = CK_ISNAN(v) ? v : (v > 0 ? 1.0f : (v < 0 ? -1.0f : 0.0f)); break;
        case 3: r = exp(v); break;
        case 4: r = log(v); break;
        case 5: r = sqrt(v); break;
        case 6: r = v >= 0 ? 1.0f / (1.0f + exp(-v)) : exp(v) / (1.0f + exp(v)); break;
        case 7: r = tanh(v); break;
        case 8: r = v > 0 ? v : (CK_ISNAN(v) ? v : 0.0f); break;
        case 9: r = erf(v); break;
        case 10: r = (v > 0 ? v : 0.0f) + log1p(exp(-fabs(v))); break;
        case 11: r = a * v + b; break;
        case 12: r = ck_pow(v, a); break;
        case 13: r = ck_min(ck_max(v, a), b); break;
        case 14: r = v > 0 ? 1.0f : (v < 0 ? 0.0f : (v == 0 ? a : v)); break;
        case 15: r = sin(v); break;
        default: r = cos(v); break;
    }
    return r;
}

KERNEL void ck_unary(GLOBAL const float* x, GLOBAL float* y, int op, float a, float b, int n) {
    int i = GID(0);
    if (i < n) y[i] = unop(op, x[i], a, b);
}

// A layer's bias add and activation (act: a UnaryOp, or -1 for none), and their gradients (f: a FusedActivation).
KERNEL void ck_bias_act(GLOBAL const float* x, GLOBAL const float* bias, GLOBAL float* y, int act, int channels, int hasBias, int n) {
    int i = GID(0);
    if (i >= n) return;
    float z = hasBias ? x[i] + bias[i % channels] : x[i];
    y[i] = act < 0 ? z : unop(act, z, 0.0f, 0.0f);
}

FN float bias_act_back(int f, float y, float dy) {
    return f == 1 ? (y > 0 ? dy : 0.0f) : f == 2 ? dy * (y * (1 - y)) : f == 3 ? dy * (1 - y * y) : dy;
}

KERNEL void ck_bias_act_back(GLOBAL const float* y, GLOBAL const float* dy, GLOBAL float* dx, int f, int n) {
    int i = GID(0);
    if (i < n) dx[i] = bias_act_back(f, y[i], dy[i]);
}

// The bias gradient in the reference's order: each block of blockRows rows summed in order (one work-item per block
// and channel), then the blocks' sums added in order (one work-item per channel).
KERNEL void ck_bias_grad_blocks(GLOBAL const float* d, GLOBAL float* sums, int rows, int channels, int blockRows) {
    int e = GID(0);
    int blocks = (rows + blockRows - 1) / blockRows;
    if (e >= blocks * channels) return;
    int block = e / channels, c = e % channels, first = block * blockRows;
    int last = first + blockRows < rows ? first + blockRows : rows;
    float s = 0;
    for (int r = first; r < last; r++) s += d[r * channels + c];
    sums[e] = s;
}

KERNEL void ck_bias_grad(GLOBAL const float* sums, GLOBAL float* db, int blocks, int channels) {
    int c = GID(0);
    if (c >= channels) return;
    float s = 0;
    for (int b = 0; b < blocks; b++) s += sums[b * channels + c];
    db[c] = s;
}

FN float binop(int op, float x, float y) {
    switch (op) {
        case 0: return x + y;
        case 1: return x - y;
        case 2: return x * y;
        case 3: return x / y;
        case 4: return ck_pow(x, y);
        case 5: return ck_max(x, y);
        case 6: return ck_min(x, y);
        case 7: return x > y ? 1.0f : 0.0f;
        case 8: return x >= y ? 1.0f : 0.0f;
        case 9: return x < y ? 1.0f : 0.0f;
        case 10: return x <= y ? 1.0f : 0.0f;
        case 11: return x == y ? 1.0f : 0.0f;
        default: return x != y ? 1.0f : 0.0f;
    }
}

KERNEL void ck_binary(GLOBAL const float* a, GLOBAL const float* b, GLOBAL float* y, int op, Geo g) {
    int i = GID(0);
    if (i >= g.size) return;
    y[i] = binop(op, a[at_(&g, 0, i)], b[at_(&g, 1, i)]);
}

KERNEL void ck_where(GLOBAL const float* c, GLOBAL const float* a, GLOBAL const float* b, GLOBAL float* y, Geo g) {
    int i = GID(0);
    if (i >= g.size) return;
    y[i] = c[at_(&g, 0, i)] != 0 ? a[at_(&g, 1, i)] : b[at_(&g, 2, i)];
}

KERNEL void ck_copy(GLOBAL const float* src, GLOBAL float* dst, Geo g) {
    int i = GID(0);
    if (i >= g.size) return;
    dst[at_(&g, 1, i)] = src[at_(&g, 0, i)];
}

/* The common cases of broadcasting without the general index arithmetic: each operand is read at
   offset + (i / div) % mod — contiguous (div 1, mod n), a scalar (mod 1), a bias repeated along rows (mod = row length)
   or one value per row (div = row length). s holds offset, div, mod for a, b and y. */
FN int seq_(const int* s, int t, int i) { return s[3 * t] + (i / s[3 * t + 1]) % s[3 * t + 2]; }

typedef struct { int s[9]; } Seq;

KERNEL void ck_binary_seq(GLOBAL const float* a, GLOBAL const float* b, GLOBAL float* y, int op, int n, Seq q) {
    int i = GID(0);
    if (i >= n) return;
    y[i] = binop(op, a[seq_(q.s, 0, i)], b[seq_(q.s, 1, i)]);
}

KERNEL void ck_copy_seq(GLOBAL const float* src, GLOBAL float* dst, int n, Seq q) {
    int i = GID(0);
    if (i >= n) return;
    dst[seq_(q.s, 1, i)] = src[seq_(q.s, 0, i)];
}

KERNEL void ck_gather(GLOBAL const float* x, GLOBAL const float* idx, GLOBAL float* y, int outer, int axis, int inner, int count) {
    int e = GID(0);
    if (e >= outer * count * inner) return;
    int i = e % inner, t = e / inner, j = t % count, o = t / count;
    y[e] = x[(o * axis + (int)idx[j]) * inner + i];
}

KERNEL void ck_scatter_add(GLOBAL const float* x, GLOBAL const float* idx, GLOBAL float* y, int outer, int axis, int inner, int count) {
    int e = GID(0);
    if (e >= outer * axis * inner) return;
    int i = e % inner, t = e / inner, r = t % axis, o = t / axis;
    float acc = y[e];
    for (int j = 0; j < count; j++)
        if ((int)idx[j] == r) acc += x[(o * count + j) * inner + i];
    y[e] = acc;
}

KERNEL void ck_reduce(GLOBAL const float* x, GLOBAL float* y, int op, int outer, int length, int inner) {
    int e = GID(0);
    if (e >= outer * inner) return;
    int i = e % inner, o = e / inner;
    int start = o * length * inner + i;
    float best = x[start], sum = 0, carry = 0; /* Kahan summation: float32 sums of many numbers stay accurate */
    int bestAt = 0;
    bool isMax = op == 1 || op == 3;
    for (int j = 0; j < length; j++) {
        float v = x[start + j * inner];
        float yk = v - carry, t = sum + yk;
        carry = CK_ISFINITE(t) ? (t - sum) - yk : 0;
        sum = t;
        bool better = isMax ? v > best : v < best;
        if (better || (CK_ISNAN(v) && !CK_ISNAN(best))) { best = v; bestAt = j; }
    }
    y[e] = op == 0 ? sum : (op <= 2 ? best : (float)bestAt);
}

/* One work-group per row (inner == 1) for long rows: each work-item reduces every RT-th element (Kahan sums, the first
   winner for max/min), then the work-group combines its partial results pairwise in shared memory. */
FN bool takes_second(bool isMax, float va, int ia, float vb, int ib) {
    if (ib < 0) return false;                      /* an empty slot never wins */
    if (ia < 0) return true;
    bool na = CK_ISNAN(va), nb = CK_ISNAN(vb);
    if (na || nb) return nb && (!na || ib < ia);   /* the first NaN wins, as in a left-to-right scan */
    if (isMax ? vb > va : vb < va) return true;
    return vb == va && ib < ia;                    /* ties: the first index */
}

KERNEL void ck_reduce_rows(GLOBAL const float* x, GLOBAL float* y, int op, int length) {
    SHARED float sums[RT];
    SHARED float bests[RT];
    SHARED int ats[RT];
    int lid = LID(0), row = GROUP(0);
    GLOBAL const float* r = x + (long)row * length;
    bool isMax = op == 1 || op == 3;
    float sum = 0, carry = 0, best = 0;
    int bestAt = -1;
    for (int j = lid; j < length; j += RT) {
        float v = r[j];
        float yk = v - carry, t = sum + yk;
        carry = CK_ISFINITE(t) ? (t - sum) - yk : 0;
        sum = t;
        if (takes_second(isMax, best, bestAt, v, j)) { best = v; bestAt = j; }
    }
    sums[lid] = sum; bests[lid] = best; ats[lid] = bestAt;
    BARRIER();
    for (int step = RT / 2; step > 0; step /= 2) {
        if (lid < step) {
            sums[lid] += sums[lid + step];
            if (takes_second(isMax, bests[lid], ats[lid], bests[lid + step], ats[lid + step])) {
                bests[lid] = bests[lid + step];
                ats[lid] = ats[lid + step];
            }
        }
        BARRIER();
    }
    if (lid == 0) y[row] = op == 0 ? sums[0] : (op <= 2 ? bests[0] : (float)ats[0]);
}

/* C = op(A)·op(B), row-major, one matrix of the batch per GROUP(2). A GT×GT work-group computes a GTILE×GTILE tile of
   C, each work-item GW×GW outputs (rows ty, ty+GT, …; columns tx, tx+GT, …) held in registers; the operands pass
   through shared memory GK columns at a time, loaded so that neighbouring work-items read neighbouring addresses. */
KERNEL void ck_gemm(GLOBAL const float* A, GLOBAL const float* B, GLOBAL float* C,
                    int M, int N, int K, int ta, int tb, int sa, int sb, int sc) {
    SHARED float As[GK][GTILE + 1];
    SHARED float Bs[GK][GTILE + 1];
    int tx = LID(0), ty = LID(1), id = ty * GT + tx;
    int col0 = GROUP(0) * GTILE, row0 = GROUP(1) * GTILE, p = GROUP(2);
    A += (long)p * sa; B += (long)p * sb; C += (long)p * sc;
    float acc[GW][GW];
    for (int i = 0; i < GW; i++)
        for (int j = 0; j < GW; j++) acc[i][j] = 0.0f;
    for (int t = 0; t < K; t += GK) {
        for (int e = id; e < GK * GTILE; e += GT * GT) {
            int m = ta ? e % GTILE : e / GK, k = ta ? e / GTILE : e % GK;
            int row = row0 + m, kk = t + k;
            As[k][m] = (row < M && kk < K) ? (ta ? A[kk * M + row] : A[row * K + kk]) : 0.0f;
            int n = tb ? e / GK : e % GTILE, k2 = tb ? e % GK : e / GTILE;
            int col = col0 + n, kb = t + k2;
            Bs[k2][n] = (col < N && kb < K) ? (tb ? B[col * K + kb] : B[kb * N + col]) : 0.0f;
        }
        BARRIER();
        int depth = K - t < GK ? K - t : GK;
        for (int k = 0; k < depth; k++) {
            float a[GW], b[GW];
            for (int i = 0; i < GW; i++) a[i] = As[k][ty + i * GT];
            for (int j = 0; j < GW; j++) b[j] = Bs[k][tx + j * GT];
            for (int i = 0; i < GW; i++)
                for (int j = 0; j < GW; j++) acc[i][j] += a[i] * b[j];
        }
        BARRIER();
    }
    for (int i = 0; i < GW; i++)
        for (int j = 0; j < GW; j++) {
            int row = row0 + ty + i * GT, col = col0 + tx + j * GT;
            if (row < M && col < N) C[row * N + col] = acc[i][j];
        }
}

KERNEL void ck_optimizer(GLOBAL const float* w, GLOBAL const float* g, GLOBAL float* r,
                         GLOBAL float* s1, GLOBAL float* s2, GLOBAL float* s3,
                         int rule, float lr, float mom, float b1, float b2, float eps, int n) {
    int i = GID(0);
    if (i >= n) return;
    float gi = g[i];
    if (rule == 0) { r[i] = w[i] - lr * gi; return; }
    if (rule == 1) { float v = mom * s1[i] - lr * gi; s1[i] = v; r[i] = w[i] + v; return; }
    if (rule == 2) { float v = mom * s1[i] - lr * gi; s1[i] = v; r[i] = w[i] + mom * v - lr * gi; return; }
    float m = s1[i]; m += (gi - m) * (1 - b1); s1[i] = m;
    float v = s2[i]; v += (gi * gi - v) * (1 - b2); s2[i] = v;
    if (rule == 4) { v = ck_max(s3[i], v); s3[i] = v; }
    r[i] = w[i] - m * lr / (sqrt(v) + eps);
}

KERNEL void ck_im2col(GLOBAL const float* x, GLOBAL float* cols, Win w) {
    int e = GID(0);
    int patch = w.kh * w.kw * w.c;
    if (e >= w.n * w.oh * w.ow * patch) return;
    int row = e / patch, cc = e % patch;
    int ch = cc % w.c, kk = cc / w.c, kx = kk % w.kw, ky = kk / w.kw;
    int ox = row % w.ow, t = row / w.ow, oy = t % w.oh, n = t / w.oh;
    int iy = oy * w.sh - w.pt + ky, ix = ox * w.sw - w.pl + kx;
    cols[e] = (iy < 0 || iy >= w.h || ix < 0 || ix >= w.w) ? 0.0f : x[((n * w.h + iy) * w.w + ix) * w.c + ch];
}


KERNEL void ck_maxpool(GLOBAL const float* x, GLOBAL float* y, GLOBAL float* arg, Win w) {
    int e = GID(0);
    if (e >= w.n * w.oh * w.ow * w.c) return;
    int ch = e % w.c, t = e / w.c, ox = t % w.ow; t /= w.ow;
    int oy = t % w.oh, n = t / w.oh;
    float best = -CK_INF;
    int bestAt = -1;
    for (int k = 0; k < w.kh * w.kw; k++) {
        int iy = oy * w.sh - w.pt + k / w.kw, ix = ox * w.sw - w.pl + k % w.kw;
        if (iy < 0 || iy >= w.h || ix < 0 || ix >= w.w) continue;
        float v = x[((n * w.h + iy) * w.w + ix) * w.c + ch];
        if (bestAt < 0 || v > best) { best = v; bestAt = k; }
    }
    y[e] = best;
    arg[e] = (float)bestAt;
}


FN int window_count(Win w, int oy, int ox) {
    int y0 = oy * w.sh - w.pt, x0 = ox * w.sw - w.pl;
    int y1 = imin(y0 + w.kh, w.h), x1 = imin(x0 + w.kw, w.w);
    y0 = imax(y0, 0); x0 = imax(x0, 0);
    return imax(y1 - y0, 0) * imax(x1 - x0, 0);
}

KERNEL void ck_avgpool(GLOBAL const float* x, GLOBAL float* y, Win w) {
    int e = GID(0);
    if (e >= w.n * w.oh * w.ow * w.c) return;
    int ch = e % w.c, t = e / w.c, ox = t % w.ow; t /= w.ow;
    int oy = t % w.oh, n = t / w.oh;
    float sum = 0;
    int count = 0;
    for (int ky = 0; ky < w.kh; ky++)
        for (int kx = 0; kx < w.kw; kx++) {
            int iy = oy * w.sh - w.pt + ky, ix = ox * w.sw - w.pl + kx;
            if (iy < 0 || iy >= w.h || ix < 0 || ix >= w.w) continue;
            sum += x[((n * w.h + iy) * w.w + ix) * w.c + ch];
            count++;
        }
    y[e] = sum / count;
}

/* The backward passes of im2col and pooling, gathered per input pixel (no atomics): the sum, over every window that
   covers pixel (n, iy, ix) in channel ch, of that window's contribution — mode 0 col2im (the patch entry),
   1 max pooling (the gradient, if this pixel was the window's max), 2 average pooling (the gradient / window size). */
FN float windows_covering(int mode, GLOBAL const float* g, GLOBAL const float* arg, Win w, int n, int iy, int ix, int ch) {
    int patch = w.kh * w.kw * w.c;
    float sum = 0;
    for (int ky = 0; ky < w.kh; ky++) {
        int ty = iy + w.pt - ky;
        if (ty < 0 || ty % w.sh != 0) continue;
        int oy = ty / w.sh;
        if (oy >= w.oh) continue;
        for (int kx = 0; kx < w.kw; kx++) {
            int tx = ix + w.pl - kx;
            if (tx < 0 || tx % w.sw != 0) continue;
            int ox = tx / w.sw;
            if (ox >= w.ow) continue;
            int window = (n * w.oh + oy) * w.ow + ox;
            if (mode == 0) sum += g[window * patch + (ky * w.kw + kx) * w.c + ch];
            else if (mode == 1) { int o = window * w.c + ch; if ((int)arg[o] == ky * w.kw + kx) sum += g[o]; }
            else sum += g[window * w.c + ch] / (float)window_count(w, oy, ox);
        }
    }
    return sum;
}

KERNEL void ck_col2im(GLOBAL const float* cols, GLOBAL float* x, Win w) {
    int e = GID(0);
    if (e >= w.n * w.h * w.w * w.c) return;
    int ch = e % w.c, t = e / w.c, ix = t % w.w; t /= w.w;
    x[e] = windows_covering(0, cols, cols, w, t / w.h, t % w.h, ix, ch);
}

KERNEL void ck_maxpool_back(GLOBAL const float* dy, GLOBAL const float* arg, GLOBAL float* dx, Win w) {
    int e = GID(0);
    if (e >= w.n * w.h * w.w * w.c) return;
    int ch = e % w.c, t = e / w.c, ix = t % w.w; t /= w.w;
    dx[e] = windows_covering(1, dy, arg, w, t / w.h, t % w.h, ix, ch);
}

KERNEL void ck_avgpool_back(GLOBAL const float* dy, GLOBAL float* dx, Win w) {
    int e = GID(0);
    if (e >= w.n * w.h * w.w * w.c) return;
    int ch = e % w.c, t = e / w.c, ix = t % w.w; t /= w.w;
    dx[e] = windows_covering(2, dy, dy, w, t / w.h, t % w.h, ix, ch);
}
""";
}
