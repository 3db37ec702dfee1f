namespace CourseKit.Backends.Gpu;

/// <summary>
/// Everything the OpenCL and CUDA backends share: which kernel of <see cref="GpuKernels"/> computes each primitive and
/// with which arguments, and the memory pool. A concrete backend supplies only the driver calls — allocate and free
/// memory, copy to and from the host, launch a kernel by name — and may replace a primitive (CUDA's GEMM is cuBLAS).
/// </summary>
internal abstract class GpuBackend : IBackend, IDisposable
{
    protected GpuBackend() => Pool = new GpuMemoryPool(this);

    public abstract string Name { get; }

    /// <summary>The device's name for error messages, e.g. "NVIDIA H100 80GB HBM3".</summary>
    public abstract string DeviceName { get; }

    internal GpuMemoryPool Pool { get; }

    // ---- what each driver supplies ----

    /// <summary>Asks the driver for <paramref name="bytes"/>; <see cref="IntPtr.Zero"/> when the device is out of memory
    /// (the pool then frees its cache and tries again), an exception for any other failure.</summary>
    internal abstract IntPtr AllocateMemory(long bytes);

    internal abstract void FreeMemory(IntPtr memory);

    /// <summary>The error for a request the device cannot satisfy even with an empty cache.</summary>
    internal abstract DeviceOutOfMemoryException OutOfMemory(long requestedBytes, long bytesInUse);

    protected abstract void CopyToDevice(ReadOnlySpan<float> source, GpuBuffer destination);

    protected abstract void CopyToHost(GpuBuffer source, Span<float> destination);

    /// <summary>Runs kernel <paramref name="kernel"/> of <see cref="GpuKernels.Source"/> over <paramref name="grid"/>; the
    /// arguments are <see cref="GpuBuffer"/>s, ints, floats and int arrays (passed by value as the kernel's struct).</summary>
    protected abstract void Launch(string kernel, GpuGrid grid, object[] args);

    /// <summary>Waits until every queued command has finished.</summary>
    public abstract void Synchronize();

    public virtual void Dispose() => Pool.Trim();

    // ---- memory ----
    public DeviceBuffer Allocate(int length)
    {
        var buffer = Pool.Rent(length);
        Fill(buffer, 0f);
        return buffer;
    }

    public DeviceBuffer AllocateForOverwrite(int length) => Pool.Rent(length);

    public DeviceBuffer Upload(ReadOnlySpan<float> data)
    {
        var buffer = Pool.Rent(data.Length);
        if (data.Length > 0) CopyToDevice(data, buffer);
        return buffer;
    }

    public void Download(DeviceBuffer source, Span<float> destination)
    {
        var buffer = Own(source);
        if (destination.Length > source.Length)
            throw new ArgumentException($"Download: the destination holds {destination.Length} floats, the buffer only {source.Length}.");
        if (destination.Length > 0) CopyToHost(buffer, destination);
    }

    public virtual void Fill(DeviceBuffer buffer, float value) => Run("ck_fill", buffer.Length, buffer, value, buffer.Length);

    // ---- elementwise ----
    public void Unary(UnaryOp op, DeviceBuffer x, DeviceBuffer y, float a = 0, float b = 0) =>
        Run("ck_unary", x.Length, x, y, (int)op, a, b, x.Length);

    public void Binary(BinaryOp op, DeviceBuffer a, Layout aLayout, DeviceBuffer b, Layout bLayout, DeviceBuffer y, int[] shape)
    {
        if (Sequence(shape, aLayout, bLayout) is { } seq)
            Run("ck_binary_seq", seq.Count, a, b, y, (int)op, seq.Count, seq.Indexing);
        else
        {
            var geo = Geo(shape, aLayout, bLayout);
            Run("ck_binary", geo[1], a, b, y, (int)op, geo);
        }
    }

    public void Where(DeviceBuffer cond, Layout condLayout, DeviceBuffer a, Layout aLayout, DeviceBuffer b, Layout bLayout,
                      DeviceBuffer y, int[] shape)
    {
        var geo = Geo(shape, condLayout, aLayout, bLayout);
        Run("ck_where", geo[1], cond, a, b, y, geo);
    }

