namespace CourseKit.Backends;

/// <summary>
/// The formulas of a layer's fused bias add and activation (<see cref="IBackend.BiasActivation"/>), one number at a time:
/// what the reference backend runs and what the fast backends' kernels agree with.
/// </summary>
internal static class FusedLayers
{
    /// <summary>The bias gradient sums this many rows at a time, then adds the blocks' sums in order: the same additions
    /// on one thread or many, so training gives the same numbers on any machine.</summary>
    public const int BiasBlockRows = 256;

    /// <summary>The activation's elementwise op (null for <see cref="FusedActivation.Linear"/>).</summary>
    public static UnaryOp? Unary(FusedActivation f) => f switch
    {
        FusedActivation.Relu => UnaryOp.Relu,
        FusedActivation.Sigmoid => UnaryOp.Sigmoid,
        FusedActivation.Tanh => UnaryOp.Tanh,
        _ => null,
    };

    /// <summary>f(z).</summary>
    public static float Forward(FusedActivation f, float z) => Unary(f) is UnaryOp op ? Scalar.Apply(op, z, 0, 0) : z;

    /// <summary>dy·f′, with f′ written in terms of the output y: relu passes dy where y &gt; 0, σ′ = y(1 − y), tanh′ = 1 − y².</summary>
    public static float Backward(FusedActivation f, float y, float dy) => f switch
    {
        FusedActivation.Relu => y > 0 ? dy : 0,
        FusedActivation.Sigmoid => dy * (y * (1 - y)),
        FusedActivation.Tanh => dy * (1 - y * y),
        _ => dy,
    };

    /// <summary>How many blocks of <see cref="BiasBlockRows"/> rows a (rows × channels) array has.</summary>
    public static int Blocks(int rows) => (rows + BiasBlockRows - 1) / BiasBlockRows;
}
