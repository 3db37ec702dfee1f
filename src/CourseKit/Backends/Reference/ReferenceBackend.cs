namespace CourseKit.Backends.Reference;

/// <summary>
/// The reference backend: every primitive as the plainest possible loop over host memory. Slow on purpose;
/// it is the yardstick the fast backends are tested against. <see cref="Cpu.CpuBackend"/> inherits it and
/// replaces the hot primitives with fast versions.
/// </summary>
internal class ReferenceBackend : IBackend
{
    public virtual string Name => "reference";

    protected static float[] Host(DeviceBuffer buffer) => buffer is HostBuffer h
        ? h.Data
        : throw new InvalidOperationException($"A {buffer.GetType().Name} is not host memory; move the tensor to the CPU first.");

    // ---- memory ----
    public DeviceBuffer Allocate(int length) => new HostBuffer(HostMemoryPool.Rent(length, zeroed: true));

    public DeviceBuffer AllocateForOverwrite(int length) => new HostBuffer(HostMemoryPool.Rent(length, zeroed: false));

    public DeviceBuffer Upload(ReadOnlySpan<float> data)
    {
        var array = HostMemoryPool.Rent(data.Length, zeroed: false);
        data.CopyTo(array);
        return new HostBuffer(array);
    }

    public void Download(DeviceBuffer source, Span<float> destination) => Host(source).AsSpan(0, destination.Length).CopyTo(destination);
    public virtual void Fill(DeviceBuffer buffer, float value) => Array.Fill(Host(buffer), value);

    // ---- elementwise ----
    public virtual void Unary(UnaryOp op, DeviceBuffer x, DeviceBuffer y, float a = 0, float b = 0)
    {
        float[] xs = Host(x), ys = Host(y);
        for (int i = 0; i < xs.Length; i++) ys[i] = Scalar.Apply(op, xs[i], a, b);
    }

    public virtual void Binary(BinaryOp op, DeviceBuffer a, Layout aLayout, DeviceBuffer b, Layout bLayout, DeviceBuffer y, int[] shape)
    {
        float[] av = Host(a), bv = Host(b), yv = Host(y);
        for (int i = 0; i < yv.Length; i++)
            yv[i] = Scalar.Apply(op, av[OffsetOf(i, shape, aLayout)], bv[OffsetOf(i, shape, bLayout)]);
    }

    public virtual void Where(DeviceBuffer cond, Layout condLayout, DeviceBuffer a, Layout aLayout, DeviceBuffer b, Layout bLayout,
                              DeviceBuffer y, int[] shape)
    {
        float[] cv = Host(cond), av = Host(a), bv = Host(b), yv = Host(y);
        for (int i = 0; i < yv.Length; i++)
            yv[i] = cv[OffsetOf(i, shape, condLayout)] != 0 ? av[OffsetOf(i, shape, aLayout)] : bv[OffsetOf(i, shape, bLayout)];
    }

    // ---- movement ----
    public virtual void Copy(DeviceBuffer src, Layout srcLayout, DeviceBuffer dst, Layout dstLayout, int[] shape)
    {
        float[] s = Host(src), d = Host(dst);
        int size = ShapeMath.Size(shape);
        for (int i = 0; i < size; i++) d[OffsetOf(i, shape, dstLayout)] = s[OffsetOf(i, shape, srcLayout)];
    }

