using static CourseKit.Backends.OpenCl.OpenClNative;

namespace CourseKit.Backends.OpenCl;

/// <summary>
/// Every primitive as an OpenCL C kernel (see <see cref="OpenClKernels"/>) on one OpenCL device. Buffers are
/// <see cref="OpenClBuffer"/>s of that device's context; commands go to one in-order queue, and
/// <see cref="Download"/> waits for them.
/// </summary>
internal sealed unsafe class OpenClBackend : IBackend, IDisposable
{
    private readonly OpenClContext _cl;

    public OpenClBackend(OpenClDeviceInfo device) => _cl = new OpenClContext(device);

    public string Name => "opencl";

    internal OpenClDeviceInfo Info => _cl.Info;

    public void Dispose() => _cl.Dispose();

    // ---- memory ----
    public DeviceBuffer Allocate(int length)
    {
        var buffer = new OpenClBuffer(_cl.CreateBuffer(length), length, _cl);
        Fill(buffer, 0f);
        return buffer;
    }

    public DeviceBuffer Upload(ReadOnlySpan<float> data)
    {
        fixed (float* p = data) return new OpenClBuffer(_cl.CreateBuffer(data.Length, p), data.Length, _cl);
    }

    public void Download(DeviceBuffer source, Span<float> destination)
    {
        if (destination.Length == 0) return;
        var mem = Mem(source);
        if (destination.Length > source.Length)
            throw new ArgumentException($"Download: the destination holds {destination.Length} floats, the buffer only {source.Length}.");
        lock (_cl.Gate)
            fixed (float* p = destination)
                OpenClException.Check(clEnqueueReadBuffer(_cl.Queue, mem, 1, 0, (nuint)destination.Length * sizeof(float), p, 0, null, null),
                                      "clEnqueueReadBuffer (download)");
        GC.KeepAlive(source);
    }

    public void Fill(DeviceBuffer buffer, float value) => Launch("ck_fill", buffer.Length, buffer, value, buffer.Length);

    // ---- elementwise ----
    public void Unary(UnaryOp op, DeviceBuffer x, DeviceBuffer y, float a = 0, float b = 0) =>
        Launch("ck_unary", x.Length, x, y, (int)op, a, b, x.Length);

    public void Binary(BinaryOp op, DeviceBuffer a, Layout aLayout, DeviceBuffer b, Layout bLayout, DeviceBuffer y, int[] shape)
    {
        var geo = Geo(shape, aLayout, bLayout);
        Launch("ck_binary", geo[1], a, b, y, (int)op, geo);
    }

    public void Where(DeviceBuffer cond, Layout condLayout, DeviceBuffer a, Layout aLayout, DeviceBuffer b, Layout bLayout,
                      DeviceBuffer y, int[] shape)
    {
        var geo = Geo(shape, condLayout, aLayout, bLayout);
        Launch("ck_where", geo[1], cond, a, b, y, geo);
    }

    // ---- movement ----
    public void Copy(DeviceBuffer src, Layout srcLayout, DeviceBuffer dst, Layout dstLayout, int[] shape)
    {
        var geo = Geo(shape, srcLayout, dstLayout);
        Launch("ck_copy", geo[1], src, dst, geo);
    }

    public void Gather(DeviceBuffer x, int outer, int axisLength, int inner, DeviceBuffer indices, int count, DeviceBuffer y) =>
        Launch("ck_gather", outer * count * inner, x, indices, y, outer, axisLength, inner, count);

    public void ScatterAdd(DeviceBuffer x, int outer, int axisLength, int inner, DeviceBuffer indices, int count, DeviceBuffer y) =>
        Launch("ck_scatter_add", outer * axisLength * inner, x, indices, y, outer, axisLength, inner, count);

    // ---- reductions ----
    public void Reduce(ReduceOp op, DeviceBuffer x, int outer, int length, int inner, DeviceBuffer y) =>
        Launch("ck_reduce", outer * inner, x, y, (int)op, outer, length, inner);

    // ---- linear algebra ----
    public void Gemm(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, GemmShape s)
    {
        if (s.Batch <= 0 || s.M <= 0 || s.N <= 0) return;
        int t = OpenClKernels.Tile;
        nuint* global = stackalloc nuint[3] { (nuint)((s.N + t - 1) / t * t), (nuint)((s.M + t - 1) / t * t), (nuint)s.Batch };
        nuint* local = stackalloc nuint[3] { (nuint)t, (nuint)t, 1 };
        Enqueue("ck_gemm", 3, global, local,
                [a, b, c, s.M, s.N, s.K, s.TransA ? 1 : 0, s.TransB ? 1 : 0, s.StrideA, s.StrideB, s.StrideC]);
    }

