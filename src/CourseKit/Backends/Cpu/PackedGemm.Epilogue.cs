using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CourseKit.Backends.Cpu;

internal static unsafe partial class PackedGemm
{
    /// <summary>
    /// What happens to each tile of C after its last k-slice, while it is still in the L1 cache: a layer's bias add and
    /// activation, C = f(C + bias[column]). Doing it here instead of in a separate pass saves reading and writing the
    /// whole of C once more (for the first convolution of the course CNN, 11 MB per batch).
    /// </summary>
    internal readonly struct Epilogue(float* bias, FusedActivation activation)
    {
        /// <summary>No epilogue: C is the plain product.</summary>
        public static Epilogue None => default;

        public readonly float* Bias = bias;
        public readonly FusedActivation Activation = activation;

        public bool IsNone => Bias == null && Activation == FusedActivation.Linear;

        /// <summary>Applies the epilogue to rows×cols of C at <paramref name="c"/>, whose first column is column
        /// <paramref name="column"/> of the whole product.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Apply(float* c, int ldc, int rows, int cols, int column)
        {
            for (int r = 0; r < rows; r++)
            {
                float* row = c + (long)r * ldc;
                var span = new Span<float>(row, cols);
                if (Bias != null) CpuBackend.Sum(span, new ReadOnlySpan<float>(Bias + column, cols), span);
                switch (Activation)
                {
                    case FusedActivation.Relu: Relu(row, cols); break;
                    case FusedActivation.Sigmoid: System.Numerics.Tensors.TensorPrimitives.Sigmoid(span, span); break;
                    case FusedActivation.Tanh: System.Numerics.Tensors.TensorPrimitives.Tanh(span, span); break;
                }
            }
        }

        /// <summary>max(x, 0) with the CPU backend's relu semantics (TensorPrimitives.Max): NaN stays NaN, −0 becomes +0.</summary>
        private static void Relu(float* row, int count)
        {
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
                for (; i + 8 <= count; i += 8)
                {
                    var x = Vector256.Load(row + i);
                    var keep = Vector256.GreaterThan(x, Vector256<float>.Zero) | ~Vector256.Equals(x, x);
                    Vector256.Store(Vector256.ConditionalSelect(keep, x, Vector256<float>.Zero), row + i);
                }
            for (; i < count; i++) row[i] = row[i] > 0 || float.IsNaN(row[i]) ? row[i] : 0f;
        }
    }
}
