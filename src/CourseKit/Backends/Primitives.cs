namespace CourseKit.Backends;

/// <summary>Elementwise functions of one input. Parameters, where an op has them, come in <c>a</c> and <c>b</c>.</summary>
internal enum UnaryOp
{
    Neg, Abs, Sign, Exp, Log, Sqrt, Sigmoid, Tanh, Relu, Erf, Softplus,
    /// <summary>a·x + b</summary>
    Affine,
    /// <summary>x to the power a</summary>
    Pow,
    /// <summary>x limited to [a, b]</summary>
    Clip,
    /// <summary>The step: 1 for x &gt; 0, 0 for x &lt; 0, a at 0 (NaN stays NaN)</summary>
    Heaviside,
    /// <summary>sin x, x in radians</summary>
    Sin,
    /// <summary>cos x, x in radians</summary>
    Cos,
}

/// <summary>Elementwise functions of two inputs (broadcast). Comparisons give 1 for true and 0 for false.</summary>
internal enum BinaryOp { Add, Sub, Mul, Div, Pow, Max, Min, Greater, GreaterEqual, Less, LessEqual, Equal, NotEqual }

/// <summary>The activations a layer's bias add fuses with (<see cref="IBackend.BiasActivation"/>): each one's derivative
/// is a function of its output, so the backward pass needs only y.</summary>
internal enum FusedActivation { Linear, Relu, Sigmoid, Tanh }

/// <summary>Reductions along one axis.</summary>
internal enum ReduceOp { Sum, Max, Min, ArgMax, ArgMin }

/// <summary>
/// How to read (or write) an n-dimensional array from a flat buffer: element [i0, i1, …] is at
/// <c>Offset + Σ i_d · Strides[d]</c>. A stride of 0 repeats the same element (broadcasting).
/// </summary>
internal readonly record struct Layout(int Offset, int[] Strides)
{
    /// <summary>Row-major strides of a contiguous array of the given shape.</summary>
    public static Layout Contiguous(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int d = shape.Length - 1; d >= 0; d--) { strides[d] = s; s *= shape[d]; }
        return new Layout(0, strides);
    }
}

/// <summary>
/// A batch of matrix products C[i] = op(A[i]) · op(B[i]) with C row-major (m × n) and op(A) m × k, op(B) k × n.
/// A is stored (m × k) or, transposed, (k × m); B is stored (k × n) or (n × k). A batch stride of 0 reuses one
/// matrix for every product (e.g. one weight matrix for a batch of inputs).
/// </summary>
internal readonly record struct GemmShape(
    int Batch, int M, int N, int K, bool TransA, bool TransB, int StrideA, int StrideB, int StrideC);

/// <summary>Geometry of a 2-D convolution or pooling window on NHWC images.</summary>
internal readonly record struct Window2D(
    int Batch, int Height, int Width, int Channels,
    int KernelHeight, int KernelWidth, int StrideHeight, int StrideWidth,
    int PadTop, int PadLeft, int OutHeight, int OutWidth);

/// <summary>Optimizer update rules that backends fuse into one pass per weight (the busiest optimizers of a course).</summary>
internal enum UpdateRule
{
    /// <summary>w ← w − η·g</summary>
    Sgd,
    /// <summary>v ← μ·v − η·g; w ← w + v (slot 1: v)</summary>
    Momentum,
    /// <summary>v ← μ·v − η·g; w ← w + μ·v − η·g (slot 1: v)</summary>
    Nesterov,
    /// <summary>m ← m + (1 − β₁)(g − m); v ← v + (1 − β₂)(g² − v); w ← w − ηₜ·m/(√v + ε) (slots: m, v)</summary>
    Adam,
    /// <summary>Adam with v̂ ← max(v̂, v) in the denominator (slots: m, v, v̂)</summary>
    AmsGrad,
}

/// <summary>The numbers an update rule needs; η is the (bias-corrected, for Adam) step size.</summary>
internal readonly record struct UpdateSettings(float LearningRate, float Momentum = 0, float Beta1 = 0, float Beta2 = 0, float Epsilon = 0);