    // ---- training ----
    public void OptimizerStep(UpdateRule rule, DeviceBuffer weight, DeviceBuffer gradient, DeviceBuffer result,
                              DeviceBuffer? slot1, DeviceBuffer? slot2, DeviceBuffer? slot3, UpdateSettings u)
    {
        bool adam = rule is UpdateRule.Adam or UpdateRule.AmsGrad;
        if ((rule is UpdateRule.Momentum or UpdateRule.Nesterov || adam) && slot1 is null
            || adam && slot2 is null || rule == UpdateRule.AmsGrad && slot3 is null)
            throw new ArgumentException($"OptimizerStep: {rule} needs its slot buffers.");
        Launch("ck_optimizer", weight.Length, weight, gradient, result, slot1 ?? result, slot2 ?? result, slot3 ?? result,
               (int)rule, u.LearningRate, u.Momentum, u.Beta1, u.Beta2, u.Epsilon, weight.Length);
    }

    // ---- convolution and pooling (NHWC) ----
    public void Im2Col(DeviceBuffer image, Window2D w, DeviceBuffer cols) =>
        Launch("ck_im2col", w.Batch * w.OutHeight * w.OutWidth * w.KernelHeight * w.KernelWidth * w.Channels, image, cols, Win(w));

    public void Col2Im(DeviceBuffer cols, Window2D w, DeviceBuffer image) =>
        Launch("ck_col2im", InputSize(w), cols, image, Win(w));

    public void MaxPool(DeviceBuffer x, Window2D w, DeviceBuffer y, DeviceBuffer argmax) =>
        Launch("ck_maxpool", OutputSize(w), x, y, argmax, Win(w));

    public void MaxPoolBackward(DeviceBuffer dy, DeviceBuffer argmax, Window2D w, DeviceBuffer dx) =>
        Launch("ck_maxpool_back", InputSize(w), dy, argmax, dx, Win(w));

    public void AvgPool(DeviceBuffer x, Window2D w, DeviceBuffer y) =>
        Launch("ck_avgpool", OutputSize(w), x, y, Win(w));

    public void AvgPoolBackward(DeviceBuffer dy, Window2D w, DeviceBuffer dx) =>
        Launch("ck_avgpool_back", InputSize(w), dy, dx, Win(w));

    // ---- plumbing ----
    private static int InputSize(Window2D w) => w.Batch * w.Height * w.Width * w.Channels;
    private static int OutputSize(Window2D w) => w.Batch * w.OutHeight * w.OutWidth * w.Channels;

    private static int[] Win(Window2D w) =>
        [w.Batch, w.Height, w.Width, w.Channels, w.KernelHeight, w.KernelWidth, w.StrideHeight, w.StrideWidth,
         w.PadTop, w.PadLeft, w.OutHeight, w.OutWidth];

    /// <summary>The kernels' Geo struct: rank, size, 3 offsets, 8 extents, 3 × 8 strides.</summary>
    private static int[] Geo(int[] shape, params Layout[] layouts)
    {
        const int R = OpenClKernels.MaxRank;
        if (shape.Length > R)
            throw new NotSupportedException($"The OpenCL backend handles up to {R} dimensions; this operation has {shape.Length}.");
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

    private IntPtr Mem(DeviceBuffer buffer) => buffer is OpenClBuffer b && ReferenceEquals(b.Owner, _cl)
        ? b.Memory.Value
        : throw new InvalidOperationException(
            $"A {buffer.GetType().Name} is not memory of the OpenCL device '{_cl.Info.DeviceName}'; move the tensor there first (x.To(device)).");

    private void Launch(string kernel, int count, params object[] args)
    {
        if (count <= 0) return;
        nuint global = (nuint)count;
        Enqueue(kernel, 1, &global, null, args);
    }

    private void Enqueue(string kernel, uint dims, nuint* global, nuint* local, object[] args)
    {
        lock (_cl.Gate)
        {
            IntPtr k = _cl.Kernel(kernel);
            for (uint i = 0; i < args.Length; i++)
            {
                int err;
                switch (args[i])
                {
                    case DeviceBuffer b:
                        IntPtr mem = Mem(b);
                        err = clSetKernelArg(k, i, (nuint)IntPtr.Size, &mem);
                        break;
                    case int v:
                        err = clSetKernelArg(k, i, sizeof(int), &v);
                        break;
                    case float v:
                        err = clSetKernelArg(k, i, sizeof(float), &v);
                        break;
                    case int[] s:
                        fixed (int* p = s) err = clSetKernelArg(k, i, (nuint)(s.Length * sizeof(int)), p);
                        break;
                    default:
                        throw new ArgumentException($"Unsupported kernel argument {args[i]?.GetType().Name ?? "null"}.");
                }
                OpenClException.Check(err, $"clSetKernelArg({kernel}, {i})");
            }
            int launch = clEnqueueNDRangeKernel(_cl.Queue, k, dims, null, global, local, 0, null, null);
            if (OpenClException.IsOutOfMemory(launch))
            {
                // the implementation may only back buffers with memory when a kernel first uses them
                long bytes = args.OfType<DeviceBuffer>().Sum(b => (long)b.Length * sizeof(float));
                throw OpenClOutOfMemoryException.Failed(_cl.Info, $"clEnqueueNDRangeKernel({kernel})", bytes, launch);
            }
            OpenClException.Check(launch, $"clEnqueueNDRangeKernel({kernel})");
        }
        GC.KeepAlive(args);
    }
}