    // ---- movement ----
    public void Copy(DeviceBuffer src, Layout srcLayout, DeviceBuffer dst, Layout dstLayout, int[] shape)
    {
        if (Sequence(shape, srcLayout, dstLayout) is { } seq)
            Run("ck_copy_seq", seq.Count, src, dst, seq.Count, seq.Indexing);
        else
        {
            var geo = Geo(shape, srcLayout, dstLayout);
            Run("ck_copy", geo[1], src, dst, geo);
        }
    }

    public void Gather(DeviceBuffer x, int outer, int axisLength, int inner, DeviceBuffer indices, int count, DeviceBuffer y) =>
        Run("ck_gather", outer * count * inner, x, indices, y, outer, axisLength, inner, count);

    public void ScatterAdd(DeviceBuffer x, int outer, int axisLength, int inner, DeviceBuffer indices, int count, DeviceBuffer y) =>
        Run("ck_scatter_add", outer * axisLength * inner, x, indices, y, outer, axisLength, inner, count);

    // ---- reductions ----
    /// <summary>One work-item per output; long contiguous rows (inner = 1) get a whole work-group each, which reduces
    /// them as a tree in shared memory.</summary>
    public void Reduce(ReduceOp op, DeviceBuffer x, int outer, int length, int inner, DeviceBuffer y)
    {
        int threads = GpuKernels.ReduceThreads;
        if (inner == 1 && length >= threads && outer > 0)
            Launch("ck_reduce_rows", new GpuGrid(outer * threads, 1, 1, threads, 1, 1), Checked([x, y, (int)op, length]));
        else
            Run("ck_reduce", outer * inner, x, y, (int)op, outer, length, inner);
    }

    // ---- linear algebra ----
    /// <summary>The tiled, register-blocked kernel (<see cref="GpuKernels.GemmTile"/>² tiles of C per work-group); CUDA
    /// replaces it with cuBLAS.</summary>
    public virtual void Gemm(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, GemmShape s)
    {
        if (s.Batch <= 0 || s.M <= 0 || s.N <= 0) return;
        int tile = GpuKernels.GemmTile, threads = GpuKernels.GemmThreads;
        var grid = new GpuGrid((s.N + tile - 1) / tile * threads, (s.M + tile - 1) / tile * threads, s.Batch, threads, threads, 1);
        Launch("ck_gemm", grid, Checked([a, b, c, s.M, s.N, s.K, s.TransA ? 1 : 0, s.TransB ? 1 : 0, s.StrideA, s.StrideB, s.StrideC]));
    }

    // ---- training ----
    public void OptimizerStep(UpdateRule rule, DeviceBuffer weight, DeviceBuffer gradient, DeviceBuffer result,
                              DeviceBuffer? slot1, DeviceBuffer? slot2, DeviceBuffer? slot3, UpdateSettings u)
    {
        bool adam = rule is UpdateRule.Adam or UpdateRule.AmsGrad;
        if ((rule is UpdateRule.Momentum or UpdateRule.Nesterov || adam) && slot1 is null
            || adam && slot2 is null || rule == UpdateRule.AmsGrad && slot3 is null)
            throw new ArgumentException($"OptimizerStep: {rule} needs its slot buffers.");
        Run("ck_optimizer", weight.Length, weight, gradient, result, slot1 ?? result, slot2 ?? result, slot3 ?? result,
            (int)rule, u.LearningRate, u.Momentum, u.Beta1, u.Beta2, u.Epsilon, weight.Length);
    }

    // ---- a layer's bias and activation, fused ----
    public void BiasActivation(FusedActivation f, DeviceBuffer x, DeviceBuffer? bias, int channels, DeviceBuffer y) =>
        Run("ck_bias_act", y.Length, x, bias ?? x, y, FusedLayers.Unary(f) is UnaryOp op ? (int)op : -1, channels, bias is null ? 0 : 1, y.Length);