    public virtual void Gather(DeviceBuffer x, int outer, int axisLength, int inner, DeviceBuffer indices, int count, DeviceBuffer y)
    {
        float[] xv = Host(x), iv = Host(indices), yv = Host(y);
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < count; j++)
                for (int i = 0; i < inner; i++)
                    yv[(o * count + j) * inner + i] = xv[(o * axisLength + (int)iv[j]) * inner + i];
    }

    public virtual void ScatterAdd(DeviceBuffer x, int outer, int axisLength, int inner, DeviceBuffer indices, int count, DeviceBuffer y)
    {
        float[] xv = Host(x), iv = Host(indices), yv = Host(y);
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < count; j++)
                for (int i = 0; i < inner; i++)
                    yv[(o * axisLength + (int)iv[j]) * inner + i] += xv[(o * count + j) * inner + i];
    }

    // ---- reductions ----
    public virtual void Reduce(ReduceOp op, DeviceBuffer x, int outer, int length, int inner, DeviceBuffer y)
    {
        float[] xv = Host(x), yv = Host(y);
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int start = o * length * inner + i;
                float best = xv[start];
                int bestAt = 0;
                double sum = 0;
                for (int j = 0; j < length; j++)
                {
                    float v = xv[start + j * inner];
                    sum += v;
                    bool better = op is ReduceOp.Max or ReduceOp.ArgMax ? v > best : v < best;
                    if (better || float.IsNaN(v) && !float.IsNaN(best)) { best = v; bestAt = j; }
                }
                yv[o * inner + i] = op switch
                {
                    ReduceOp.Sum => (float)sum,
                    ReduceOp.Max or ReduceOp.Min => best,
                    _ => bestAt,
                };
            }
    }

    // ---- linear algebra ----
    public virtual void Gemm(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, GemmShape s)
    {
        float[] av = Host(a), bv = Host(b), cv = Host(c);
        for (int p = 0; p < s.Batch; p++)
        {
            int aBase = p * s.StrideA, bBase = p * s.StrideB, cBase = p * s.StrideC;
            for (int i = 0; i < s.M; i++)
                for (int j = 0; j < s.N; j++)
                {
                    float sum = 0;
                    for (int l = 0; l < s.K; l++)
                    {
                        float x = s.TransA ? av[aBase + l * s.M + i] : av[aBase + i * s.K + l];
                        float w = s.TransB ? bv[bBase + j * s.K + l] : bv[bBase + l * s.N + j];
                        sum += x * w;
                    }
                    cv[cBase + i * s.N + j] = sum;
                }
        }
    }

    // ---- training ----
    public virtual void OptimizerStep(UpdateRule rule, DeviceBuffer weight, DeviceBuffer gradient, DeviceBuffer result,
                                      DeviceBuffer? slot1, DeviceBuffer? slot2, DeviceBuffer? slot3, UpdateSettings settings) =>
        Scalar.Step(rule, Host(weight), Host(gradient), Host(result), Slot(slot1), Slot(slot2), Slot(slot3), settings, 0, weight.Length);

    protected static float[]? Slot(DeviceBuffer? slot) => slot is null ? null : Host(slot);

    // ---- convolution and pooling ----
    // ---- a layer's bias and activation, fused ----
    public virtual void BiasActivation(FusedActivation f, DeviceBuffer x, DeviceBuffer? bias, int channels, DeviceBuffer y)
    {
        float[] xv = Host(x), yv = Host(y);
        float[]? b = bias is null ? null : Host(bias);
        for (int i = 0; i < yv.Length; i++)
            yv[i] = FusedLayers.Forward(f, b is null ? xv[i] : xv[i] + b[i % channels]);
    }

    public virtual void BiasActivationBackward(FusedActivation f, DeviceBuffer y, DeviceBuffer dy, int channels, DeviceBuffer? dx, DeviceBuffer? dbias)
    {
        float[] yv = Host(y), g = Host(dy);
        float[]? d = dx is null ? null : Host(dx), db = dbias is null ? null : Host(dbias);
        int rows = yv.Length / channels;
        if (db is not null) Array.Clear(db, 0, channels);
        var block = new float[channels];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < channels; c++)
            {
                int i = r * channels + c;
                float v = FusedLayers.Backward(f, yv[i], g[i]);
                if (d is not null) d[i] = v;
                block[c] += v;
            }
            if (db is null || (r + 1) % FusedLayers.BiasBlockRows != 0 && r + 1 != rows) continue;
            for (int c = 0; c < channels; c++) db[c] += block[c];
            Array.Clear(block);
        }
    }

    public virtual void Im2Col(DeviceBuffer image, Window2D w, DeviceBuffer cols)
    {
        float[] x = Host(image), c = Host(cols);
        foreach (var (entry, input) in PatchEntries(w)) c[entry] = input is int at ? x[at] : 0f;
    }

    public virtual DeviceBuffer? Conv2DForward(DeviceBuffer image, DeviceBuffer kernel, DeviceBuffer? bias, FusedActivation f, Window2D w, int filters,
                                               DeviceBuffer y, bool keepWindows) =>
        Im2ColConvolution.Forward(this, image, kernel, bias, f, w, filters, y, keepWindows);

    public virtual void Conv2DKernelGradient(DeviceBuffer image, DeviceBuffer? windows, DeviceBuffer dy, Window2D w, int filters, DeviceBuffer kernelGradient) =>
        Im2ColConvolution.KernelGradient(this, image, windows, dy, w, filters, kernelGradient);

    public virtual void Conv2DInputGradient(DeviceBuffer dy, DeviceBuffer kernel, Window2D w, int filters, DeviceBuffer image) =>
        Im2ColConvolution.InputGradient(this, dy, kernel, w, filters, image);

    public virtual void Col2Im(DeviceBuffer cols, Window2D w, DeviceBuffer image)
    {
        float[] x = Host(image), c = Host(cols);
        Array.Clear(x);
        foreach (var (entry, input) in PatchEntries(w))
            if (input is int at) x[at] += c[entry];
    }

    /// <summary>Every entry of the im2col matrix in order, with the image element it copies (null for padding):
    /// row = output position (n, oh, ow), column = (kernel row, kernel column, channel).</summary>
    private static IEnumerable<(int Entry, int? Input)> PatchEntries(Window2D w)
    {
        int entry = 0;
        foreach (var (n, oh, ow) in OutputPositions(w))
            for (int kh = 0; kh < w.KernelHeight; kh++)
                for (int kw = 0; kw < w.KernelWidth; kw++)
                    for (int ch = 0; ch < w.Channels; ch++)
                        yield return (entry++, InputAt(w, n, oh, ow, kh, kw) + ch);
    }

    public virtual void MaxPool(DeviceBuffer x, Window2D w, DeviceBuffer y, DeviceBuffer argmax)
    {
        float[] xv = Host(x), yv = Host(y), av = Host(argmax);
        int o = 0;
        foreach (var (n, oh, ow) in OutputPositions(w))
            for (int ch = 0; ch < w.Channels; ch++, o++)
            {
                float best = float.NegativeInfinity;
                int bestAt = -1;
                for (int k = 0; k < w.KernelHeight * w.KernelWidth; k++)
                    if (InputAt(w, n, oh, ow, k / w.KernelWidth, k % w.KernelWidth) is int at && (bestAt < 0 || xv[at + ch] > best))
                    {
                        best = xv[at + ch];
                        bestAt = k;
                    }
                yv[o] = best;
                av[o] = bestAt;
            }
    }

    public virtual void MaxPoolBackward(DeviceBuffer dy, DeviceBuffer argmax, Window2D w, DeviceBuffer dx)
    {
        float[] g = Host(dy), av = Host(argmax), d = Host(dx);
        Array.Clear(d);
        int o = 0;
        foreach (var (n, oh, ow) in OutputPositions(w))
            for (int ch = 0; ch < w.Channels; ch++, o++)
            {
                int k = (int)av[o];
                d[InputAt(w, n, oh, ow, k / w.KernelWidth, k % w.KernelWidth)!.Value + ch] += g[o];
            }
    }

    public virtual void AvgPool(DeviceBuffer x, Window2D w, DeviceBuffer y)
    {
        float[] xv = Host(x), yv = Host(y);
        int o = 0;
        foreach (var (n, oh, ow) in OutputPositions(w))
            for (int ch = 0; ch < w.Channels; ch++, o++)
            {
                float sum = 0;
                int count = 0;
                foreach (int at in WindowInputs(w, n, oh, ow)) { sum += xv[at + ch]; count++; }
                yv[o] = sum / count;
            }
    }

    public virtual void AvgPoolBackward(DeviceBuffer dy, Window2D w, DeviceBuffer dx)
    {
        float[] g = Host(dy), d = Host(dx);
        Array.Clear(d);
        int o = 0;
        foreach (var (n, oh, ow) in OutputPositions(w))
            for (int ch = 0; ch < w.Channels; ch++, o++)
            {
                var inputs = WindowInputs(w, n, oh, ow).ToList();
                foreach (int at in inputs) d[at + ch] += g[o] / inputs.Count;
            }
    }

    // ---- helpers shared with the fast backends ----

    /// <summary>Where element number <paramref name="linear"/> (row-major over <paramref name="shape"/>) sits in a buffer read through <paramref name="layout"/>.</summary>
    protected internal static int OffsetOf(int linear, int[] shape, Layout layout)
    {
        int offset = layout.Offset;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            offset += linear % shape[d] * layout.Strides[d];
            linear /= shape[d];
        }
        return offset;
    }

    protected static int PatchSize(Window2D w) => w.KernelHeight * w.KernelWidth * w.Channels;

    /// <summary>Every (image, output row, output column), in row-major order.</summary>
    protected static IEnumerable<(int N, int Oh, int Ow)> OutputPositions(Window2D w)
    {
        for (int n = 0; n < w.Batch; n++)
            for (int oh = 0; oh < w.OutHeight; oh++)
                for (int ow = 0; ow < w.OutWidth; ow++)
                    yield return (n, oh, ow);
    }

    /// <summary>Offset of channel 0 of the input pixel under kernel tap (kh, kw), or null where it falls in the padding.</summary>
    protected static int? InputAt(Window2D w, int n, int oh, int ow, int kh, int kw)
    {
        int ih = oh * w.StrideHeight - w.PadTop + kh, iw = ow * w.StrideWidth - w.PadLeft + kw;
        if (ih < 0 || ih >= w.Height || iw < 0 || iw >= w.Width) return null;
        return ((n * w.Height + ih) * w.Width + iw) * w.Channels;
    }

    private static IEnumerable<int> WindowInputs(Window2D w, int n, int oh, int ow)
    {
        for (int kh = 0; kh < w.KernelHeight; kh++)
            for (int kw = 0; kw < w.KernelWidth; kw++)
                if (InputAt(w, n, oh, ow, kh, kw) is int at) yield return at;
    }
}
