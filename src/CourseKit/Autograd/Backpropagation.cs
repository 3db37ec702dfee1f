namespace CourseKit;

/// <summary>Reverse-mode automatic differentiation: the chain rule applied node by node, from the output back to the leaves.</summary>
internal static class Backpropagation
{
    /// <summary>The backward pass from <paramref name="output"/>; <paramref name="warnAboutSteps"/>: whether to warn when the
    /// weights get their gradient only through a threshold step (see <see cref="ThresholdSteps"/>).</summary>
    public static void Run(Tensor output, Tensor? seed, bool warnAboutSteps = true)
    {
        if (!output.RequiresGrad)
            throw new InvalidOperationException(output.NoGradientOp is { } op ? NoGradient.Explain(op) :
                "Backward: this tensor does not depend on any tensor that requires a gradient, so there is nothing to differentiate. " +
                "Create the parameters with requiresGrad: true (or set x.RequiresGrad = true) before computing with them.");
        seed = SeedGradient(output, seed);

        // ∂output/∂node for this pass only; added to each node's Grad at the end, so that repeated Backward calls accumulate.
        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance) { [output] = seed };
        var order = TopologicalOrder(output);
        using (Autograd.NoGrad())
        {
            for (int i = order.Count - 1; i >= 0; i--)
            {
                var node = order[i];
                if (node.BackwardRule is null || !grads.TryGetValue(node, out var upstream)) continue;
                var inputGrads = node.BackwardRule(upstream);
                for (int k = 0; k < node.Inputs.Count; k++)
                {
                    var input = node.Inputs[k];
                    if (!input.RequiresGrad || inputGrads[k] is not Tensor g) continue;
                    grads[input] = grads.TryGetValue(input, out var sum) ? sum + g : g;
                }
            }
            foreach (var node in order)
                if (grads.TryGetValue(node, out var g))
                    node.Grad = node.Grad is null ? g : node.Grad + g;
        }
        if (warnAboutSteps) ThresholdSteps.WarnIfWeightsOnlyBehindSteps(output, order);
    }

    private static Tensor SeedGradient(Tensor output, Tensor? seed)
    {
        if (seed is null)
        {
            if (output.Size != 1)
                throw new InvalidOperationException(
                    $"Backward: the output has shape {ShapeMath.Format(output.ShapeView)}; Backward() without an argument needs a single number such as a loss. " +
                    "Reduce it first (.Sum() or .Mean()) or pass the upstream gradient: y.Backward(Tensor.OnesLike(y)).");
            return Tensor.OnesLike(output);
        }
        if (!ShapeMath.SameShape(seed.ShapeView, output.ShapeView))
            throw new ShapeException($"Backward: the gradient has shape {ShapeMath.Format(seed.ShapeView)} but the output has shape {ShapeMath.Format(output.ShapeView)}; they must match.");
        if (seed.Device != output.Device)
            throw new ArgumentException($"Backward: the gradient is on {seed.Device} but the output is on {output.Device}; move it with gradient.To(output.Device).");
        return seed.Detach();
    }

    /// <summary>Every node the output depends on, each after all of its inputs (iterative depth-first search, so deep graphs cannot overflow the stack).</summary>
    internal static List<Tensor> TopologicalOrder(Tensor output)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Node, int NextInput)>();
        stack.Push((output, 0));
        visited.Add(output);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.Inputs.Count)
            {
                stack.Push((node, next + 1));
                var input = node.Inputs[next];
                if (visited.Add(input)) stack.Push((input, 0));
            }
            else order.Add(node);
        }
        return order;
    }
}