    /// <summary>dx elementwise; the bias gradient in two launches (block sums, then the blocks in order), with the same
    /// additions as the reference backend.</summary>
    public void BiasActivationBackward(FusedActivation f, DeviceBuffer y, DeviceBuffer dy, int channels, DeviceBuffer? dx, DeviceBuffer? dbias)
    {
        if (dx is not null) Run("ck_bias_act_back", y.Length, y, dy, dx, (int)f, y.Length);
        if (dbias is null) return;
        int rows = y.Length / channels, blocks = FusedLayers.Blocks(rows);
        if (blocks == 0) { Fill(dbias, 0f); return; }
        var sums = Pool.Rent(blocks * channels);
        try
        {
            Run("ck_bias_grad_blocks", blocks * channels, dx ?? dy, sums, rows, channels, FusedLayers.BiasBlockRows);
            Run("ck_bias_grad", channels, sums, dbias, blocks, channels);
        }
        finally { sums.Dispose(); }
    }

    // ---- convolution and pooling (NHWC) ----
    public void Im2Col(DeviceBuffer image, Window2D w, DeviceBuffer cols) =>
        Run("ck_im2col", w.Batch * w.OutHeight * w.OutWidth * w.KernelHeight * w.KernelWidth * w.Channels, image, cols, Win(w));

    // ---- a Conv2D layer's products: im2col into pooled scratch, then the GEMM (the scratch goes back to the pool as
    // soon as the kernels are queued; the queue runs them in order) ----
    public DeviceBuffer? Conv2DForward(DeviceBuffer image, DeviceBuffer kernel, DeviceBuffer? bias, FusedActivation f, Window2D w, int filters,
                                       DeviceBuffer y, bool keepWindows) =>
        Im2ColConvolution.Forward(this, image, kernel, bias, f, w, filters, y, keepWindows);

    /// <summary>Split-k over groups of images (up to <see cref="KernelGradientGroups"/>): one GEMM would leave the sum
    /// over every window of the batch to the one or two work-groups that cover the small patch × filters result.</summary>
    public void Conv2DKernelGradient(DeviceBuffer image, DeviceBuffer? windows, DeviceBuffer dy, Window2D w, int filters, DeviceBuffer kernelGradient) =>
        Im2ColConvolution.KernelGradient(this, image, windows, dy, w, filters, kernelGradient, LargestDivisorUpTo(w.Batch, KernelGradientGroups));

    public void Conv2DInputGradient(DeviceBuffer dy, DeviceBuffer kernel, Window2D w, int filters, DeviceBuffer image) =>
        Im2ColConvolution.InputGradient(this, dy, kernel, w, filters, image);

    private const int KernelGradientGroups = 32;

    private static int LargestDivisorUpTo(int n, int limit)
    {
        for (int d = Math.Min(n, limit); d > 1; d--)
            if (n % d == 0) return d;
        return 1;
    }

    public void Col2Im(DeviceBuffer cols, Window2D w, DeviceBuffer image) =>
        Run("ck_col2im", InputSize(w), cols, image, Win(w));

    public void MaxPool(DeviceBuffer x, Window2D w, DeviceBuffer y, DeviceBuffer argmax) =>
        Run("ck_maxpool", OutputSize(w), x, y, argmax, Win(w));

    public void MaxPoolBackward(DeviceBuffer dy, DeviceBuffer argmax, Window2D w, DeviceBuffer dx) =>
        Run("ck_maxpool_back", InputSize(w), dy, argmax, dx, Win(w));

    public void AvgPool(DeviceBuffer x, Window2D w, DeviceBuffer y) =>
        Run("ck_avgpool", OutputSize(w), x, y, Win(w));

    public void AvgPoolBackward(DeviceBuffer dy, Window2D w, DeviceBuffer dx) =>
        Run("ck_avgpool_back", InputSize(w), dy, dx, Win(w));

    // ---- plumbing ----
    private static int InputSize(Window2D w) => w.Batch * w.Height * w.Width * w.Channels;
    private static int OutputSize(Window2D w) => w.Batch * w.OutHeight * w.OutWidth * w.Channels;

