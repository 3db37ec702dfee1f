namespace CourseKit;

public sealed partial class Tensor
{
    private bool _requiresGrad;

    /// <summary>
    /// Whether gradients are computed for this tensor. Set it on the parameters you want to learn
    /// (<c>Tensor.RandomNormal([2, 3], requiresGrad: true)</c>); results of operations on such tensors require
    /// gradients automatically.
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!value && Op is not null)
                throw new InvalidOperationException($"RequiresGrad: this tensor is the result of '{Op}' and part of a graph; use Detach() to get a copy without gradients.");
            _requiresGrad = value;
            NoGradientOp = null; // set on purpose: whatever made it (a Detach, say) no longer explains a missing gradient

        }
    }

    /// <summary>
    /// ∂(output)/∂(this tensor), filled in by <see cref="Backward"/>. Gradients add up over several Backward calls
    /// (as in PyTorch): call <see cref="ZeroGrad"/> between training steps. Unlike PyTorch, intermediate results
    /// keep their gradient too, so the whole graph can be inspected and drawn.
    /// </summary>
    public Tensor? Grad { get; set; }

    /// <summary>The operation that produced this tensor (<c>"matmul"</c>, <c>"add"</c>, <c>"sigmoid"</c>, …), or null for a leaf
    /// (data or a parameter, made directly rather than computed).</summary>
    public string? Op { get; private set; }

    /// <summary>The tensors <see cref="Op"/> was applied to (empty for a leaf).</summary>
    public IReadOnlyList<Tensor> Inputs { get; private set; } = [];

    /// <summary>The operation without a gradient (ArgMax, Sign, a comparison) that cut this tensor off from a tensor
    /// requiring a gradient, or null: Backward names it (see <see cref="NoGradient"/>).</summary>
    internal string? NoGradientOp { get; set; }

    /// <summary>True for a tensor that was not computed by a recorded operation.</summary>
    public bool IsLeaf => Op is null;

    /// <summary>The local derivative rule: given ∂out/∂(this result), the contribution to ∂out/∂(each input) (null where an input needs none).</summary>
    internal Func<Tensor, Tensor?[]>? BackwardRule { get; private set; }

    /// <summary>
    /// Remembers how <paramref name="result"/> was computed — if any input requires a gradient and gradients are enabled.
    /// Every differentiable operation ends with this call: its forward value, its name, its inputs and its local
    /// derivative rule side by side.
    /// </summary>
    internal static Tensor Record(Tensor result, string op, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (!Autograd.IsGradEnabled || !NoGradient.AnyRequiresGrad(inputs)) return NoGradient.Mark(result, NoGradient.NoGradScope, inputs);
        result._requiresGrad = true;
        result.Op = op;
        result.Inputs = inputs;
        result.BackwardRule = backward;
        return result;
    }

    /// <summary>
    /// Backpropagation: computes the gradient of this tensor with respect to every tensor in its graph that requires
    /// one, and adds it to their <see cref="Grad"/>. Without <paramref name="gradient"/> the tensor must be a single
    /// number (a loss); otherwise <paramref name="gradient"/> is ∂out/∂(this), with this tensor's shape.
    /// </summary>
    public void Backward(Tensor? gradient = null) => Backpropagation.Run(this, gradient);

    /// <summary>Forgets the gradient (sets <see cref="Grad"/> to null), before the next training step.</summary>
    public void ZeroGrad() => Grad = null;

    /// <summary>The computational graph that produced this tensor: nodes, edges, values and gradients.</summary>
    public ComputationGraph Graph() => ComputationGraph.Of(this);
}
