namespace CourseKit.Backends.OpenCl;

/// <summary>The OpenCL C source of every primitive, compiled once per context. Each kernel computes what
/// <see cref="Reference.ReferenceBackend"/> computes, with one work-item per output element and no atomics.</summary>
internal static class OpenClKernels
{
    public const int MaxRank = 8;
    public const int Tile = 16;

    public const string Source = """
#pragma OPENCL FP_CONTRACT OFF
#define MAXR 8
#define TS 16

// rank, size, then offsets of up to 3 layouts, the shape, then 3 × 8 strides
typedef struct { int rank; int size; int off[3]; int shape[MAXR]; int str[3 * MAXR]; } Geo;
// Window2D, field for field
typedef struct { int n, h, w, c, kh, kw, sh, sw, pt, pl, oh, ow; } Win;

inline int at_(const Geo* g, int t, int linear) {
    int o = g->off[t];
    for (int d = g->rank - 1; d >= 0; d--) {
        int s = g->shape[d];
        o += (linear % s) * g->str[t * MAXR + d];
        linear /= s;
    }
    return o;
}

// .NET's MathF.Max / Min: a NaN in either argument gives NaN
inline float ck_max(float x, float y) { return isnan(x) ? x : isnan(y) ? y : (x > y ? x : (y > x ? y : (x == 0 && signbit(x) ? y : x))); }
inline float ck_min(float x, float y) { return isnan(x) ? x : isnan(y) ? y : (x < y ? x : (y < x ? y : (x == 0 && signbit(x) ? x : y))); }

inline float ck_pow(float x, float p) {
    if (p == 1.0f) return x;
    if (p == 2.0f) return x * x;
    if (p == 3.0f) return x * x * x;
    if (p == -1.0f) return 1.0f / x;
    if (p == 0.5f) return sqrt(x);
    return pow(x, p);
}

kernel void ck_fill(global float* y, float v, int n) {
    int i = get_global_id(0);
    if (i < n) y[i] = v;
}

kernel void ck_unary(global const float* x, global float* y, int op, float a, float b, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    float v = x[i], r;
    switch (op) {
        case 0: r = -v; break;
        case 1: r = fabs(v); break;
        case 2: r = isnan(v) ? v : (v > 0 ? 1.0f : (v < 0 ? -1.0f : 0.0f)); break;
        case 3: r = exp(v); break;
        case 4: r = log(v); break;
        case 5: r = sqrt(v); break;
        case 6: r = v >= 0 ? 1.0f / (1.0f + exp(-v)) : exp(v) / (1.0f + exp(v)); break;
        case 7: r = tanh(v); break;
        case 8: r = v > 0 ? v : (isnan(v) ? v : 0.0f); break;
        case 9: r = erf(v); break;
        case 10: r = (v > 0 ? v : 0.0f) + log1p(exp(-fabs(v))); break;
        case 11: r = a * v + b; break;
        case 12: r = ck_pow(v, a); break;
        default: r = ck_min(ck_max(v, a), b); break;
    }
    y[i] = r;
}

inline float binop(int op, float x, float y) {
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

kernel void ck_binary(global const float* a, global const float* b, global float* y, int op, Geo g) {
    int i = get_global_id(0);
    if (i >= g.size) return;
    y[i] = binop(op, a[at_(&g, 0, i)], b[at_(&g, 1, i)]);
}

kernel void ck_where(global const float* c, global const float* a, global const float* b, global float* y, Geo g) {
    int i = get_global_id(0);
    if (i >= g.size) return;
    y[i] = c[at_(&g, 0, i)] != 0 ? a[at_(&g, 1, i)] : b[at_(&g, 2, i)];
}

kernel void ck_copy(global const float* src, global float* dst, Geo g) {
    int i = get_global_id(0);
    if (i >= g.size) return;
    dst[at_(&g, 1, i)] = src[at_(&g, 0, i)];
}

kernel void ck_gather(global const float* x, global const float* idx, global float* y, int outer, int axis, int inner, int count) {
    int e = get_global_id(0);
    if (e >= outer * count * inner) return;
    int i = e % inner, t = e / inner, j = t % count, o = t / count;
    y[e] = x[(o * axis + (int)idx[j]) * inner + i];
}

kernel void ck_scatter_add(global const float* x, global const float* idx, global float* y, int outer, int axis, int inner, int count) {
    int e = get_global_id(0);
    if (e >= outer * axis * inner) return;
    int i = e % inner, t = e / inner, r = t % axis, o = t / axis;
    float acc = y[e];
    for (int j = 0; j < count; j++)
        if ((int)idx[j] == r) acc += x[(o * count + j) * inner + i];
    y[e] = acc;
}

kernel void ck_reduce(global const float* x, global float* y, int op, int outer, int length, int inner) {
    int e = get_global_id(0);
    if (e >= outer * inner) return;
    int i = e % inner, o = e / inner;
    int start = o * length * inner + i;
    float best = x[start], sum = 0, carry = 0; /* Kahan summation: float32 sums of many numbers stay accurate */
    int bestAt = 0;
    bool isMax = op == 1 || op == 3;
    for (int j = 0; j < length; j++) {
        float v = x[start + j * inner];
        float yk = v - carry, t = sum + yk;
        carry = isfinite(t) ? (t - sum) - yk : 0;
        sum = t;
        bool better = isMax ? v > best : v < best;
        if (better || (isnan(v) && !isnan(best))) { best = v; bestAt = j; }
    }
    y[e] = op == 0 ? sum : (op <= 2 ? best : (float)bestAt);
}

kernel void ck_gemm(global const float* A, global const float* B, global float* C,
                    int M, int N, int K, int ta, int tb, int sa, int sb, int sc) {
    local float As[TS][TS];
    local float Bs[TS][TS + 1];
    int col = get_global_id(0), row = get_global_id(1), p = get_global_id(2);
    int lc = get_local_id(0), lr = get_local_id(1);
    A += (long)p * sa; B += (long)p * sb; C += (long)p * sc;
    float acc = 0;
    for (int t = 0; t < K; t += TS) {
        int ak = t + lc, bk = t + lr;
        As[lr][lc] = (row < M && ak < K) ? (ta ? A[ak * M + row] : A[row * K + ak]) : 0.0f;
        Bs[lr][lc] = (col < N && bk < K) ? (tb ? B[col * K + bk] : B[bk * N + col]) : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        int end = K - t < TS ? K - t : TS;
        for (int l = 0; l < end; l++) acc += As[lr][l] * Bs[l][lc];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < M && col < N) C[row * N + col] = acc;
}

kernel void ck_optimizer(global const float* w, global const float* g, global float* r,
                         global float* s1, global float* s2, global float* s3,
                         int rule, float lr, float mom, float b1, float b2, float eps, int n) {
    int i = get_global_id(0);
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

kernel void ck_im2col(global const float* x, global float* cols, Win w) {
    int e = get_global_id(0);
    int patch = w.kh * w.kw * w.c;
    if (e >= w.n * w.oh * w.ow * patch) return;
    int row = e / patch, cc = e % patch;
    int ch = cc % w.c, kk = cc / w.c, kx = kk % w.kw, ky = kk / w.kw;
    int ox = row % w.ow, t = row / w.ow, oy = t % w.oh, n = t / w.oh;
    int iy = oy * w.sh - w.pt + ky, ix = ox * w.sw - w.pl + kx;
    cols[e] = (iy < 0 || iy >= w.h || ix < 0 || ix >= w.w) ? 0.0f : x[((n * w.h + iy) * w.w + ix) * w.c + ch];
}


kernel void ck_maxpool(global const float* x, global float* y, global float* arg, Win w) {
    int e = get_global_id(0);
    if (e >= w.n * w.oh * w.ow * w.c) return;
    int ch = e % w.c, t = e / w.c, ox = t % w.ow; t /= w.ow;
    int oy = t % w.oh, n = t / w.oh;
    float best = -INFINITY;
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


inline int window_count(Win w, int oy, int ox) {
    int y0 = oy * w.sh - w.pt, x0 = ox * w.sw - w.pl;
    int y1 = min(y0 + w.kh, w.h), x1 = min(x0 + w.kw, w.w);
    y0 = max(y0, 0); x0 = max(x0, 0);
    return max(y1 - y0, 0) * max(x1 - x0, 0);
}

kernel void ck_avgpool(global const float* x, global float* y, Win w) {
    int e = get_global_id(0);
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
inline float windows_covering(int mode, global const float* g, global const float* arg, Win w, int n, int iy, int ix, int ch) {
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

kernel void ck_col2im(global const float* cols, global float* x, Win w) {
    int e = get_global_id(0);
    if (e >= w.n * w.h * w.w * w.c) return;
    int ch = e % w.c, t = e / w.c, ix = t % w.w; t /= w.w;
    x[e] = windows_covering(0, cols, cols, w, t / w.h, t % w.h, ix, ch);
}

kernel void ck_maxpool_back(global const float* dy, global const float* arg, global float* dx, Win w) {
    int e = get_global_id(0);
    if (e >= w.n * w.h * w.w * w.c) return;
    int ch = e % w.c, t = e / w.c, ix = t % w.w; t /= w.w;
    dx[e] = windows_covering(1, dy, arg, w, t / w.h, t % w.h, ix, ch);
}

kernel void ck_avgpool_back(global const float* dy, global float* dx, Win w) {
    int e = get_global_id(0);
    if (e >= w.n * w.h * w.w * w.c) return;
    int ch = e % w.c, t = e / w.c, ix = t % w.w; t /= w.w;
    dx[e] = windows_covering(2, dy, dy, w, t / w.h, t % w.h, ix, ch);
}

""";
}