    private static int[] Win(Window2D w) =>
        [w.Batch, w.Height, w.Width, w.Channels, w.KernelHeight, w.KernelWidth, w.StrideHeight, w.StrideWidth,
         w.PadTop, w.PadLeft, w.OutHeight, w.OutWidth];

    /// <summary>The kernels' Geo struct: rank, size, 3 offsets, 8 extents, 3 × 8 strides.</summary>
    private static int[] Geo(int[] shape, params Layout[] layouts)
    {
        const int R = GpuKernels.MaxRank;
        if (shape.Length > R)
            throw new NotSupportedException($"The GPU backends handle up to {R} dimensions; this operation has {shape.Length}.");
        var g = new int[2 + 3 + R + 3 * R];
        g[0] = shape.Length;
        long size = 1;
        foreach (int d in shape) size *= d;
        g[1] = checked((int)size);
        for (int d = 0; d < R; d++) g[5 + d] = d < shape.Length ? shape[d] : 1;
        for (int t = 0; t < layouts.Length; t++)
        {
            g[2 + t] = layouts[t].Offset;
            for (int d = 0; d < shape.Length; d++) g[5 + R + t * R + d] = layouts[t].Strides[d];
        }
        return g;
    }

    /// <summary>The indexing of the sequence kernels when every layout reads element i of <paramref name="shape"/> at
    /// offset + (i / div) % mod — true when an operand's non-broadcast axes are one run of consecutive axes stored
    /// contiguously (a whole array, a scalar, a bias row, a value per row, a slice along the first axis); null otherwise.</summary>
    private static (int Count, int[] Indexing)? Sequence(int[] shape, params Layout[] layouts)
    {
        long count = 1;
        foreach (int d in shape) count *= d;
        if (count > int.MaxValue) return null;
        var indexing = new int[9];
        for (int t = 0; t < layouts.Length; t++)
        {
            var strides = layouts[t].Strides;
            int first = -1, last = -1;   // the run of axes (of extent > 1) that this operand really moves along
            for (int d = 0; d < shape.Length; d++)
            {
                if (shape[d] == 1 || strides[d] == 0) continue;
                if (first < 0) first = d;
                else if (last != d - 1 && !AllUnit(shape, last + 1, d)) return null;
                last = d;
            }
            int div = 1, mod = 1, expected = 1;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                if (d > last) div *= shape[d];
                else if (d >= first && shape[d] > 1)
                {
                    if (strides[d] != expected) return null;
                    expected *= shape[d];
                    mod *= shape[d];
                }
            }
            indexing[3 * t] = layouts[t].Offset;
            indexing[3 * t + 1] = first < 0 ? 1 : div;
            indexing[3 * t + 2] = mod;
        }
        return ((int)count, indexing);
    }

    private static bool AllUnit(int[] shape, int from, int to)
    {
        for (int d = from; d < to; d++)
            if (shape[d] != 1) return false;
        return true;
    }

    /// <summary>The buffer as memory of this device, or the error that tells how to move it here.</summary>
    protected GpuBuffer Own(DeviceBuffer buffer) => buffer is GpuBuffer b && ReferenceEquals(b.Owner, this)
        ? b
        : throw new InvalidOperationException(
            $"A {(buffer is GpuBuffer g ? g.Owner.Name + " buffer of '" + g.Owner.DeviceName + "'" : "host buffer")} is not memory of the " +
            $"{Name} device '{DeviceName}'; move the tensor there first (x.To(device)).");

    private object[] Checked(object[] args)
    {
        for (int i = 0; i < args.Length; i++)
            if (args[i] is DeviceBuffer b) args[i] = Own(b);
        return args;
    }

    /// <summary>One work-item per element of a 1-D range of <paramref name="count"/>.</summary>
    private void Run(string kernel, int count, params object[] args)
    {
        if (count <= 0) return;
        Launch(kernel, new GpuGrid(count), Checked(args));
    }
}
