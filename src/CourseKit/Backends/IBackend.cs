namespace CourseKit.Backends;

/// <summary>
/// The seam between tensors and hardware. Everything above it (tensor ops, autograd, layers) is written once
/// against these few primitives; a backend (Reference, Cpu, and later OpenCL and CUDA) implements only them.
/// All buffers hold float32; index results (ArgMax, pooling positions) are stored as exact small floats.
/// Outputs are always contiguous and never alias inputs.
/// </summary>
internal interface IBackend
{
    /// <summary>Short lower-case name: "reference", "cpu", …</summary>
    string Name { get; }

    // ---- memory ----
    /// <summary>New zero-filled buffer.</summary>
    DeviceBuffer Allocate(int length);

    /// <summary>Memory for a result that the next primitive overwrites completely: not cleared first (each clear is a
    /// whole pass over memory, a tenth of a convolution layer's step).</summary>
    DeviceBuffer AllocateForOverwrite(int length);
    DeviceBuffer Upload(ReadOnlySpan<float> data);
    void Download(DeviceBuffer source, Span<float> destination);
    void Fill(DeviceBuffer buffer, float value);

    // ---- elementwise ----
    /// <summary>y[i] = f(x[i]) for contiguous buffers of equal length.</summary>
    void Unary(UnaryOp op, DeviceBuffer x, DeviceBuffer y, float a = 0, float b = 0);

    /// <summary>y = f(a, b) over <paramref name="shape"/>, reading a and b through their (broadcast) layouts.</summary>
    void Binary(BinaryOp op, DeviceBuffer a, Layout aLayout, DeviceBuffer b, Layout bLayout, DeviceBuffer y, int[] shape);

    /// <summary>y = cond ≠ 0 ? a : b over <paramref name="shape"/>, all three read through broadcast layouts.</summary>
    void Where(DeviceBuffer cond, Layout condLayout, DeviceBuffer a, Layout aLayout, DeviceBuffer b, Layout bLayout,
               DeviceBuffer y, int[] shape);

    // ---- movement ----
    /// <summary>dst[dstLayout(i)] = src[srcLayout(i)] for every index i of <paramref name="shape"/>
    /// (permute, slice, broadcast-expand, concatenate all reduce to this).</summary>
    void Copy(DeviceBuffer src, Layout srcLayout, DeviceBuffer dst, Layout dstLayout, int[] shape);

    /// <summary>Views x as (outer, axisLength, inner) and picks, for each of <paramref name="indices"/>, one slice:
    /// y[o, j, i] = x[o, indices[j], i].</summary>
    void Gather(DeviceBuffer x, int outer, int axisLength, int inner, DeviceBuffer indices, int count, DeviceBuffer y);

    /// <summary>The adjoint of <see cref="Gather"/>: y[o, indices[j], i] += x[o, j, i] (y is (outer, axisLength, inner)).</summary>
    void ScatterAdd(DeviceBuffer x, int outer, int axisLength, int inner, DeviceBuffer indices, int count, DeviceBuffer y);

    // ---- reductions ----
    /// <summary>Views x as (outer, length, inner) and reduces the middle axis: y is (outer, inner).</summary>
    void Reduce(ReduceOp op, DeviceBuffer x, int outer, int length, int inner, DeviceBuffer y);

    // ---- linear algebra ----
    /// <summary>C[i] = op(A[i]) · op(B[i]) for i in the batch (C overwritten).</summary>
    void Gemm(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, GemmShape shape);

    // ---- training ----
    /// <summary>One optimizer step for one weight: reads <paramref name="weight"/> and <paramref name="gradient"/>, updates the
    /// optimizer's slot buffers in place and writes the new weight into <paramref name="result"/> (see <see cref="UpdateRule"/>).</summary>
    void OptimizerStep(UpdateRule rule, DeviceBuffer weight, DeviceBuffer gradient, DeviceBuffer result,
                       DeviceBuffer? slot1, DeviceBuffer? slot2, DeviceBuffer? slot3, UpdateSettings settings);

    // ---- a layer's bias and activation, fused ----
    /// <summary>
    /// y[r, c] = f(x[r, c] + bias[c]) for a (rows × <paramref name="channels"/>) x, in one pass: what a Dense or Conv2D
    /// layer does after its matrix product. Without a bias, y = f(x).
    /// </summary>
    void BiasActivation(FusedActivation f, DeviceBuffer x, DeviceBuffer? bias, int channels, DeviceBuffer y);

    /// <summary>
    /// The gradients of <see cref="BiasActivation"/> from its output y and the upstream gradient dy: dx = dy·f′ (f′ from
    /// y: 1[y &gt; 0], y(1 − y), 1 − y²; dx is not written for <see cref="FusedActivation.Linear"/>, whose dx is dy), and,
    /// when <paramref name="dbias"/> is given, dbias[c] = Σ_r dx[r, c], summed in blocks of
    /// <see cref="FusedLayers.BiasBlockRows"/> rows in order, so the result does not depend on the number of threads.
    /// </summary>
    void BiasActivationBackward(FusedActivation f, DeviceBuffer y, DeviceBuffer dy, int channels, DeviceBuffer? dx, DeviceBuffer? dbias);

    // ---- convolution and pooling (NHWC) ----
    /// <summary>Unfolds image patches into rows: cols is (batch·outH·outW, kh·kw·channels); padding reads as 0.</summary>
    void Im2Col(DeviceBuffer image, Window2D w, DeviceBuffer cols);

    /// <summary>The adjoint of <see cref="Im2Col"/>: sums patch rows back into the image, which it clears
    /// first (every pixel is written, so the caller need not zero it).</summary>
    void Col2Im(DeviceBuffer cols, Window2D w, DeviceBuffer image);

    // ---- a Conv2D layer's products (the plain way: im2col into a (windows × patch) matrix, then GEMM; a fused backend
    // unfolds a few images at a time and multiplies each block while it is in cache) ----

    /// <summary>y = f(im2col(image) · kernel + bias): a Conv2D layer's forward pass, the kernel (patch × filters), the
    /// bias one number per filter (or none).</summary>
    /// <returns>When <paramref name="keepWindows"/> (the kernel gradient will be needed), the unfolded windows
    /// (windows × patch) if this backend keeps them for <see cref="Conv2DKernelGradient"/> — a GPU, where unfolding again
    /// costs a pass — or null if it unfolds again there (the CPU backend, which never holds the whole matrix).</returns>
    DeviceBuffer? Conv2DForward(DeviceBuffer image, DeviceBuffer kernel, DeviceBuffer? bias, FusedActivation f, Window2D w, int filters,
                                DeviceBuffer y, bool keepWindows);

    /// <summary>kernelGradient = im2col(image)ᵀ · dy, dy (windows × filters), with the windows that
    /// <see cref="Conv2DForward"/> kept, or null.</summary>
    void Conv2DKernelGradient(DeviceBuffer image, DeviceBuffer? windows, DeviceBuffer dy, Window2D w, int filters, DeviceBuffer kernelGradient);

    /// <summary>image = col2im(dy · kernelᵀ): the gradient with respect to the images (every pixel written).</summary>
    void Conv2DInputGradient(DeviceBuffer dy, DeviceBuffer kernel, Window2D w, int filters, DeviceBuffer image);

    /// <summary>Max over each window (padding never wins); <paramref name="argmax"/> receives the winner's position
    /// inside its window (0 … kh·kw−1), for the backward pass.</summary>
    void MaxPool(DeviceBuffer x, Window2D w, DeviceBuffer y, DeviceBuffer argmax);

    /// <summary>Routes each output gradient to its window's winner: dx (cleared by the primitive first) += dy at
    /// argmax.</summary>
    void MaxPoolBackward(DeviceBuffer dy, DeviceBuffer argmax, Window2D w, DeviceBuffer dx);

    /// <summary>Mean over each window, counting only positions inside the image (Keras/TensorFlow "same" semantics).</summary>
    void AvgPool(DeviceBuffer x, Window2D w, DeviceBuffer y);

    /// <summary>Spreads each output gradient evenly over its window's in-image positions (dx cleared by the
    /// primitive first).</summary>
    void AvgPoolBackward(DeviceBuffer dy, Window2D w, DeviceBuffer dx);
}
